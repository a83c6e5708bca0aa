import { createRequire, register } from 'node:module'
import { dirname, join } from 'node:path'
import * as tf from '@tensorflow/tfjs-core'
import '@tensorflow/tfjs-backend-cpu'
import { ArgumentError } from '@knack/core'
import { getThreadsCount, setWasmPaths, version_wasm } from '@tensorflow/tfjs-backend-wasm'
import type { BenchData } from './bench-data'
import { matmulInputs, runMatmulPlan } from './matmul-bench'
import { type BenchResult, roundTo } from './result'
import type { BenchSpec, MatmulPlan, TrainPlan } from './spec'
import { type ProgressFn, recordTrainOutcome, runTrainPlan, type StepRunner } from './train-driver'

// tfjs-core's Node bundle registers no gradients (the `@tensorflow/tfjs` union package does
// that). Register them from tfjs-core's own ES-module build: its engine, kernel and gradient
// registries are process-wide globals, shared with the bundle imported above.
register('./tfjs-esm-hooks.ts', import.meta.url)
await import('@tensorflow/tfjs-core/dist/register_all_gradients.js')

/** TensorFlow.js backends this harness runs. */
export type TfjsBackend = 'cpu' | 'wasm'

let wasmPathsSet = false

/**
 * Activates a TensorFlow.js backend; for `wasm`, first points it at the `.wasm` binaries in its
 * own package directory (Node cannot fetch them from a URL).
 */
export async function useTfjsBackend(backend: TfjsBackend): Promise<void> {
  if (backend === 'wasm' && !wasmPathsSet) {
    const pkg = createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/package.json')
    setWasmPaths(`${join(dirname(pkg), 'dist')}/`)
    wasmPathsSet = true
  }
  if (!(await tf.setBackend(backend))) {
    throw new ArgumentError('tfjs', `TensorFlow.js could not initialize its ${backend} backend`)
  }
}

function threadsOf(backend: TfjsBackend): number {
  return backend === 'wasm' ? getThreadsCount() : 1
}

function notesOf(backend: TfjsBackend): string {
  if (backend === 'cpu')
    return `tfjs-core ${tf.version_core} cpu backend (plain JS), Node ${process.version}`
  const simd = tf.env().getBool('WASM_HAS_SIMD_SUPPORT') ? 'SIMD' : 'no SIMD'
  const mt = tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT')
    ? 'threads available'
    : 'no threads under Node'
  return `tfjs-backend-wasm ${version_wasm} (XNNPACK, ${simd}, ${mt}), Node ${process.version}`
}

function baseResult(backend: TfjsBackend, workload: string): BenchResult {
  return {
    framework: 'tfjs',
    framework_version: tf.version_core,
    backend,
    workload,
    test_acc: null,
    last_loss: null,
    threads: 1,
    notes: '',
  }
}

type Vars = Record<string, tf.Variable>

function forwardFn(model: TrainPlan['model'], v: Vars): (x: tf.Tensor2D) => tf.Tensor {
  if (model === 'mlp') {
    return (x) => {
      const h1 = tf.relu(tf.fused.matMul({ a: x, b: v.w1 as tf.Tensor2D, bias: v.b1 }))
      const h2 = tf.relu(tf.fused.matMul({ a: h1, b: v.w2 as tf.Tensor2D, bias: v.b2 }))
      return tf.fused.matMul({ a: h2, b: v.w3 as tf.Tensor2D, bias: v.b3 })
    }
  }
  return (x) => {
    const batch = x.shape[0]
    const conv = (h: tf.Tensor4D, w: string, b: string) =>
      tf.maxPool(
        tf.relu(
          tf.fused.conv2d({
            x: h,
            filter: v[w] as tf.Tensor4D,
            strides: 1,
            pad: 'same',
            bias: v[b],
          }),
        ),
        2,
        2,
        'valid',
      )
    const h = conv(conv(tf.reshape(x, [batch, 28, 28, 1]), 'c1_w', 'c1_b'), 'c2_w', 'c2_b')
    return tf.fused.matMul({
      a: tf.reshape(h, [batch, 7 * 7 * 32]),
      b: v.d_w as tf.Tensor2D,
      bias: v.d_b,
    })
  }
}

function optimizerFor(plan: TrainPlan): tf.Optimizer {
  const o = plan.optimizer
  if (o.name === 'adam') return tf.train.adam(o.lr, o.beta1, o.beta2, o.eps)
  if (o.dampening !== 0 || o.nesterov) {
    throw new ArgumentError('tfjs', 'tf.train.momentum has no dampening', 'use dampening 0')
  }
  return tf.train.momentum(o.lr, o.momentum, false)
}

interface TfjsTrainer extends StepRunner {
  dispose(): void
}

