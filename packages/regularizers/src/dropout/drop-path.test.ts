import { ArgumentError, Generator, gradCheck, ShapeError, Tensor } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { DropPath, dropPath } from './drop-path'

function batch(n: number, d: number): Tensor {
  return new Tensor(
    Float32Array.from({ length: n * d }, (_, i) => 1 + Math.sin(i)),
    [n, d],
  )
}

describe('dropPath', () => {
  it('drops whole samples and scales the kept ones by 1/(1 − p)', () => {
    const x = batch(400, 6)
    const y = dropPath(x, 0.25, { generator: new Generator(1) })
    let dropped = 0
    for (let r = 0; r < 400; r++) {
      const row = y.data.subarray(r * 6, r * 6 + 6)
      if (row.every((v) => v === 0)) {
        dropped++
        continue
      }
      row.forEach((v, j) => {
        expect(v).toBeCloseTo(x.data[r * 6 + j]! / 0.75, 5)
      })
    }
    expect(dropped / 400).toBeGreaterThan(0.18)
    expect(dropped / 400).toBeLessThan(0.32)
  })

  it('keeps the expected activation over many draws', () => {
    const x = batch(4, 3)
    const g = new Generator(2)
    const draws = 4000
    const mean = new Float64Array(x.size)
    for (let d = 0; d < draws; d++) {
      const y = dropPath(x, 0.5, { generator: g })
      for (let i = 0; i < x.size; i++) mean[i]! += y.data[i]! / draws
    }
    // Std of one draw is |x| at p = 0.5, of the mean |x|/63: allow 5σ.
    for (let i = 0; i < x.size; i++) {
      expect(Math.abs(mean[i]! - x.data[i]!)).toBeLessThan((5 * Math.abs(x.data[i]!)) / 63)
    }
  })

  it("drops the whole batch together in 'batch' mode", () => {
    const x = batch(8, 2)
    const g = new Generator(5)
    let dropped = 0
    for (let d = 0; d < 200; d++) {
      const y = dropPath(x, 0.5, { generator: g, mode: 'batch' })
      if (y.data.every((v) => v === 0)) dropped++
      else {
        y.data.forEach((v, i) => {
          expect(v).toBeCloseTo(x.data[i]! * 2, 5)
        })
      }
    }
    expect(dropped).toBeGreaterThan(70)
    expect(dropped).toBeLessThan(130)
    expect(
      Array.from(dropPath(new Tensor(Float32Array.of(3), []), 1, { mode: 'batch' }).data),
    ).toEqual([0])
  })

  it('is the identity when not training or p = 0', () => {
    const x = batch(3, 2)
    expect(dropPath(x, 0.5, { training: false })).toBe(x)
    expect(dropPath(x, 0)).toBe(x)
  })

  it('passes gradCheck with a fixed mask', () => {
    const x = batch(5, 3)
    x.requiresGrad = true
    const fn = (t: Tensor) => dropPath(t, 0.4, { generator: new Generator(9) })
    expect(gradCheck(fn, [x]).ok).toBe(true)
  })

  it('refuses a 0-d input in row mode and an unknown mode', () => {
    const scalar = new Tensor(Float32Array.of(1), [])
    expect(() => dropPath(scalar, 0.5)).toThrow(ShapeError)
    expect(() => dropPath(scalar, 0.5)).toThrow(/^dropPath: in 'row' mode the input needs a batch/)
    // @ts-expect-error: an invalid mode is refused at run time too.
    expect(() => new DropPath(0.1, { mode: 'channel' })).toThrow(ArgumentError)
  })
})

describe('DropPath', () => {
  it('is stochastic depth for a residual branch: x + DropPath(f(x)) is x for dropped samples', () => {
    const layer = new DropPath(0.5, { generator: new Generator(7) })
    const x = batch(64, 4)
    const branch = x.mul(3)
    const y = x.add(layer.forward(branch))
    let shortcutOnly = 0
    for (let r = 0; r < 64; r++) {
      const row = Array.from(y.data.subarray(r * 4, r * 4 + 4))
      const input = Array.from(x.data.subarray(r * 4, r * 4 + 4))
      if (row.every((v, j) => v === input[j])) shortcutOnly++
      else {
        row.forEach((v, j) => {
          expect(v).toBeCloseTo(input[j]! * 7, 4)
        })
      }
    }
    expect(shortcutOnly).toBeGreaterThan(16)
    expect(shortcutOnly).toBeLessThan(48)
    layer.eval()
    expect(layer.forward(branch)).toBe(branch)
  })
})
