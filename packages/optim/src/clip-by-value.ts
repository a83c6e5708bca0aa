import type { GradientTransform } from '@knack/core'
import { checkClipValue, clipGradValue } from './clip-grad-value'
import { cloneTree, type EmptyState } from './param-tree'

/**
 * Clamps every update value into `[−clipValue, clipValue]` ({@link clipGradValue}, PyTorch's
 * `clip_grad_value_`, on copies).
 */
export function clipByValue(clipValue: number): GradientTransform<EmptyState> {
  checkClipValue('clipByValue', clipValue)
  return {
    init: () => ({}),
    update(grads, state) {
      const updates = cloneTree(grads)
      clipGradValue(updates, clipValue)
      return { updates, state }
    },
  }
}
