import { Generator, randn, type Tensor } from '@knack/core'

/**
 * Test support for the whitening transforms: `n` samples of 4 strongly correlated features,
 * `x = z·A + b` with independent `z` of standard deviations 3, 1.5, 0.7, 0.3 and a fixed
 * mixing matrix `A`. @internal
 */
export function correlatedSamples(n: number, seed: number): Tensor {
  const stds = [3, 1.5, 0.7, 0.3]
  const mix = [
    [1, 0.8, -0.5, 0.2],
    [0.3, 1, 0.6, -0.4],
    [-0.2, 0.5, 1, 0.7],
    [0.6, -0.3, 0.4, 1],
  ]
  const offset = [5, -2, 0.5, 1]
  const z = randn([n, 4], { generator: new Generator(seed) })
  const x = randn([n, 4], { generator: new Generator(seed) })
  for (let s = 0; s < n; s++) {
    for (let j = 0; j < 4; j++) {
      let v = offset[j]!
      for (let k = 0; k < 4; k++) v += z.data[s * 4 + k]! * stds[k]! * mix[k]![j]!
      x.data[s * 4 + j] = v
    }
  }
  return x
}

/** Sample covariance `Xcᵀ·Xc / (N − 1)` of `[N, D]` data, in float64, row-major. @internal */
export function covariance(x: Tensor): number[][] {
  const [n, d] = x.shape as [number, number]
  const mean = new Array<number>(d).fill(0)
  for (let s = 0; s < n; s++) for (let j = 0; j < d; j++) mean[j]! += x.data[s * d + j]! / n
  const cov = Array.from({ length: d }, () => new Array<number>(d).fill(0))
  for (let s = 0; s < n; s++) {
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < d; j++) {
        cov[i]![j]! += ((x.data[s * d + i]! - mean[i]!) * (x.data[s * d + j]! - mean[j]!)) / (n - 1)
      }
    }
  }
  return cov
}

/** Largest entry of `|cov − I|`. @internal */
export function distanceFromIdentity(cov: number[][]): number {
  let worst = 0
  cov.forEach((row, i) => {
    row.forEach((v, j) => {
      worst = Math.max(worst, Math.abs(v - (i === j ? 1 : 0)))
    })
  })
  return worst
}
