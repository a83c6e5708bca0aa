import { afterAll, describe, expect, it } from 'vitest'
import { ArgumentError } from '../../errors'
import { Parameter } from '../../nn/parameter'
import { relu } from '../../ops/activation/relu'
import { conv2d } from '../../ops/conv/conv2d'
import { maxPool2d } from '../../ops/conv/max-pool2d'
import { slidingWindow } from '../../ops/conv/window'
import { linear } from '../../ops/linalg/linear'
import { crossEntropy } from '../../ops/loss/cross-entropy'
import { reshape } from '../../ops/shape/reshape'
import { Generator } from '../../random/generator'
import { Tensor } from '../../tensor'
import type { Backend, Conv2dGeometry, MatmulOptions, Window2d } from '../backend'
import { jsBackend } from '../js/js-backend'
import { setBackend } from '../registry'
import { createWasmBackend } from './wasm-backend'
import { MAX_CHUNKS } from './worker-source'

const single = createWasmBackend({ threads: 1, name: 'wasm-single' })
const threaded = createWasmBackend({ threads: 3, name: 'wasm-threaded' })
afterAll(() => {
  single.terminate()
  threaded.terminate()
})

const random = (n: number, gen: Generator) =>
  Float32Array.from({ length: n }, () => 2 * gen.nextFloat() - 1)

function expectClose(actual: Float32Array, expected: Float32Array, tol: number, what: string) {
  expect(actual.length).toBe(expected.length)
  for (let i = 0; i < expected.length; i++) {
    if (!(Math.abs(actual[i]! - expected[i]!) <= tol * (1 + Math.abs(expected[i]!)))) {
      expect.fail(`${what}: element ${i} is ${actual[i]}, expected ${expected[i]}`)
    }
  }
}

describe('createWasmBackend', () => {
  it('describes itself as a backend that outranks js', () => {
    expect(single.name).toBe('wasm-single')
    expect(single.priority).toBeGreaterThan(jsBackend.priority)
    expect(single.threads).toBe(1)
    expect(single.poolSize).toBe(1)
    expect(createWasmBackend().name).toBe('wasm')
  })

  it('validates the thread count from the options and from KNACK_THREADS', () => {
    expect(() => createWasmBackend({ threads: 0 })).toThrow(ArgumentError)
    expect(() => createWasmBackend({ threads: 1.5 })).toThrow(/threads must be a positive integer/)
    const saved = process.env.KNACK_THREADS
    try {
      process.env.KNACK_THREADS = 'two'
      expect(() => createWasmBackend()).toThrow(/KNACK_THREADS must be a positive integer/)
      process.env.KNACK_THREADS = '1'
      expect(createWasmBackend().poolSize).toBe(1)
    } finally {
      if (saved === undefined) delete process.env.KNACK_THREADS
      else process.env.KNACK_THREADS = saved
    }
  })
})

/** The window of a 3×3 convolution with stride 1 and padding 1 (output size = input size). */
const sameConv3x3 = (channels: number, size: [number, number]) =>
  slidingWindow('test', size, channels, [3, 3], [1, 1], [1, 1], [1, 1])

