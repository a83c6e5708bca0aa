import { ArgumentError, type Generator, Tensor, uniform } from '@knack/core'
import { checkFinite, imageDims, symmetric, toRange } from './checks'
import { imageAugmentation } from './image-augmentation'
import type { Augmentation } from './types'

/** Adds `shifts[s]` (per sample) or `shifts[s·C + c]` (per channel) to every pixel. */
function addShifts(op: string, images: Tensor, shifts: Float64Array, perChannel: boolean): Tensor {
  const { n, c, h, w } = imageDims(op, images)
  const src = images.data as Float32Array
  const out = new Float32Array(src.length)
  const plane = h * w
  for (let s = 0; s < n; s++) {
    for (let ch = 0; ch < c; ch++) {
      const delta = shifts[perChannel ? s * c + ch : s]!
      const start = (s * c + ch) * plane
      for (let i = start; i < start + plane; i++) out[i] = src[i]! + delta
    }
  }
  return new Tensor(out, images.shape)
}

/**
 * Additive brightness shift `x' = x + δ` (like `tf.image.adjust_brightness`; torchvision's
 * `adjust_brightness` multiplies instead), without clamping. `shift` is one δ for everything,
 * N values (one per sample), or N·C values (one per sample and channel, row-major: a color
 * shift).
 * @see https://www.tensorflow.org/api_docs/python/tf/image/adjust_brightness
 */
export function shiftBrightness(images: Tensor, shift: number | ArrayLike<number>): Tensor {
  const op = 'shiftBrightness'
  const { n, c } = imageDims(op, images)
  if (typeof shift === 'number') {
    checkFinite(op, 'shift', shift)
    return addShifts(op, images, new Float64Array(n).fill(shift), false)
  }
  if (shift.length !== n && shift.length !== n * c) {
    throw new ArgumentError(
      op,
      `shift has ${shift.length} values, but images [${n}, ${c}, …] need 1, ${n} (per sample) or ${n * c} (per sample and channel)`,
    )
  }
  const shifts = Float64Array.from(shift)
  for (let i = 0; i < shifts.length; i++) checkFinite(op, `shift[${i}]`, shifts[i]!)
  return addShifts(op, images, shifts, shift.length !== n)
}

/** Options of {@link randomBrightness}. */
export interface RandomBrightnessOptions {
  /** Range of the additive shift δ: `d` for `[−d, d]`, or `[min, max]`. */
  shift: number | readonly [number, number]
  /** Draw a separate δ for each channel of each sample (a color shift); default false. */
  perChannel?: boolean
}

/**
 * {@link shiftBrightness} by a random `δ ~ U(min, max)` per sample, or per sample and channel
 * with `perChannel` (like `tf.image.random_brightness`, per sample). Draws by {@link uniform}
 * in sample-then-channel order.
 * @see https://www.tensorflow.org/api_docs/python/tf/image/random_brightness
 */
export function randomBrightness(options: RandomBrightnessOptions): Augmentation {
  const op = 'randomBrightness'
  const { perChannel = false } = options
  const [low, high] = toRange(op, 'shift', options.shift, symmetric(op, 'shift'))
  return imageAugmentation((images: Tensor, generator: Generator) => {
    const { n, c } = imageDims(op, images)
    const shifts = new Float64Array(perChannel ? n * c : n)
    for (let i = 0; i < shifts.length; i++) shifts[i] = uniform(low, high, generator)
    return addShifts(op, images, shifts, perChannel)
  })
}
