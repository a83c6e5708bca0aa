import { type BackwardOptions, type GradNode, runBackward } from './autograd/graph'
import { allocate, type DType, dtypeOf, type Storage } from './dtype'
import { ArgumentError, ShapeError } from './errors'
import { elu } from './ops/activation/elu'
import { gelu } from './ops/activation/gelu'
import { leakyRelu } from './ops/activation/leaky-relu'
import { relu } from './ops/activation/relu'
import { selu } from './ops/activation/selu'
import { sigmoid } from './ops/activation/sigmoid'
import { silu } from './ops/activation/silu'
import { softplus } from './ops/activation/softplus'
import { tanh } from './ops/activation/tanh'
import { add } from './ops/arithmetic/add'
import { div } from './ops/arithmetic/div'
import { mul } from './ops/arithmetic/mul'
import { neg } from './ops/arithmetic/neg'
import { sub } from './ops/arithmetic/sub'
import { eq } from './ops/compare/eq'
import { ge } from './ops/compare/ge'
import { gt } from './ops/compare/gt'
import { le } from './ops/compare/le'
import { lt } from './ops/compare/lt'
import { ne } from './ops/compare/ne'
import { gather } from './ops/indexing/gather'
import { indexSelect } from './ops/indexing/index-select'
import { maskedFill } from './ops/indexing/masked-fill'
import { scatterAdd } from './ops/indexing/scatter-add'
import { matmul } from './ops/linalg/matmul'
import { abs } from './ops/math/abs'
import { clamp } from './ops/math/clamp'
import { exp } from './ops/math/exp'
import { log } from './ops/math/log'
import { maximum } from './ops/math/maximum'
import { minimum } from './ops/math/minimum'
import { pow } from './ops/math/pow'
import { sign } from './ops/math/sign'
import { sqrt } from './ops/math/sqrt'
import { argmax, argmin } from './ops/reduce/argmax-argmin'
import { logsumexp } from './ops/reduce/logsumexp'
import { max, min } from './ops/reduce/max-min'
import { mean } from './ops/reduce/mean'
import { std } from './ops/reduce/std'
import { sum } from './ops/reduce/sum'
import { type VarianceOptions, variance } from './ops/reduce/variance'
import { broadcastTo } from './ops/shape/broadcast-to'
import { expand } from './ops/shape/expand'
import { flatten } from './ops/shape/flatten'
import { narrow } from './ops/shape/narrow'
import { permute } from './ops/shape/permute'
import { reshape } from './ops/shape/reshape'
import { slice } from './ops/shape/slice'
import { squeeze } from './ops/shape/squeeze'
import { transpose } from './ops/shape/transpose'
import { unsqueeze } from './ops/shape/unsqueeze'
import { logSoftmax } from './ops/softmax/log-softmax'
import { softmax } from './ops/softmax/softmax'
import { checkShape, formatShape, type Shape, shapesEqual, sizeOf } from './shape'

/** A tensor or a plain number (treated as a 0-d float32 tensor). */
export type TensorLike = Tensor | number

/** Nested arrays of numbers, as returned by {@link Tensor.toArray}. */
export type NestedArray = number | NestedArray[]

/**
 * An n-dimensional array of float32 (or int32) values in contiguous row-major storage, with
 * reverse-mode autograd. Storage is a plain typed array owned by JavaScript: the garbage
 * collector frees it, there is no `dispose()`.
 */
export class Tensor {
  /** Row-major element storage; `data.length === size`. */
  readonly data: Storage
  readonly shape: Shape
  readonly dtype: DType
  /** Whether gradients flow to this tensor (set on leaves by the user, on results by ops). */
  requiresGrad = false
  /** Accumulated gradient of a leaf after `backward()`; `null` before. */
  grad: Tensor | null = null
  /** The op that produced this tensor, for autograd; `null` for leaves. */
  gradFn: GradNode | null = null

  /**
   * Wraps existing storage (no copy). Prefer the creation functions (`tensor`, `zeros`, …).
   */
  constructor(data: Storage, shape: Shape, requiresGrad = false) {
    checkShape('Tensor', shape)
    if (data.length !== sizeOf(shape)) {
      throw new ShapeError(
        'Tensor',
        `storage holds ${data.length} values but shape ${formatShape(shape)} needs ${sizeOf(shape)}`,
        'make the shape match the number of values',
      )
    }
    this.data = data
    this.shape = Object.freeze([...shape])
    this.dtype = dtypeOf(data)
    this.requiresGrad = requiresGrad
  }

  /** Number of elements. */
  get size(): number {
    return this.data.length
  }

