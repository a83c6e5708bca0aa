import { createRequire } from 'node:module'
import {
  argmax,
  conv2dReluMaxPool2d,
  crossEntropy,
  getBackend,
  linear,
  matmul,
  narrow,
  noGrad,
  Parameter,
  relu,
  reshape,
  setBackend,
  Tensor,
} from '@knack/core'
import { adam, createOptimizer, sgd } from '@knack/optim'
import type { BenchData } from './bench-data'
import type { ParamArrays } from './init-weights'
import { toTorchLayout } from './layouts'
import { matmulInputs, runMatmulPlan } from './matmul-bench'
import type { BenchResult } from './result'
import { roundTo } from './result'
import type { BenchSpec, MatmulPlan, ModelName, TrainPlan } from './spec'
import { type ProgressFn, recordTrainOutcome, runTrainPlan, type StepRunner } from './train-driver'

/** A model built from Knack ops over named parameters in PyTorch layouts. */
export interface KnackModel {
  params: Record<string, Parameter>
  /** Logits `[B, 10]` of a batch of flat images `[B, 784]`. */
  forward(x: Tensor): Tensor
}

function mlpForward(p: Record<string, Parameter>, x: Tensor): Tensor {
  const h1 = relu(linear(x, p.w1!, p.b1))
  const h2 = relu(linear(h1, p.w2!, p.b2))
  return linear(h2, p.w3!, p.b3)
}

function cnnForward(p: Record<string, Parameter>, x: Tensor): Tensor {
  const batch = x.shape[0]!
  let h = reshape(x, [batch, 1, 28, 28])
  h = conv2dReluMaxPool2d(h, p.c1_w!, p.c1_b, { padding: 1 }, { kernelSize: 2 })
  h = conv2dReluMaxPool2d(h, p.c2_w!, p.c2_b, { padding: 1 }, { kernelSize: 2 })
  return linear(reshape(h, [batch, 7 * 7 * 32]), p.d_w!, p.d_b)
}

/**
 * The spec's model with its canonical initial weights converted once to Knack's PyTorch
 * layouts (Linear `[out, in]`, Conv2d OIHW, (c, h, w) flatten), as trainable parameters.
 */
export function buildKnackModel(spec: BenchSpec, model: ModelName, init: ParamArrays): KnackModel {
  const params: Record<string, Parameter> = {}
  for (const [name, { data, shape }] of Object.entries(toTorchLayout(spec, model, init))) {
    params[name] = new Parameter(new Tensor(data, shape))
  }
  const forward = model === 'mlp' ? mlpForward : cnnForward
  return { params, forward: (x) => forward(params, x) }
}

/** Share of rows of `images` (`[N, 784]`) whose argmax logit equals the label. */
export function knackAccuracy(model: KnackModel, images: Tensor, labels: Uint8Array): number {
  const n = labels.length
  const chunk = 500
  let correct = 0
  noGrad(() => {
    for (let start = 0; start < n; start += chunk) {
      const size = Math.min(chunk, n - start)
      const predicted = argmax(model.forward(narrow(images, 0, start, size)), 1).data
      for (let i = 0; i < size; i++) if (predicted[i] === labels[start + i]) correct++
    }
  })
  return correct / n
}

function optimizerFor(plan: TrainPlan, params: Record<string, Parameter>) {
  const o = plan.optimizer
  if (o.name === 'adam') {
    return createOptimizer(params, adam({ lr: o.lr, betas: [o.beta1, o.beta2], eps: o.eps }))
  }
  return createOptimizer(
    params,
    sgd({ lr: o.lr, momentum: o.momentum, dampening: o.dampening, nesterov: o.nesterov }),
  )
}

