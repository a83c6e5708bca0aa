import { getDefaultGenerator } from './default-generator'
import { logStandardGamma } from './gamma'
import type { Generator } from './generator'
import { requirePositive } from './param-checks'

/**
 * A Beta(a, b) sample (mean a/(a+b), variance ab/((a+b)²(a+b+1))), e.g. the mixing weight λ
 * of mixup: `X / (X + Y)` for independent `X ~ Gamma(a)`, `Y ~ Gamma(b)`, computed as
 * `1 / (1 + exp(ln Y − ln X))` so tiny shapes (where both gammas underflow) still give a value.
 * @see H. Zhang et al., "mixup: Beyond empirical risk minimization", ICLR 2018
 */
export function beta(a: number, b: number, generator?: Generator): number {
  requirePositive('beta', 'a', a)
  requirePositive('beta', 'b', b)
  const g = generator ?? getDefaultGenerator()
  const logX = logStandardGamma(a, g)
  const logY = logStandardGamma(b, g)
  return 1 / (1 + Math.exp(logY - logX))
}
