import { ArgumentError, DTypeError, formatShape, ShapeError, type Tensor } from '@knack/core'

/** Sizes of an image batch `[N, C, H, W]`. @internal */
export interface ImageDims {
  n: number
  c: number
  h: number
  w: number
}

/**
 * Checks that `images` is a float32 `[N, C, H, W]` batch outside the autograd graph and returns
 * its sizes. @internal
 */
export function imageDims(op: string, images: Tensor): ImageDims {
  if (images.ndim !== 4) {
    throw new ShapeError(
      op,
      `expected an image batch of shape [N, C, H, W], got ${formatShape(images.shape)}`,
      images.ndim === 3 ? 'add a batch dimension: images.reshape([1, ...shape])' : undefined,
    )
  }
  if (images.dtype !== 'float32') {
    throw new DTypeError(
      op,
      `images must be float32, got ${images.dtype}`,
      'convert with .toFloat()',
    )
  }
  if (images.requiresGrad) {
    throw new ArgumentError(
      op,
      'images require a gradient, but augmentations run outside the autograd graph',
      'augment the data before setting requiresGrad, or pass images.detach()',
    )
  }
  const [n, c, h, w] = images.shape as [number, number, number, number]
  return { n, c, h, w }
}

/** Throws unless `value` is a finite number. @internal */
export function checkFinite(op: string, name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ArgumentError(op, `${name} must be a finite number, got ${value}`)
  }
}

/** Throws unless `p` is a probability in [0, 1]. @internal */
export function checkProbability(op: string, name: string, p: number): void {
  if (typeof p !== 'number' || !(p >= 0 && p <= 1)) {
    throw new ArgumentError(op, `${name} must be a probability in [0, 1], got ${p}`)
  }
}

/**
 * A sampling range `[low, high]`: a pair is checked (finite, `low <= high`); a single number is
 * checked finite and turned into a range by `fromNumber`, or refused without one. @internal
 */
export function toRange(
  op: string,
  name: string,
  value: number | readonly number[],
  fromNumber?: (v: number) => [number, number],
): [number, number] {
  if (typeof value === 'number' && fromNumber !== undefined) {
    checkFinite(op, name, value)
    return fromNumber(value)
  }
  if (
    !Array.isArray(value) ||
    value.length !== 2 ||
    !value.every((v) => typeof v === 'number' && Number.isFinite(v)) ||
    !(value[0]! <= value[1]!)
  ) {
    const forms = fromNumber === undefined ? 'a range' : 'a number or a range'
    throw new ArgumentError(
      op,
      `${name} must be ${forms} [low, high] of finite numbers with low <= high, got ${JSON.stringify(value)}`,
    )
  }
  return [value[0]!, value[1]!]
}

/** A symmetric range `[−v, v]` for a number `v >= 0`. @internal */
export function symmetric(op: string, name: string): (v: number) => [number, number] {
  return (v) => {
    if (v < 0) {
      throw new ArgumentError(
        op,
        `${name} must be >= 0 when given as one number, got ${v}`,
        'pass a range [low, high] for an asymmetric one',
      )
    }
    return [-v, v]
  }
}

/**
 * One finite value per item: a number repeated `count` times, or an array of exactly `count`
 * values. @internal
 */
export function perItem(
  op: string,
  name: string,
  value: number | ArrayLike<number>,
  count: number,
  what: string,
): Float64Array {
  if (typeof value === 'number') {
    checkFinite(op, name, value)
    return new Float64Array(count).fill(value)
  }
  if (value.length !== count) {
    throw new ArgumentError(
      op,
      `${name} has ${value.length} values, expected one per ${what} (${count})`,
      'pass one number for all, or exactly one per item',
    )
  }
  const out = Float64Array.from(value)
  for (let i = 0; i < count; i++) checkFinite(op, `${name}[${i}]`, out[i]!)
  return out
}

/** Throws unless `value` is an integer, and at least `min` when given. @internal */
export function checkInteger(op: string, name: string, value: number, min?: number): void {
  if (!Number.isInteger(value) || (min !== undefined && value < min)) {
    const bound = min === undefined ? '' : ` >= ${min}`
    throw new ArgumentError(op, `${name} must be an integer${bound}, got ${value}`)
  }
}
