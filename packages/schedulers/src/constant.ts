import type { Schedule } from '@knack/core'
import { checkFinite } from './check'

/**
 * A schedule that never changes: `lr(t) = value`.
 *
 * @see https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.ConstantLR.html
 */
export function constant(value: number): Schedule {
  checkFinite('constant', 'value', value)
  return () => value
}
