/** Reference `x ← factor·x`. */
export function jsScale(x: Float32Array, factor: number): void {
  for (let i = 0; i < x.length; i++) x[i] = factor * x[i]!
}

/** Reference `y ← y + alpha·x`. */
export function jsAddScaled(y: Float32Array, x: Float32Array, alpha: number): void {
  for (let i = 0; i < y.length; i++) y[i]! += alpha * x[i]!
}

/**
 * Reference finiteness test: sums `x·0` (0 for every finite x, NaN otherwise, so no sum can
 * overflow) in four independent lanes, about twice as fast as testing each value.
 */
export function jsAllFinite(x: Float32Array): boolean {
  const whole = x.length & ~3
  let [s0, s1, s2, s3] = [0, 0, 0, 0]
  for (let i = 0; i < whole; i += 4) {
    s0 += x[i]! * 0
    s1 += x[i + 1]! * 0
    s2 += x[i + 2]! * 0
    s3 += x[i + 3]! * 0
  }
  for (let i = whole; i < x.length; i++) s0 += x[i]! * 0
  return s0 + s1 + s2 + s3 === 0
}