describe('threaded wasm kernels', () => {
  const gen = new Generator(99)

  it('start their workers in the background and run with every thread once ready', async () => {
    expect(threaded.poolSize).toBe(3)
    await threaded.whenReady()
    expect(threaded.threads).toBe(3)
  })

  it('give bit-identical products whether rows (sharing one packed B), columns or the batch are split', async () => {
    await threaded.whenReady()
    const cases: MatmulOptions[] = [
      { m: 301, n: 77, k: 150 },
      { m: 45, n: 530, k: 140, transA: true, transB: true },
      { m: 70, n: 60, k: 90, batch: 5, transB: true },
      { m: 97, n: 33, k: 200, batch: 3, strideOut: 0, accumulate: true, transA: true },
      { m: 7, n: 900, k: 300, transB: true },
      { m: 64, n: 50, k: 70, batch: 2, strideB: 0 },
      { m: 40, n: 1100, k: 300, transA: true },
    ]
    for (const o of cases) {
      const batch = o.batch ?? 1
      const a = random(batch * o.m * o.k, gen)
      const b = random((o.strideB === 0 ? 1 : batch) * o.k * o.n, gen)
      const outs = [single, threaded].map(() => new Float32Array(batch * o.m * o.n))
      single.matmul(a, b, outs[0]!, o)
      threaded.matmul(a, b, outs[1]!, o)
      expect(outs[1]).toEqual(outs[0])
    }
  })

  it('run a batch of more images than a job has chunks, like one thread', async () => {
    await threaded.whenReady()
    const batch = MAX_CHUNKS + 116
    const g: Conv2dGeometry = {
      ...sameConv3x3(2, [6, 6]),
      batch,
      groups: 1,
      outChannels: 4,
    }
    const input = random(batch * 2 * 36, gen)
    const weight = random(4 * 2 * 9, gen)
    const outs = [single, threaded].map((be) => {
      const out = new Float32Array(batch * 4 * 36)
      be.conv2d(input, weight, null, out, g)
      const gradInput = new Float32Array(input.length)
      be.conv2dBackward(out, input, weight, gradInput, null, null, g)
      return [out, gradInput]
    })
    expect(outs[1]).toEqual(outs[0])
  })

  it('split convolutions, pooling and the fused block over images and planes, bit-identical to one thread', async () => {
    await threaded.whenReady()
    const g: Conv2dGeometry = { ...sameConv3x3(8, [14, 14]), batch: 7, groups: 1, outChannels: 16 }
    const input = random(g.batch * 8 * 14 * 14, gen)
    const weight = random(16 * 8 * 9, gen)
    const bias = random(16, gen)
    const outLength = g.batch * 16 * 14 * 14
    const [o1, o2] = [new Float32Array(outLength), new Float32Array(outLength)]
    single.conv2d(input, weight, bias, o1, g)
    threaded.conv2d(input, weight, bias, o2, g)
    expect(o2).toEqual(o1)
    const gradOut = random(outLength, gen)
    const grads = [single, threaded].map((be) => {
      const gs = [
        new Float32Array(input.length),
        new Float32Array(weight.length),
        new Float32Array(16),
      ]
      be.conv2dBackward(gradOut, input, weight, gs[0]!, gs[1]!, gs[2]!, g)
      return gs
    })
    // Partial weight and bias gradients are kept per chunk of images, not per thread.
    expect(grads[1]).toEqual(grads[0])
    // 128 planes of 28 × 28: enough work for every thread.
    const w: Window2d = {
      ...g,
      channels: 128,
      height: 28,
      width: 28,
      kernelH: 2,
      kernelW: 2,
      strideH: 2,
      strideW: 2,
      padH: 0,
      padW: 0,
      outH: 14,
      outW: 14,
    }
    const planes = random(128 * 28 * 28, gen)
    const n = w.channels * 14 * 14
    const pooled = [single, threaded].map((be) => {
      const out = new Float32Array(n)
      const idx = new Int32Array(n)
      be.maxPool2d(planes, out, idx, w)
      const gx = new Float32Array(planes.length)
      be.maxPool2dBackward(out, idx, gx, w)
      const avg = new Float32Array(n)
      be.avgPool2d(planes, avg, w, true)
      be.avgPool2dBackward(avg, gx, w, true)
      return { out, idx, gx, avg }
    })
    expect(pooled[1]).toEqual(pooled[0])
    // The fused block over the same convolution, the input gradient not requested.
    const blockPool = slidingWindow('test', [14, 14], g.batch * 16, [2, 2], [2, 2], [0, 0], [1, 1])
    const blockSize = blockPool.channels * 7 * 7
    const blockGrad = random(blockSize, gen)
    const blocks = [single, threaded].map((be) => {
      const out = new Float32Array(blockSize)
      const idx = new Int32Array(blockSize)
      be.conv2dReluMaxPool2d(input, weight, bias, out, idx, g, blockPool)
      const gw = new Float32Array(weight.length)
      const gb = new Float32Array(16)
      be.conv2dReluMaxPool2dBackward(blockGrad, out, idx, input, weight, null, gw, gb, g, blockPool)
      return { out, idx, gw, gb }
    })
    expect(blocks[1]).toEqual(blocks[0])
  })
})

describe('training on wasm', () => {
  /** A few steps of plain SGD on `.grad` from seeded weights and data; returns losses and weights. */
  function train(backend: Backend, model: 'mlp' | 'cnn') {
    const previous = setBackend(backend)
    try {
      const gen = new Generator(2024)
      const param = (shape: number[], scale: number) => {
        const size = shape.reduce((a, b) => a * b, 1)
        return new Parameter(
          new Tensor(
            random(size, gen).map((v) => v * scale),
            shape,
          ),
        )
      }
      const batch = 16
      const params =
        model === 'mlp'
          ? [param([32, 196], 0.1), param([32], 0.1), param([10, 32], 0.3), param([10], 0.1)]
          : [
              param([6, 1, 3, 3], 0.4),
              param([6], 0.1),
              param([10, 6 * 7 * 7], 0.1),
              param([10], 0.1),
            ]
      const forward = (x: Tensor) => {
        const [w1, b1, w2, b2] = params as [Parameter, Parameter, Parameter, Parameter]
        if (model === 'mlp') return linear(relu(linear(x, w1, b1)), w2, b2)
        const h = maxPool2d(relu(conv2d(reshape(x, [batch, 1, 14, 14]), w1, b1, { padding: 1 })), {
          kernelSize: 2,
        })
        return linear(reshape(h, [batch, 6 * 7 * 7]), w2, b2)
      }
      const losses: number[] = []
      for (let step = 0; step < 4; step++) {
        const x = new Tensor(random(batch * 196, gen), [batch, 196])
        const y = new Tensor(
          Int32Array.from({ length: batch }, () => gen.nextUint32() % 10),
          [batch],
        )
        const loss = crossEntropy(forward(x), y)
        for (const p of params) p.grad = null
        loss.backward()
        for (const p of params) {
          const d = p.data as Float32Array
          const g = p.grad!.data as Float32Array
          for (let i = 0; i < d.length; i++) d[i]! -= 0.5 * g[i]!
        }
        losses.push(loss.item())
      }
      return { losses, weights: params.map((p) => p.data as Float32Array) }
    } finally {
      setBackend(previous)
    }
  }

  for (const model of ['mlp', 'cnn'] as const) {
    it(`takes the same ${model} steps as js from the same seed, within float tolerance`, async () => {
      await threaded.whenReady()
      const reference = train(jsBackend, model)
      for (const backend of [single, threaded]) {
        const run = train(backend, model)
        expectClose(
          Float32Array.from(run.losses),
          Float32Array.from(reference.losses),
          1e-5,
          'loss',
        )
        for (const [i, w] of run.weights.entries()) {
          expectClose(w, reference.weights[i]!, 1e-5, `weight ${i}`)
        }
      }
    })
  }
})