/** A {@link StepRunner} training the plan's model with Knack on the active backend. */
export function knackStepRunner(spec: BenchSpec, plan: TrainPlan, data: BenchData): StepRunner {
  const [trainStart, trainEnd] = spec.data.train
  const [testStart, testEnd] = spec.data.test
  const pixels = spec.data.height * spec.data.width
  const trainX = new Tensor(data.images.slice(trainStart * pixels, trainEnd * pixels), [
    trainEnd - trainStart,
    pixels,
  ])
  const trainY = new Tensor(Int32Array.from(data.labels.subarray(trainStart, trainEnd)), [
    trainEnd - trainStart,
  ])
  const testX = new Tensor(data.images.slice(testStart * pixels, testEnd * pixels), [
    testEnd - testStart,
    pixels,
  ])
  const testLabels = data.labels.slice(testStart, testEnd)
  const model = buildKnackModel(spec, plan.model, data.init[plan.model])
  const optimizer = optimizerFor(plan, model.params)
  return {
    step(row, read) {
      const x = narrow(trainX, 0, row, plan.batch)
      const y = narrow(trainY, 0, row, plan.batch)
      const loss = crossEntropy(model.forward(x), y)
      optimizer.zeroGrad()
      loss.backward()
      optimizer.step()
      return read ? loss.item() : null
    },
    evaluate: () => knackAccuracy(model, testX, testLabels),
  }
}

/** Version of `@knack/core` as its package.json states it. */
export function knackVersion(): string {
  return (createRequire(import.meta.url)('@knack/core/package.json') as { version: string }).version
}

function baseResult(backend: string, workload: string): BenchResult {
  return {
    framework: 'knack',
    framework_version: knackVersion(),
    backend,
    workload,
    test_acc: null,
    last_loss: null,
    threads: 1,
    notes: `@knack/core ${backend} backend, Node ${process.version}`,
  }
}

/**
 * Activates a Knack backend and waits until it is ready when it says how (the `wasm`
 * backend's `whenReady()` resolves once its worker threads can take work); returns a note
 * for the result when its GEMM uses relaxed-SIMD fused multiply-adds.
 */
export async function useKnackBackend(name: string): Promise<string> {
  setBackend(name)
  const backend = getBackend() as { whenReady?: () => Promise<void>; fma?: boolean }
  if (typeof backend.whenReady === 'function') await backend.whenReady()
  return backend.fma === true ? '; GEMM with relaxed-SIMD fused multiply-adds' : ''
}

/** Trains the plan with Knack on backend `backend` and reports the spec's output line. */
export async function runKnackTraining(
  spec: BenchSpec,
  plan: TrainPlan,
  data: BenchData,
  backend: string,
  progress?: ProgressFn,
): Promise<BenchResult> {
  const result = baseResult(backend, plan.workload)
  const ops =
    plan.model === 'mlp'
      ? 'linear, relu'
      : 'conv2dReluMaxPool2d (conv2d → relu → maxPool2d as one fused op), linear'
  result.notes += `; model from core ops (${ops}, crossEntropy), @knack/optim createOptimizer(${plan.optimizer.name === 'adam' ? 'adam' : 'sgd'}) with its default finite-gradient check`
  try {
    const setupStart = performance.now()
    result.notes += await useKnackBackend(backend)
    const runner = knackStepRunner(spec, plan, data)
    const out = runTrainPlan(plan, runner, setupStart, undefined, progress)
    result.threads = getBackend().threads
    recordTrainOutcome(result, plan, out)
  } catch (error) {
    result.error = error instanceof Error ? error.message : String(error)
  }
  return result
}

/** Times W3 at one size with Knack's `matmul` on backend `backend`. */
export async function runKnackMatmul(plan: MatmulPlan, backend: string): Promise<BenchResult> {
  const result = baseResult(backend, plan.workload)
  try {
    result.notes += await useKnackBackend(backend)
    const { a, b } = matmulInputs(plan.n)
    const A = new Tensor(a, [plan.n, plan.n])
    const B = new Tensor(b, [plan.n, plan.n])
    const out = runMatmulPlan(plan, a, b, () => matmul(A, B).data)
    result.threads = getBackend().threads
    result.gflops = roundTo(out.gflops, 4)
    result.check_rel_err = roundTo(out.checkRelErr, 3)
    result.notes += '; matmul op'
  } catch (error) {
    result.error = error instanceof Error ? error.message : String(error)
  }
  return result
}
