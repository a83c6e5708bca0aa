import { describe, expect, it } from 'vitest'
import { gradCheck } from '../../autograd/grad-check'
import type { Backend } from '../../backend/backend'
import { jsBackend } from '../../backend/js/js-backend'
import { setBackend } from '../../backend/registry'
import { DTypeError, ShapeError } from '../../errors'
import { sizeOf } from '../../shape'
import { Tensor } from '../../tensor'
import { matmul } from './matmul'

const random = (shape: number[], seed: number, requiresGrad = true) =>
  new Tensor(
    Float32Array.from(
      { length: sizeOf(shape) },
      (_, i) => ((Math.sin(seed * 97.1 + i * 12.9898) * 43758.5453) % 1) * 2,
    ),
    shape,
    requiresGrad,
  )

/** matmul of two plain nested arrays of matrices with explicit batch loops, in float64. */
function naiveBatched(
  a: Tensor,
  b: Tensor,
  batch: number[],
  ia: (t: number[]) => number,
  ib: (t: number[]) => number,
) {
  const [m, k] = a.shape.slice(-2) as [number, number]
  const n = b.shape[b.ndim - 1]!
  const out: number[] = []
  const walk = (prefix: number[]) => {
    if (prefix.length === batch.length) {
      const oa = ia(prefix) * m * k
      const ob = ib(prefix) * k * n
      for (let i = 0; i < m; i++) {
        for (let j = 0; j < n; j++) {
          let s = 0
          for (let p = 0; p < k; p++) s += a.data[oa + i * k + p]! * b.data[ob + p * n + j]!
          out.push(s)
        }
      }
      return
    }
    for (let t = 0; t < batch[prefix.length]!; t++) walk([...prefix, t])
  }
  walk([])
  return out
}

const expectAllClose = (got: ArrayLike<number>, want: ArrayLike<number>) => {
  expect(got.length).toBe(want.length)
  for (let i = 0; i < want.length; i++) {
    expect(Math.abs(got[i]! - want[i]!)).toBeLessThanOrEqual(1e-5 + 1e-5 * Math.abs(want[i]!))
  }
}