  /** Number of dimensions. */
  get ndim(): number {
    return this.shape.length
  }

  /** True for tensors created by the user rather than by an op that records the graph. */
  get isLeaf(): boolean {
    return this.gradFn === null
  }

  /** The single value of a one-element tensor. */
  item(): number {
    if (this.size !== 1) {
      throw new ShapeError(
        'item',
        `only one-element tensors have an item; this one has shape ${formatShape(this.shape)}`,
        'reduce it first, or read .data',
      )
    }
    return this.data[0]!
  }

  /** The values as nested arrays (a number for a 0-d tensor). */
  toArray(): NestedArray {
    const build = (dim: number, offset: number, stride: number): NestedArray => {
      if (dim === this.shape.length) return this.data[offset]!
      const n = this.shape[dim]!
      const inner = stride / Math.max(n, 1)
      const out: NestedArray[] = []
      for (let i = 0; i < n; i++) out.push(build(dim + 1, offset + i * inner, inner))
      return out
    }
    return build(0, 0, this.size)
  }

  /** A copy with its own storage, detached from the graph. */
  clone(): Tensor {
    return new Tensor(this.data.slice(), this.shape)
  }

  /** The same storage, cut from the graph (`requiresGrad = false`). */
  detach(): Tensor {
    return new Tensor(this.data, this.shape)
  }

  /** Sets `requiresGrad` on a leaf and returns it, for chaining. */
  requiresGrad_(flag = true): this {
    if (!this.isLeaf && !flag) {
      throw new ArgumentError(
        'requiresGrad_',
        'cannot switch off requiresGrad on a tensor computed by an op',
        'use .detach() to get a tensor without a graph',
      )
    }
    this.requiresGrad = flag
    return this
  }

  /** This tensor as float32 (the same tensor if it already is). Gradients pass through. */
  toFloat(): Tensor {
    if (this.dtype === 'float32') return this
    return new Tensor(Float32Array.from(this.data), this.shape)
  }

  /** This tensor as int32, truncating toward zero (the same tensor if it already is). */
  toInt(): Tensor {
    if (this.dtype === 'int32') return this
    return new Tensor(Int32Array.from(this.data, Math.trunc), this.shape)
  }

  /**
   * Back-propagates from this tensor: accumulates into `.grad` of every leaf that requires a
   * gradient. A non-scalar needs a seed gradient of its own shape.
   */
  backward(seed?: Tensor, options?: BackwardOptions): void {
    runBackward(this, seed, options)
  }

  /** Adds `g` into `.grad` (`+=`), allocating it on first use. @internal */
  accumulateGrad(g: Tensor): void {
    if (this.grad === null) {
      this.grad = new Tensor(new Float32Array(g.data), this.shape)
      return
    }
    const acc = this.grad.data
    const src = g.data
    for (let i = 0; i < acc.length; i++) acc[i]! += src[i]!
  }

  /** Copies `source` (same shape) into this tensor's storage in place, outside the graph. */
  copy_(source: Tensor): this {
    if (!shapesEqual(source.shape, this.shape)) {
      throw new ShapeError(
        'copy_',
        `source shape ${formatShape(source.shape)} differs from ${formatShape(this.shape)}`,
        'copy between tensors of the same shape',
      )
    }
    this.data.set(source.data)
    return this
  }

  /** Fills the storage with `value` in place, outside the graph. */
  fill_(value: number): this {
    this.data.fill(value)
    return this
  }

  /** Zeroes the storage in place, outside the graph. */
  zero_(): this {
    return this.fill_(0)
  }

  toString(): string {
    const values = this.size <= 20 ? JSON.stringify(this.toArray()) : `${this.size} values`
    return `Tensor(${formatShape(this.shape)}, ${this.dtype}, ${values})`
  }

  // ── method faces of the ops (each op lives in its own file under ./ops) ──

