import { ArgumentError, Generator, Tensor, zeros } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { gaussianNoise } from './gaussian-noise'

describe('gaussianNoise', () => {
  it('adds noise with the requested mean and standard deviation', () => {
    const x = zeros([16, 3, 32, 32])
    const out = gaussianNoise({ std: 0.5, mean: 0.2 })(x, new Generator(4))
    let sum = 0
    let sq = 0
    for (const v of out.data) {
      sum += v
      sq += v * v
    }
    const n = out.size
    const mean = sum / n
    const std = Math.sqrt(sq / n - mean * mean)
    // n = 49152 samples: the standard errors are 0.5/√n ≈ 0.0023 (mean) and ≈ 0.0016 (std).
    expect(Math.abs(mean - 0.2)).toBeLessThan(0.01)
    expect(Math.abs(std - 0.5)).toBeLessThan(0.01)
  })

  it('adds exactly the mean when std is 0, and noise independent of the image', () => {
    const x = new Tensor(Float32Array.of(1, 2, 3, 4), [1, 1, 2, 2])
    expect(gaussianNoise({ std: 0, mean: 1 })(x, new Generator(0)).data).toEqual(
      Float32Array.of(2, 3, 4, 5),
    )
    const a = gaussianNoise({ std: 1 })(x, new Generator(6))
    const b = gaussianNoise({ std: 1 })(zeros([1, 1, 2, 2]), new Generator(6))
    a.data.forEach((v, i) => {
      expect(v).toBe(Math.fround(x.data[i]! + b.data[i]!))
    })
  })

  it('gives identical output for the same seed and different for another', () => {
    const f = gaussianNoise({ std: 1 })
    const x = zeros([2, 1, 3, 3])
    expect(f(x, new Generator(1)).data).toEqual(f(x, new Generator(1)).data)
    expect(f(x, new Generator(1)).data).not.toEqual(f(x, new Generator(2)).data)
  })

  it('refuses a negative std', () => {
    expect(() => gaussianNoise({ std: -1 })).toThrow(ArgumentError)
  })
})
