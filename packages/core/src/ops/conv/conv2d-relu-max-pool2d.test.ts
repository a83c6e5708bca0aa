import { afterAll, describe, expect, it } from 'vitest'
import { gradCheck } from '../../autograd/grad-check'
import { jsBackend } from '../../backend/js/js-backend'
import { getBackend, setBackend } from '../../backend/registry'
import { createWasmBackend } from '../../backend/wasm/wasm-backend'
import { ArgumentError, DTypeError, ShapeError } from '../../errors'
import { sizeOf } from '../../shape'
import { Tensor } from '../../tensor'
import { relu } from '../activation/relu'
import { type Conv2dOptions, conv2d } from './conv2d'
import { conv2dReluMaxPool2d } from './conv2d-relu-max-pool2d'
import { type MaxPool2dOptions, maxPool2d } from './max-pool2d'

/** Pseudo-random values in [−1 + shift, 1 + shift). */
const random = (shape: number[], seed: number, shift = 0) =>
  new Tensor(
    Float32Array.from(
      { length: sizeOf(shape) },
      (_, i) => ((Math.sin(seed * 97.1 + i * 12.9898) * 43758.5453) % 1) + shift,
    ),
    shape,
    true,
  )

interface Case {
  name: string
  input: number[]
  weight: number[]
  bias: boolean
  conv: Conv2dOptions
  pool: MaxPool2dOptions
  /** Shifts the input so that many pooling windows hold only negative values. */
  shift?: number
}

const cases: Case[] = [
  {
    name: 'the usual 3×3 same conv and 2×2 pool',
    input: [3, 2, 8, 8],
    weight: [4, 2, 3, 3],
    bias: true,
    conv: { padding: 1 },
    pool: { kernelSize: 2 },
  },
  {
    name: 'overlapping padded pool windows, strided grouped conv, no bias',
    input: [2, 4, 9, 7],
    weight: [6, 2, 3, 2],
    bias: false,
    conv: { stride: [2, 1], padding: [1, 0], groups: 2 },
    pool: { kernelSize: 3, stride: 1, padding: 1 },
  },
  {
    name: 'mostly negative convolutions, dilated pool',
    input: [2, 1, 10, 10],
    weight: [3, 1, 3, 3],
    bias: true,
    conv: { padding: 1 },
    pool: { kernelSize: 2, stride: 2, dilation: 2 },
    shift: -0.8,
  },
]

/** The fused op and the three ops it stands for, each with its gradients. */
function bothWays(c: Case) {
  const x = random(c.input, 1, c.shift)
  const w = random(c.weight, 2)
  const b = c.bias ? random([c.weight[0]!], 3) : null
  const run = (f: () => Tensor) => {
    for (const t of [x, w, b]) if (t !== null) t.grad = null
    const y = f()
    y.backward(new Tensor(random(y.shape as number[], 5).data, y.shape))
    return { y, grads: [x, w, b].map((t) => t?.grad?.data ?? null) }
  }
  return {
    fused: run(() => conv2dReluMaxPool2d(x, w, b, c.conv, c.pool)),
    composed: run(() => maxPool2d(relu(conv2d(x, w, b, c.conv)), c.pool)),
  }
}

const wasm = createWasmBackend({ threads: 2, name: 'wasm-block-test' })
afterAll(() => wasm.terminate())

describe('conv2dReluMaxPool2d', () => {
  for (const backend of [jsBackend, wasm]) {
    for (const c of cases) {
      it(`equals maxPool2d(relu(conv2d)) bit for bit, gradients included, on ${backend.name} (${c.name})`, () => {
        const previous = setBackend(backend)
        try {
          expect(getBackend()).toBe(backend)
          const { fused, composed } = bothWays(c)
          expect(fused.y.shape).toEqual(composed.y.shape)
          expect(fused.y.data).toEqual(composed.y.data)
          expect(fused.grads).toEqual(composed.grads)
        } finally {
          setBackend(previous)
        }
      })
    }
  }

  it('passes gradCheck', () => {
    // Distinct, well-separated input values keep each window's maximum where it is.
    const x = new Tensor(
      Float32Array.from({ length: 2 * 2 * 6 * 6 }, (_, i) => ((i * 37) % 144) * 0.05 - 3),
      [2, 2, 6, 6],
      true,
    )
    const w = random([3, 2, 3, 3], 7)
    const b = random([3], 8)
    const f = (x: Tensor, w: Tensor, b: Tensor) =>
      conv2dReluMaxPool2d(x, w, b, { padding: 1 }, { kernelSize: 2 })
    const result = gradCheck((x, w, b) => f(x!, w!, b!), [x, w, b], { eps: 1e-3 })
    expect(result.failures).toEqual([])
    expect(result.ok).toBe(true)
  })

  it('accepts an unbatched [C, H, W] input', () => {
    const x = random([2, 6, 6], 9)
    const w = random([3, 2, 3, 3], 10)
    const y = conv2dReluMaxPool2d(x, w, null, { padding: 1 }, { kernelSize: 2 })
    const batched = conv2dReluMaxPool2d(
      new Tensor(x.data, [1, 2, 6, 6]),
      w,
      null,
      { padding: 1 },
      { kernelSize: 2 },
    )
    expect(y.shape).toEqual([3, 3, 3])
    expect(y.data).toEqual(batched.data)
  })

  it('explains bad inputs and options, naming itself', () => {
    const x = random([1, 2, 6, 6], 11)
    const w = random([3, 2, 3, 3], 12)
    const pool = { kernelSize: 2 }
    expect(() => conv2dReluMaxPool2d(x, random([3, 1, 3, 3], 1), null, {}, pool)).toThrow(
      /^conv2dReluMaxPool2d: input \[1,2,6,6\] has 2 channels/,
    )
    expect(() => conv2dReluMaxPool2d(x, w, random([2], 1), {}, pool)).toThrow(ShapeError)
    expect(() => conv2dReluMaxPool2d(x, w, null, {}, { kernelSize: 3, padding: 2 })).toThrow(
      ArgumentError,
    )
    // The pool slides over the 4×4 output of the unpadded convolution.
    expect(() => conv2dReluMaxPool2d(x, w, null, {}, { kernelSize: 5 })).toThrow(
      /kernel 5x5 .* is bigger than the padded input 4x4 \(input \[1,3,4,4\]/,
    )
    expect(() => conv2dReluMaxPool2d(x.toInt(), w, null, {}, pool)).toThrow(DTypeError)
  })
})
