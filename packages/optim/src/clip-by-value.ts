import type { GradientTransform } from '@knack/core'
import { gradientsOf } from './clip-grad-norm'
import { checkClipValue, clipGradValue } from './clip-grad-value'
import { inPlaceTransform } from './in-place'
import type { EmptyState } from './param-tree'

/**
 * Clamps every update value into `[−clipValue, clipValue]` ({@link clipGradValue}, PyTorch's
 * `clip_grad_value_`).
 */
export function clipByValue(clipValue: number): GradientTransform<EmptyState> {
  checkClipValue('clipByValue', clipValue)
  return inPlaceTransform(
    () => ({}),
    (updates, state) => {
      gradientsOf('clipByValue', updates)
      return () => {
        clipGradValue(updates, clipValue)
        return state
      }
    },
  )
}
