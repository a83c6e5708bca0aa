import { ArgumentError, type Plugin, type Tensor } from '@knack/core'
import { clipGradNorm, clipGradValue } from '@knack/optim'

/** Options of {@link gradientClipping}: clip by global norm, or by value. */
export type GradientClippingOptions =
  | { maxNorm: number; normType?: number; name?: string }
  | { maxValue: number; name?: string }

/**
 * Clips the final gradients before each optimizer step (in `beforeOptimizerStep`), using the
 * one implementation in `@knack/optim` (`clipGradNorm`, as `torch.nn.utils.clip_grad_norm_`,
 * or `clipGradValue`). With `maxNorm`, the pre-clip global norm is logged as `grad_norm`
 * (the mean over the epoch's steps).
 * @see Pascanu et al. 2013, On the difficulty of training recurrent neural networks
 */
export function gradientClipping(options: GradientClippingOptions): Plugin {
  const name = options.name ?? 'gradientClipping'
  const byNorm = 'maxNorm' in options
  if (!byNorm && !('maxValue' in options)) {
    throw new ArgumentError('gradientClipping', 'pass { maxNorm } or { maxValue }')
  }
  let normSum = 0
  let steps = 0
  const grads = (params: Iterable<Tensor>) => [...params].map((p) => p.grad)
  return {
    name,
    stateKey: name,
    phase: 'setup',
    epochStart() {
      normSum = 0
      steps = 0
    },
    beforeOptimizerStep(ctx) {
      const g = grads(ctx.model.parameters())
      if (byNorm) {
        const norm = clipGradNorm(g, options.maxNorm, options.normType ?? 2)
        normSum += norm
        steps++
        ctx.logs.grad_norm = normSum / steps
      } else {
        clipGradValue(g, options.maxValue)
      }
    },
  }
}
