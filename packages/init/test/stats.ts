/** Sample statistics of a tensor's values, for the statistical tests of the schemes. */
export interface SampleStats {
  n: number
  mean: number
  std: number
  min: number
  max: number
}

/** Mean, population std, min and max of `values`, in float64. */
export function sampleStats(values: ArrayLike<number>): SampleStats {
  const n = values.length
  let sum = 0
  let min = Infinity
  let max = -Infinity
  for (let i = 0; i < n; i++) {
    const v = values[i]!
    sum += v
    if (v < min) min = v
    if (v > max) max = v
  }
  const mean = sum / n
  let sq = 0
  for (let i = 0; i < n; i++) sq += (values[i]! - mean) ** 2
  return { n, mean, std: Math.sqrt(sq / n), min, max }
}

/**
 * Whether the sample mean is within 5 standard errors of `mean` and the sample std within 2%
 * of `std` (the standard error of a std over n ≥ 10⁵ samples is below 0.4%).
 */
export function matchesMoments(s: SampleStats, mean: number, std: number): boolean {
  return Math.abs(s.mean - mean) <= (5 * std) / Math.sqrt(s.n) && Math.abs(s.std / std - 1) <= 0.02
}
