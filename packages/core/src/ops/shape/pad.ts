import { recordOp } from '../../autograd/graph'
import { allocate } from '../../dtype'
import { ArgumentError, ShapeError } from '../../errors'
import { formatShape, sizeOf, stridesOf } from '../../shape'
import { Tensor } from '../../tensor'
import { indexSelect } from '../indexing/index-select'
import { copyStrided } from './strided-copy'

/** How {@link pad} fills the new border: a constant, the mirror image, or the edge value. */
export type PadMode = 'constant' | 'reflect' | 'replicate'

const MODES: readonly PadMode[] = ['constant', 'reflect', 'replicate']

interface Pair {
  dim: number
  before: number
  after: number
}

function padPairs(x: Tensor, padding: readonly number[], mode: PadMode): Pair[] {
  if (padding.length % 2 !== 0 || padding.length > 2 * x.ndim) {
    throw new ShapeError(
      'pad',
      `padding [${padding.join(',')}] has ${padding.length} values for shape ${formatShape(x.shape)}`,
      `give (before, after) pairs from the last dimension backwards: an even count up to ${2 * x.ndim}`,
    )
  }
  const pairs: Pair[] = []
  for (let i = 0; i < padding.length / 2; i++) {
    const dim = x.ndim - 1 - i
    const before = padding[2 * i]!
    const after = padding[2 * i + 1]!
    const n = x.shape[dim]!
    if (!Number.isInteger(before) || !Number.isInteger(after)) {
      throw new ArgumentError(
        'pad',
        `padding (${before}, ${after}) of dimension ${dim} is not a pair of integers`,
        'pad by whole numbers of entries',
      )
    }
    if (Math.max(0, -before) + Math.max(0, -after) > n) {
      throw new ShapeError(
        'pad',
        `padding (${before}, ${after}) crops more than dimension ${dim} of size ${n} holds (shape ${formatShape(x.shape)})`,
        'negative padding may remove at most the whole dimension',
      )
    }
    if (mode === 'reflect' && (before >= n || after >= n)) {
      throw new ShapeError(
        'pad',
        `reflect padding (${before}, ${after}) of dimension ${dim} must be smaller than its size ${n} (shape ${formatShape(x.shape)})`,
        'pad by less than the size, or use replicate or constant mode',
      )
    }
    if (mode === 'replicate' && n === 0 && (before > 0 || after > 0)) {
      throw new ShapeError(
        'pad',
        `replicate padding of dimension ${dim} needs an edge value but the dimension is empty (shape ${formatShape(x.shape)})`,
        'use constant mode for empty dimensions',
      )
    }
    pairs.push({ dim, before, after })
  }
  return pairs
}

function constantPad(x: Tensor, pairs: readonly Pair[], value: number): Tensor {
  const shape = [...x.shape]
  const region = [...x.shape]
  const xStrides = stridesOf(x.shape)
  let srcOffset = 0
  for (const { dim, before, after } of pairs) {
    shape[dim]! += before + after
    region[dim]! -= Math.max(0, -before) + Math.max(0, -after)
    srcOffset += Math.max(0, -before) * xStrides[dim]!
  }
  const outStrides = stridesOf(shape)
  let dstOffset = 0
  for (const { dim, before } of pairs) dstOffset += Math.max(0, before) * outStrides[dim]!
  const out = allocate(x.dtype, sizeOf(shape))
  if (value !== 0) out.fill(value)
  copyStrided(x.data, srcOffset, xStrides, out, dstOffset, outStrides, region)
  const back: Pair[] = pairs.map(({ dim, before, after }) => ({
    dim,
    before: -before,
    after: -after,
  }))
  return recordOp(new Tensor(out, shape), 'pad', [x], (g) => [constantPad(g, back, 0)])
}

/**
 * Pads `x` with PyTorch `F.pad` conventions: `padding` holds (before, after) pairs starting
 * from the last dimension and moving backwards; negative entries crop. Fills with `value`.
 * @see torch.nn.functional.pad
 */
export function pad(x: Tensor, padding: readonly number[], value?: number): Tensor
/**
 * Pads `x` in `mode`: `constant` fills with `value`, `reflect` mirrors the input without
 * repeating the edge (`[1,2,3]` by 2 → `[3,2,1,2,3]`), `replicate` repeats the edge value.
 */
export function pad(x: Tensor, padding: readonly number[], mode: PadMode, value?: number): Tensor
export function pad(
  x: Tensor,
  padding: readonly number[],
  modeOrValue: PadMode | number = 'constant',
  value = 0,
): Tensor {
  const mode = typeof modeOrValue === 'number' ? 'constant' : modeOrValue
  const fill = typeof modeOrValue === 'number' ? modeOrValue : value
  if (!MODES.includes(mode)) {
    throw new ArgumentError('pad', `unknown mode '${mode}'`, `use one of ${MODES.join(', ')}`)
  }
  if (mode !== 'constant' && fill !== 0) {
    throw new ArgumentError(
      'pad',
      `mode '${mode}' takes no fill value, got ${fill}`,
      "drop the value, or use 'constant' mode",
    )
  }
  const pairs = padPairs(x, padding, mode)
  if (mode === 'constant' || pairs.every((p) => p.before === 0 && p.after === 0)) {
    return constantPad(x, pairs, fill)
  }
  let out = x
  for (const { dim, before, after } of pairs) {
    if (before === 0 && after === 0) continue
    const n = x.shape[dim]!
    const map = new Int32Array(n + before + after)
    for (let j = 0; j < map.length; j++) {
      const i = j - before
      if (mode === 'replicate') map[j] = i < 0 ? 0 : i >= n ? n - 1 : i
      else map[j] = i < 0 ? -i : i >= n ? 2 * (n - 1) - i : i
    }
    out = indexSelect(out, dim, new Tensor(map, [map.length]))
  }
  return out
}