describe('matmul', () => {
  it('multiplies matrices', () => {
    const a = new Tensor(Float32Array.of(1, 2, 3, 4, 5, 6), [2, 3])
    const b = new Tensor(Float32Array.of(7, 8, 9, 10, 11, 12), [3, 2])
    expect(matmul(a, b).toArray()).toEqual([
      [58, 64],
      [139, 154],
    ])
  })

  it('follows torch.matmul for 1-D operands', () => {
    const v = new Tensor(Float32Array.of(1, 2, 3), [3])
    const w = new Tensor(Float32Array.of(4, 5, 6), [3])
    const mat = new Tensor(Float32Array.of(1, 0, 0, 1, 1, 1), [3, 2])
    const matT = new Tensor(Float32Array.of(1, 0, 1, 0, 1, 1), [2, 3])
    const dot = matmul(v, w)
    expect(dot.shape).toEqual([])
    expect(dot.item()).toBe(32)
    expect(matmul(v, mat).toArray()).toEqual([4, 5])
    expect(matmul(matT, v).toArray()).toEqual([4, 5])
    const batch = random([4, 3, 2], 1, false)
    expect(matmul(v, batch).shape).toEqual([4, 2])
    expect(matmul(random([4, 2, 3], 2, false), v).shape).toEqual([4, 2])
  })

  it('broadcasts batch dimensions', () => {
    const a = random([2, 1, 3, 4], 1, false)
    const b = random([3, 4, 5], 2, false)
    const out = matmul(a, b)
    expect(out.shape).toEqual([2, 3, 3, 5])
    expectAllClose(
      out.data,
      naiveBatched(
        a,
        b,
        [2, 3],
        ([i]) => i!,
        ([, j]) => j!,
      ),
    )
    const c = random([4, 5], 3, false)
    const d = random([2, 3, 5, 2], 4, false)
    expectAllClose(
      matmul(c, d).data,
      naiveBatched(
        c,
        d,
        [2, 3],
        () => 0,
        ([i, j]) => i! * 3 + j!,
      ),
    )
    const e = random([1, 2, 3, 4], 5, false)
    const f = random([4, 2], 6, false)
    expect(matmul(e, f).shape).toEqual([1, 2, 3, 2])
    expectAllClose(
      matmul(e, f).data,
      naiveBatched(
        e,
        f,
        [2],
        ([i]) => i!,
        () => 0,
      ),
    )
  })

  it('handles empty dimensions', () => {
    expect(matmul(random([0, 3], 1), random([3, 2], 2)).shape).toEqual([0, 2])
    const zeros = matmul(random([2, 0], 1), random([0, 3], 2))
    expect(zeros.toArray()).toEqual([
      [0, 0, 0],
      [0, 0, 0],
    ])
    expect(matmul(random([2, 0, 3, 4], 1), random([1, 4, 2], 2)).shape).toEqual([2, 0, 3, 2])
  })

  it('explains shape and dtype errors', () => {
    expect(() => matmul(random([2, 3], 1), random([4, 5], 2))).toThrow(ShapeError)
    expect(() => matmul(random([2, 3], 1), random([4, 5], 2))).toThrow(
      'matmul: inner dimensions differ: [2,3] x [4,5] (help: the last size of the first operand (3) must equal the second-to-last size of the second (4))',
    )
    expect(() => matmul(random([2, 3], 1), random([4, 3], 2))).toThrow(
      'matmul: inner dimensions differ: [2,3] x [4,3] (help: transpose the second operand?)',
    )
    expect(() => matmul(random([3, 2], 1), random([3, 4], 2))).toThrow(
      /transpose the first operand\?/,
    )
    expect(() => matmul(random([3], 1), random([4], 2))).toThrow(
      'inner dimensions differ: [3] x [4]',
    )
    expect(() => matmul(random([2, 3, 4], 1), random([5, 4, 6], 2))).toThrow(
      'matmul: batch dimensions do not broadcast: [2,3,4] x [5,4,6]',
    )
    expect(() => matmul(new Tensor(Float32Array.of(2), []), random([3], 1))).toThrow(
      'matmul: both operands need at least 1 dimension, got [] x [3]',
    )
    expect(() => matmul(new Tensor(Int32Array.of(1, 2), [2]), random([2], 1))).toThrow(DTypeError)
  })

  it.each([
    [
      [3, 4],
      [4, 5],
    ],
    [[5], [5]],
    [[3], [3, 4]],
    [[4, 3], [3]],
    [
      [2, 3, 4],
      [4, 5],
    ],
    [
      [3, 4],
      [2, 4, 5],
    ],
    [
      [2, 1, 3, 4],
      [3, 4, 2],
    ],
    [
      [1, 3, 2],
      [2, 1, 2, 3],
    ],
    [[4], [2, 4, 3]],
    [[2, 3, 4], [4]],
  ])('passes gradCheck for %j x %j', (sa, sb) => {
    const a = random(sa, 7)
    const b = random(sb, 8)
    const result = gradCheck(matmul, [a, b])
    expect(result.failures).toEqual([])
    expect(result.ok).toBe(true)
  })

  it('passes gradCheck when only one operand requires a gradient', () => {
    expect(gradCheck(matmul, [random([2, 3, 4], 1), random([2, 4, 2], 2, false)]).ok).toBe(true)
    expect(gradCheck(matmul, [random([2, 3, 4], 1, false), random([4, 2], 2)]).ok).toBe(true)
  })

  it('runs on the active backend', () => {
    let calls = 0
    const counting: Backend = {
      ...jsBackend,
      name: 'counting-matmul',
      matmul: (a, b, out, options) => {
        calls++
        jsBackend.matmul(a, b, out, options)
      },
    }
    const previous = setBackend(counting)
    try {
      const a = random([2, 3], 1)
      matmul(a, random([3, 2], 2, false))
        .sum()
        .backward()
      expect(calls).toBe(2)
    } finally {
      setBackend(previous)
    }
  })
})
