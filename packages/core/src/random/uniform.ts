import { expectDType } from '../dtype'
import { ArgumentError } from '../errors'
import type { Tensor } from '../tensor'
import { getDefaultGenerator } from './default-generator'
import type { Generator } from './generator'
import { requireFinite } from './param-checks'

function checkBounds(op: string, low: number, high: number): void {
  requireFinite(op, 'low', low)
  requireFinite(op, 'high', high)
  if (!(low <= high) || !Number.isFinite(high - low)) {
    throw new ArgumentError(
      op,
      `expected low <= high with a finite width, got low=${low}, high=${high}`,
      'swap the bounds or narrow the range',
    )
  }
}

/** The largest float32 strictly below `x`, or `fround(x)` when that already is below `x`. */
function float32Below(x: number): number {
  const bits = new Float32Array(1)
  bits[0] = x
  if (bits[0] < x) return bits[0]
  const word = new Int32Array(bits.buffer)
  if (bits[0] === 0) word[0] = -2147483647
  else word[0]! += bits[0] > 0 ? -1 : 1
  return bits[0]
}

/**
 * A uniform sample in [low, high): `low + (high − low)·u` with `u` from
 * {@link Generator.nextFloat} (24 random bits).
 */
export function uniform(low = 0, high = 1, generator?: Generator): number {
  checkBounds('uniform', low, high)
  const g = generator ?? getDefaultGenerator()
  return low + (high - low) * g.nextFloat()
}

/**
 * Fills a float32 tensor in place with uniform samples in [low, high) (as
 * `torch.nn.init.uniform_`), outside the graph. A value that rounds up to `high` in float32 is
 * stored as the largest float32 below `high`. Returns the tensor.
 */
export function uniform_(tensor: Tensor, low = 0, high = 1, generator?: Generator): Tensor {
  checkBounds('uniform_', low, high)
  expectDType('uniform_', 'the tensor', tensor.dtype, 'float32')
  const g = generator ?? getDefaultGenerator()
  const out = tensor.data
  const width = high - low
  const top = low < high ? float32Below(high) : low
  for (let i = 0; i < out.length; i++) {
    const v = Math.fround(low + width * g.nextFloat())
    out[i] = v < high ? v : top
  }
  return tensor
}
