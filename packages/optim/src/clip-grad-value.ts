import { ArgumentError } from '@knack/core'
import { type GradientSource, gradientsOf } from './clip-grad-norm'

/** Throws unless `clipValue ≥ 0`. @internal */
export function checkClipValue(op: string, clipValue: number): void {
  if (!(clipValue >= 0)) {
    throw new ArgumentError(
      op,
      `clipValue must be ≥ 0, got ${clipValue}`,
      'pass a non-negative bound',
    )
  }
}

/**
 * Clamps every gradient value in place into `[−clipValue, clipValue]`, as
 * `torch.nn.utils.clip_grad_value_` (NaN stays NaN).
 * @see https://pytorch.org/docs/1.13/generated/torch.nn.utils.clip_grad_value_.html
 */
export function clipGradValue(grads: GradientSource, clipValue: number): void {
  checkClipValue('clipGradValue', clipValue)
  for (const t of gradientsOf('clipGradValue', grads)) {
    const d = t.data
    for (let i = 0; i < d.length; i++) {
      const x = d[i]!
      if (x > clipValue) d[i] = clipValue
      else if (x < -clipValue) d[i] = -clipValue
    }
  }
}