/** Labels as one-hot float32 rows `[n, classes]`, on the host. */
function oneHotRows(labels: Uint8Array, classes: number): Float32Array {
  const out = new Float32Array(labels.length * classes)
  for (let i = 0; i < labels.length; i++) out[i * classes + labels[i]!] = 1
  return out
}

/**
 * TF.js training on the plan. The train set stays on the host and each step uploads its batch
 * with `tf.tensor2d` (inside the step's `tf.tidy`): `tf.slice` of one big train tensor costs
 * the wasm backend a copy of the whole tensor per call, so uploading is TF.js's faster way.
 */
function tfjsStepRunner(spec: BenchSpec, plan: TrainPlan, data: BenchData): TfjsTrainer {
  const pixels = spec.data.height * spec.data.width
  const [trainStart, trainEnd] = spec.data.train
  const [testStart, testEnd] = spec.data.test
  const trainX = data.images.subarray(trainStart * pixels, trainEnd * pixels)
  const trainY = oneHotRows(data.labels.subarray(trainStart, trainEnd), 10)
  const test = {
    x: tf.tensor2d(data.images.subarray(testStart * pixels, testEnd * pixels), [
      testEnd - testStart,
      pixels,
    ]),
    labels: data.labels.slice(testStart, testEnd),
  }
  const vars: Vars = {}
  for (const p of spec.models[plan.model].params) {
    vars[p.name] = tf.variable(tf.tensor(data.init[plan.model][p.name]!, p.shape), true, p.name)
  }
  const varList = Object.values(vars)
  const forward = forwardFn(plan.model, vars)
  const optimizer = optimizerFor(plan)
  return {
    step(row, read) {
      const cost = tf.tidy(() => {
        const end = row + plan.batch
        const x = tf.tensor2d(trainX.subarray(row * pixels, end * pixels), [plan.batch, pixels])
        const y = tf.tensor2d(trainY.subarray(row * 10, end * 10), [plan.batch, 10])
        return optimizer.minimize(
          () => tf.losses.softmaxCrossEntropy(y, forward(x)),
          true,
          varList,
        )!
      })
      const loss = read ? cost.dataSync()[0]! : null
      cost.dispose()
      return loss
    },
    evaluate() {
      const n = test.labels.length
      const chunk = 500
      let correct = 0
      for (let start = 0; start < n; start += chunk) {
        const size = Math.min(chunk, n - start)
        const predicted = tf.tidy(() =>
          tf.argMax(forward(tf.slice(test.x, [start, 0], [size, pixels]) as tf.Tensor2D), 1),
        )
        const values = predicted.dataSync()
        predicted.dispose()
        for (let i = 0; i < size; i++) if (values[i] === test.labels[start + i]) correct++
      }
      return correct / n
    },
    dispose() {
      tf.dispose([test.x, ...varList])
      optimizer.dispose()
    },
  }
}

/** Trains the plan with TensorFlow.js on `backend` and reports the spec's output line. */
export async function runTfjsTraining(
  spec: BenchSpec,
  plan: TrainPlan,
  data: BenchData,
  backend: TfjsBackend,
  progress?: ProgressFn,
): Promise<BenchResult> {
  const result = baseResult(backend, plan.workload)
  let trainer: TfjsTrainer | null = null
  try {
    const setupStart = performance.now()
    await useTfjsBackend(backend)
    result.threads = threadsOf(backend)
    result.notes = `${notesOf(backend)}; fused matMul/conv2d + relu, optimizer.minimize in tf.tidy`
    trainer = tfjsStepRunner(spec, plan, data)
    const out = runTrainPlan(plan, trainer, setupStart, undefined, progress)
    recordTrainOutcome(result, plan, out)
  } catch (error) {
    result.error = error instanceof Error ? error.message : String(error)
  } finally {
    trainer?.dispose()
  }
  return result
}

/** Times W3 at one size with `tf.matMul` + `dataSync()` on `backend`. */
export async function runTfjsMatmul(plan: MatmulPlan, backend: TfjsBackend): Promise<BenchResult> {
  const result = baseResult(backend, plan.workload)
  try {
    await useTfjsBackend(backend)
    result.threads = threadsOf(backend)
    result.notes = `${notesOf(backend)}; tf.matMul + dataSync`
    const { a, b } = matmulInputs(plan.n)
    const A = tf.tensor2d(a, [plan.n, plan.n])
    const B = tf.tensor2d(b, [plan.n, plan.n])
    const out = runMatmulPlan(plan, a, b, () => {
      const c = tf.matMul(A, B)
      const values = c.dataSync()
      c.dispose()
      return values
    })
    tf.dispose([A, B])
    result.gflops = roundTo(out.gflops, 4)
    result.check_rel_err = roundTo(out.checkRelErr, 3)
  } catch (error) {
    result.error = error instanceof Error ? error.message : String(error)
  }
  return result
}
