import type { GradientTransform } from '@knack/core'
import { checkNormArguments, clipGradNorm, gradientsOf } from './clip-grad-norm'
import { inPlaceTransform } from './in-place'

/** State of {@link clipByGlobalNorm}: the norm of the last gradients it saw, before clipping. */
export interface ClipByGlobalNormState {
  /** Total norm of the last update's input, before clipping (0 before the first update). */
  preClipNorm: number
}

/**
 * Scales all updates together so that their total norm is at most `maxNorm`:
 * `u ← u · min(1, maxNorm / (‖u‖ + 1e-6))`, exactly {@link clipGradNorm} (PyTorch's
 * `clip_grad_norm_`). The norm before clipping is kept in the state.
 * @see Pascanu, Mikolov & Bengio, On the difficulty of training recurrent neural networks, 2013
 */
export function clipByGlobalNorm(
  maxNorm: number,
  normType = 2,
): GradientTransform<ClipByGlobalNormState> {
  checkNormArguments('clipByGlobalNorm', maxNorm, normType)
  return inPlaceTransform(
    () => ({ preClipNorm: 0 }),
    (updates) => {
      gradientsOf('clipByGlobalNorm', updates)
      return () => ({ preClipNorm: clipGradNorm(updates, maxNorm, normType) })
    },
  )
}
