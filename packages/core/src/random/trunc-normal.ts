import { expectDType } from '../dtype'
import { ArgumentError } from '../errors'
import type { Tensor } from '../tensor'
import { getDefaultGenerator } from './default-generator'
import type { Generator } from './generator'
import { requireFinite, requirePositive } from './param-checks'

/** Widest interval around 0 sampled by uniform proposals; wider ones use normal proposals. */
const UNIFORM_MAX_WIDTH = 2.5

/**
 * How to sample a standard normal restricted to [lo, hi] (after mirroring, `lo >= 0` unless
 * the interval contains 0). Every method accepts at least about a fifth of its proposals, so
 * sampling never stalls, however far in the tail the interval lies.
 */
interface Plan {
  method: 'normal' | 'uniform-center' | 'uniform-tail' | 'exponential'
  lo: number
  hi: number
  /** Negate the samples (the interval was mirrored from the negative side). */
  mirror: boolean
  /** Rate of the exponential proposal. */
  rate: number
}

function makePlan(alpha: number, beta: number): Plan {
  const mirror = beta < 0
  const lo = mirror ? -beta : alpha
  const hi = mirror ? -alpha : beta
  // (lo + √(lo² + 4)) / 2, written so that it stays finite when lo² overflows.
  const rate = lo + 2 / (lo + Math.sqrt(lo * lo + 4))
  let method: Plan['method']
  if (lo <= 0) method = hi - lo >= UNIFORM_MAX_WIDTH ? 'normal' : 'uniform-center'
  else method = (hi - lo) * rate < 1 ? 'uniform-tail' : 'exponential'
  return { method, lo, hi, mirror, rate }
}

function sampleStandard(p: Plan, g: Generator): number {
  const { lo, hi } = p
  let z: number
  switch (p.method) {
    case 'normal':
      do z = g.nextNormal()
      while (z < lo || z > hi)
      break
    case 'uniform-center':
      do z = lo + (hi - lo) * g.nextFloat64()
      while (g.nextFloat64() > Math.exp(-0.5 * z * z))
      break
    case 'uniform-tail':
      do z = lo + (hi - lo) * g.nextFloat64()
      while (g.nextFloat64() > Math.exp(0.5 * (lo - z) * (lo + z)))
      break
    case 'exponential':
      for (;;) {
        z = lo - Math.log(1 - g.nextFloat64()) / p.rate
        const d = z - p.rate
        if (g.nextFloat64() <= Math.exp(-0.5 * d * d) && z <= hi) break
      }
      break
  }
  return p.mirror ? -z : z
}

function prepare(
  op: string,
  mean: number,
  std: number,
  a: number,
  b: number,
): { plan: Plan | null; lo: number; hi: number } {
  requireFinite(op, 'mean', mean)
  requirePositive(op, 'std', std)
  if (Number.isNaN(a) || Number.isNaN(b) || !(a <= b) || a === Infinity || b === -Infinity) {
    throw new ArgumentError(
      op,
      `the bounds must satisfy a <= b and enclose some real numbers, got a=${a}, b=${b}`,
      'bounds are absolute values, not multiples of std (PyTorch trunc_normal_ semantics)',
    )
  }
  if (a === b) return { plan: null, lo: a, hi: b }
  const alpha = (a - mean) / std
  const beta = (b - mean) / std
  if (
    (Number.isFinite(a) && !Number.isFinite(alpha)) ||
    (Number.isFinite(b) && !Number.isFinite(beta))
  ) {
    throw new ArgumentError(
      op,
      `std=${std} is too small for the bounds a=${a}, b=${b} around mean=${mean}: (bound − mean) / std overflows`,
      'use a larger std, or fill with the bound nearest the mean',
    )
  }
  return { plan: makePlan(alpha, beta), lo: a, hi: b }
}

/**
 * A sample of N(mean, std²) conditioned on [a, b], with the bounds in absolute values (as
 * `torch.nn.init.trunc_normal_`). Exact rejection sampling after Robert: normal proposals for
 * wide intervals around the mean, uniform proposals for narrow ones, and translated
 * exponential proposals in the tails, so far-tail intervals are as cheap as central ones.
 * @see C. P. Robert, "Simulation of truncated normal variables", Statistics and Computing 5, 1995
 */
export function truncNormal(mean = 0, std = 1, a = -2, b = 2, generator?: Generator): number {
  const { plan, lo, hi } = prepare('truncNormal', mean, std, a, b)
  if (plan === null) return lo
  const x = mean + std * sampleStandard(plan, generator ?? getDefaultGenerator())
  return Math.min(Math.max(x, lo), hi)
}

/**
 * Fills a float32 tensor in place with samples of N(mean, std²) truncated to [a, b] (absolute
 * bounds, as `torch.nn.init.trunc_normal_`), outside the graph; see {@link truncNormal}.
 * Returns the tensor.
 */
export function truncNormal_(
  tensor: Tensor,
  mean = 0,
  std = 1,
  a = -2,
  b = 2,
  generator?: Generator,
): Tensor {
  const { plan, lo, hi } = prepare('truncNormal_', mean, std, a, b)
  expectDType('truncNormal_', 'the tensor', tensor.dtype, 'float32')
  const out = tensor.data
  if (plan === null) return tensor.fill_(lo)
  const g = generator ?? getDefaultGenerator()
  for (let i = 0; i < out.length; i++) {
    const x = mean + std * sampleStandard(plan, g)
    out[i] = Math.min(Math.max(x, lo), hi)
  }
  return tensor
}
