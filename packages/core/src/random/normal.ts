import { expectDType } from '../dtype'
import { ArgumentError } from '../errors'
import type { Tensor } from '../tensor'
import { getDefaultGenerator } from './default-generator'
import type { Generator } from './generator'
import { requireFinite } from './param-checks'

function checkParams(op: string, mean: number, std: number): void {
  requireFinite(op, 'mean', mean)
  requireFinite(op, 'std', std)
  if (std < 0) throw new ArgumentError(op, `std must be >= 0, got ${std}`)
}

/**
 * A sample of N(mean, std²): `mean + std·z` with `z` from {@link Generator.nextNormal}
 * (Box–Muller; the second value of each pair is cached in the generator and returned by the
 * next normal draw, so a seed gives the same normals however draws are split between calls).
 */
export function normal(mean = 0, std = 1, generator?: Generator): number {
  checkParams('normal', mean, std)
  const g = generator ?? getDefaultGenerator()
  return mean + std * g.nextNormal()
}

/**
 * Fills a float32 tensor in place with samples of N(mean, std²) (as `torch.nn.init.normal_`),
 * outside the graph; see {@link normal}. Returns the tensor.
 */
export function normal_(tensor: Tensor, mean = 0, std = 1, generator?: Generator): Tensor {
  checkParams('normal_', mean, std)
  expectDType('normal_', 'the tensor', tensor.dtype, 'float32')
  const g = generator ?? getDefaultGenerator()
  const out = tensor.data
  for (let i = 0; i < out.length; i++) out[i] = mean + std * g.nextNormal()
  return tensor
}