  add(other: TensorLike): Tensor {
    return add(this, other)
  }
  sub(other: TensorLike): Tensor {
    return sub(this, other)
  }
  mul(other: TensorLike): Tensor {
    return mul(this, other)
  }
  div(other: TensorLike): Tensor {
    return div(this, other)
  }
  neg(): Tensor {
    return neg(this)
  }
  sum(dim?: number | readonly number[], keepdim = false): Tensor {
    return sum(this, dim, keepdim)
  }
  mean(dim?: number | readonly number[], keepdim = false): Tensor {
    return mean(this, dim, keepdim)
  }
  reshape(shape: readonly number[]): Tensor {
    return reshape(this, shape)
  }
  broadcastTo(shape: readonly number[]): Tensor {
    return broadcastTo(this, shape)
  }
  matmul(other: Tensor): Tensor {
    return matmul(this, other)
  }
  pow(exponent: TensorLike): Tensor {
    return pow(this, exponent)
  }
  exp(): Tensor {
    return exp(this)
  }
  log(): Tensor {
    return log(this)
  }
  sqrt(): Tensor {
    return sqrt(this)
  }
  abs(): Tensor {
    return abs(this)
  }
  sign(): Tensor {
    return sign(this)
  }
  clamp(minValue?: number, maxValue?: number): Tensor {
    return clamp(this, minValue, maxValue)
  }
  maximum(other: TensorLike): Tensor {
    return maximum(this, other)
  }
  minimum(other: TensorLike): Tensor {
    return minimum(this, other)
  }
  eq(other: TensorLike): Tensor {
    return eq(this, other)
  }
  ne(other: TensorLike): Tensor {
    return ne(this, other)
  }
  lt(other: TensorLike): Tensor {
    return lt(this, other)
  }
  le(other: TensorLike): Tensor {
    return le(this, other)
  }
  gt(other: TensorLike): Tensor {
    return gt(this, other)
  }
  ge(other: TensorLike): Tensor {
    return ge(this, other)
  }
  sigmoid(): Tensor {
    return sigmoid(this)
  }
  tanh(): Tensor {
    return tanh(this)
  }
  relu(): Tensor {
    return relu(this)
  }
  leakyRelu(negativeSlope?: number): Tensor {
    return leakyRelu(this, negativeSlope)
  }
  elu(alpha?: number): Tensor {
    return elu(this, alpha)
  }
  selu(): Tensor {
    return selu(this)
  }
  gelu(approximate?: 'none' | 'tanh'): Tensor {
    return gelu(this, approximate)
  }
  softplus(beta?: number, threshold?: number): Tensor {
    return softplus(this, beta, threshold)
  }
  silu(): Tensor {
    return silu(this)
  }
  softmax(dim = -1): Tensor {
    return softmax(this, dim)
  }
  logSoftmax(dim = -1): Tensor {
    return logSoftmax(this, dim)
  }
  max(dim?: number | readonly number[], keepdim = false): Tensor {
    return max(this, dim, keepdim)
  }
  min(dim?: number | readonly number[], keepdim = false): Tensor {
    return min(this, dim, keepdim)
  }
  argmax(dim?: number, keepdim = false): Tensor {
    return argmax(this, dim, keepdim)
  }
  argmin(dim?: number, keepdim = false): Tensor {
    return argmin(this, dim, keepdim)
  }
  variance(dim?: number | readonly number[], options?: VarianceOptions): Tensor {
    return variance(this, dim, options)
  }
  std(dim?: number | readonly number[], options?: VarianceOptions): Tensor {
    return std(this, dim, options)
  }
  logsumexp(dim: number | readonly number[], keepdim = false): Tensor {
    return logsumexp(this, dim, keepdim)
  }
  flatten(startDim = 0, endDim = -1): Tensor {
    return flatten(this, startDim, endDim)
  }
  transpose(dim0: number, dim1: number): Tensor {
    return transpose(this, dim0, dim1)
  }
  permute(dims: readonly number[]): Tensor {
    return permute(this, dims)
  }
  squeeze(dim?: number | readonly number[]): Tensor {
    return squeeze(this, dim)
  }
  unsqueeze(dim: number): Tensor {
    return unsqueeze(this, dim)
  }
  expand(sizes: readonly number[]): Tensor {
    return expand(this, sizes)
  }
  slice(dim: number, start: number, end?: number, step = 1): Tensor {
    return slice(this, dim, start, end, step)
  }
  narrow(dim: number, start: number, length: number): Tensor {
    return narrow(this, dim, start, length)
  }
  indexSelect(dim: number, index: Tensor): Tensor {
    return indexSelect(this, dim, index)
  }
  gather(dim: number, index: Tensor): Tensor {
    return gather(this, dim, index)
  }
  scatterAdd(dim: number, index: Tensor, src: Tensor): Tensor {
    return scatterAdd(this, dim, index, src)
  }
  maskedFill(mask: Tensor, value: number): Tensor {
    return maskedFill(this, mask, value)
  }
}

/** Turns a number into a 0-d float32 tensor; passes tensors through. */
export function asTensor(x: TensorLike): Tensor {
  return typeof x === 'number' ? new Tensor(Float32Array.of(x), []) : x
}

/** A new tensor of `shape` and `dtype` holding zeros, outside the graph. @internal */
export function emptyTensor(shape: Shape, dtype: DType = 'float32'): Tensor {
  return new Tensor(allocate(dtype, sizeOf(shape)), shape)
}
