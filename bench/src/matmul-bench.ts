import { mulberry32 } from '@knack/data'
import type { MatmulPlan } from './spec'

/** Seed of the W3 input matrices (the spec allows any generator). */
export const MATMUL_SEED = 7
/** Number of entries of C checked against a float64 dot product. */
export const CHECK_SAMPLES = 64

/** An `n × n` row-major matrix with entries uniform in [−1, 1) from `mulberry32(seed)`. */
export function uniformMatrix(n: number, seed: number): Float32Array {
  const random = mulberry32(seed)
  const m = new Float32Array(n * n)
  for (let i = 0; i < m.length; i++) m[i] = 2 * random() - 1
  return m
}

/** The W3 inputs A and B of size n, identical for every in-process runner. */
export function matmulInputs(n: number): { a: Float32Array; b: Float32Array } {
  return { a: uniformMatrix(n, MATMUL_SEED + 2 * n), b: uniformMatrix(n, MATMUL_SEED + 2 * n + 1) }
}

/**
 * Max relative error `|c − r| / |r|` over `samples` entries of `C = A·B` (positions drawn from
 * a fixed generator) against the float64 dot product `r`.
 */
export function sampledRelErr(
  a: Float32Array,
  b: Float32Array,
  c: ArrayLike<number>,
  n: number,
  samples: number = CHECK_SAMPLES,
): number {
  const random = mulberry32(n)
  let worst = 0
  for (let s = 0; s < samples; s++) {
    const i = Math.floor(random() * n)
    const j = Math.floor(random() * n)
    let ref = 0
    for (let k = 0; k < n; k++) ref += a[i * n + k]! * b[k * n + j]!
    const err = Math.abs(c[i * n + j]! - ref) / Math.abs(ref)
    if (!(err <= worst)) worst = err
  }
  return worst
}

/** Median of a non-empty list. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((x, y) => x - y)
  const mid = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

/** What {@link runMatmulPlan} measured. */
export interface MatmulOutcome {
  gflops: number
  checkRelErr: number
}

/**
 * Times W3 at one size: `warmupReps` untimed products, then `reps` timed ones, each timing one
 * call of `multiply` (which must return C on the host); `2n³ / median / 1e9` GFLOP/s, and the
 * sampled error of the last product.
 */
export function runMatmulPlan(
  plan: MatmulPlan,
  a: Float32Array,
  b: Float32Array,
  multiply: () => ArrayLike<number>,
  now: () => number = () => performance.now(),
): MatmulOutcome {
  for (let r = 0; r < plan.warmupReps; r++) multiply()
  const times: number[] = []
  let c: ArrayLike<number> = []
  for (let r = 0; r < plan.reps; r++) {
    const t0 = now()
    c = multiply()
    times.push((now() - t0) / 1000)
  }
  const n = plan.n
  return { gflops: (2 * n ** 3) / median(times) / 1e9, checkRelErr: sampledRelErr(a, b, c, n) }
}
