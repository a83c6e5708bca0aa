import type { BatchTransform } from '@knack/core'
import { type Batch, beta, type Generator, permutation, randomInt, Tensor } from '@knack/core'
import { imageDims } from './checks'
import { checkAlpha, type MixOptions, mixTargets } from './mixup'
import { checkBatchTargets, checkSoftTargetOptions, softTargetRows } from './soft-targets'

/**
 * CutMix: one `λ ~ Beta(α, α)` per batch, a random permutation π, and one box per batch of
 * height `round(H·√(1 − λ))` and width `round(W·√(1 − λ))` centred on a uniformly random pixel
 * and clipped to the image (rows `[y − ⌊h/2⌋, y − ⌊h/2⌋ + h)`, likewise columns). Inside the box
 * every image i receives the pixels of image π(i). λ is then corrected to the share of pixels
 * kept, `λ = 1 − box area / (H·W)`, and targets become `λ·y_i + (1 − λ)·y_π(i)`, float32 soft
 * targets `[N, C]` (int32 labels need `numClasses`; label smoothing is applied to each row
 * before mixing). Draws λ by {@link beta}, π by {@link permutation}, then the centre row and
 * column by {@link randomInt}.
 * @see S. Yun et al., "CutMix: Regularization Strategy to Train Strong Classifiers with Localizable Features", ICCV 2019, https://arxiv.org/abs/1905.04899
 */
export function cutMix(options: MixOptions = {}): BatchTransform {
  const op = 'cutMix'
  const { alpha = 1, ...targetOptions } = options
  checkAlpha(op, alpha)
  checkSoftTargetOptions(op, targetOptions)
  return (batch: Batch, generator: Generator): Batch => {
    const { inputs, targets } = batch
    const { n, c, h, w } = imageDims(op, inputs)
    checkBatchTargets(op, inputs, targets)
    const soft = softTargetRows(op, targets, targetOptions)
    const drawn = beta(alpha, alpha, generator)
    const perm = permutation(n, generator)
    const cut = Math.sqrt(1 - drawn)
    const bh = Math.round(h * cut)
    const bw = Math.round(w * cut)
    const cy = randomInt(0, h, generator)
    const cx = randomInt(0, w, generator)
    const y0 = Math.max(0, cy - Math.floor(bh / 2))
    const y1 = Math.min(h, cy - Math.floor(bh / 2) + bh)
    const x0 = Math.max(0, cx - Math.floor(bw / 2))
    const x1 = Math.min(w, cx - Math.floor(bw / 2) + bw)
    const x = inputs.data as Float32Array
    const out = x.slice()
    const plane = h * w
    for (let i = 0; i < n; i++) {
      for (let ch = 0; ch < c; ch++) {
        const to = (i * c + ch) * plane
        const from = (perm[i]! * c + ch) * plane
        for (let y = y0; y < y1; y++) {
          out.set(x.subarray(from + y * w + x0, from + y * w + x1), to + y * w + x0)
        }
      }
    }
    const lambda = 1 - (Math.max(0, y1 - y0) * Math.max(0, x1 - x0)) / plane
    return {
      ...batch,
      inputs: new Tensor(out, inputs.shape),
      targets: mixTargets(soft, lambda, perm),
    }
  }
}
