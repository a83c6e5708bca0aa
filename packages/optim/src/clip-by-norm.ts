import type { GradientTransform } from '@knack/core'
import { checkNormArguments, clipGradNorm, gradientsOf } from './clip-grad-norm'
import { inPlaceTransform } from './in-place'
import type { EmptyState } from './param-tree'

/**
 * Scales each update on its own so that its norm is at most `maxNorm`:
 * `u ← u · min(1, maxNorm / (‖u‖ + 1e-6))` per tensor ({@link clipGradNorm} on each).
 */
export function clipByNorm(maxNorm: number, normType = 2): GradientTransform<EmptyState> {
  checkNormArguments('clipByNorm', maxNorm, normType)
  return inPlaceTransform(
    () => ({}),
    (updates, state) => {
      gradientsOf('clipByNorm', updates)
      return () => {
        for (const name in updates) clipGradNorm([updates[name]!], maxNorm, normType)
        return state
      }
    },
  )
}
