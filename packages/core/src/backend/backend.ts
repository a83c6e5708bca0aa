/**
 * Sizes, strides and offsets of one (batched) matrix product for {@link Backend.matmul}:
 * `out[t] (+)= op(A[t]) · op(B[t])` for `t < batch`, where `op(A)` is `m × k`, `op(B)` is
 * `k × n` and every matrix is contiguous and row-major.
 */
export interface MatmulOptions {
  /** Rows of `op(A)` and of the result. */
  m: number
  /** Columns of `op(B)` and of the result. */
  n: number
  /** Inner dimension: columns of `op(A)`, rows of `op(B)`. */
  k: number
  /** `A` is stored as `k × m` and used transposed (default false: stored `m × k`). */
  transA?: boolean
  /** `B` is stored as `n × k` and used transposed (default false: stored `k × n`). */
  transB?: boolean
  /** Number of products (default 1). */
  batch?: number
  /** Elements between consecutive matrices of `A` (default `m·k`; 0 reuses one matrix). */
  strideA?: number
  /** Elements between consecutive matrices of `B` (default `k·n`; 0 reuses one matrix). */
  strideB?: number
  /**
   * Elements between consecutive result matrices (default `m·n`). With `accumulate`, 0 sums
   * the whole batch into one matrix; the products are then added in batch order.
   */
  strideOut?: number
  /** Index of the first element of `A` (default 0). */
  offsetA?: number
  /** Index of the first element of `B` (default 0). */
  offsetB?: number
  /** Index of the first element of the result (default 0). */
  offsetOut?: number
  /** Add the product to `out` instead of overwriting it (default false). */
  accumulate?: boolean
}

/**
 * Geometry of a 2-D window sliding over `channels` planes of `height × width` (NCHW data):
 * the output size along each axis is `⌊(size + 2·pad − dilation·(kernel − 1) − 1) / stride⌋ + 1`.
 */
export interface Window2d {
  /** Number of planes (channels of one image for im2col; batch · channels for pooling). */
  channels: number
  height: number
  width: number
  kernelH: number
  kernelW: number
  strideH: number
  strideW: number
  /** Implicit padding on both sides of each axis. */
  padH: number
  padW: number
  dilationH: number
  dilationW: number
  outH: number
  outW: number
}

/**
 * The kernels an op needs from a compute backend. Kernels work on raw float32 storage with
 * explicit sizes, strides and offsets; they trust the sizes they are given (the ops check
 * shapes first) and never allocate their outputs. `js` is the reference implementation; a
 * faster backend implements the same interface and must agree with `js` within float tolerance.
 */
export interface Backend {
  /** Unique name, e.g. `js` or `wasm`. */
  readonly name: string
  /**
   * Rank used for automatic selection: when no backend was chosen with `setBackend`, the
   * registered backend with the highest priority runs (`js` has 0).
   */
  readonly priority: number
  /** Batched matrix product `out (+)= op(A) · op(B)`; see {@link MatmulOptions}. */
  matmul(a: Float32Array, b: Float32Array, out: Float32Array, options: MatmulOptions): void
  /**
   * Unfolds one image (`channels × height × width` at `imageOffset`) into `col`, a
   * `(channels·kernelH·kernelW) × (outH·outW)` matrix whose row `(c, i, j)` holds the input
   * seen by kernel tap `(i, j)` of channel `c` at every output position (0 in the padding).
   */
  im2col(image: Float32Array, imageOffset: number, col: Float32Array, window: Window2d): void
  /**
   * The adjoint of {@link Backend.im2col}: adds every entry of `col` back onto the image pixel
   * it was read from (`image` at `imageOffset`, `+=`); padding entries are dropped.
   */
  col2im(col: Float32Array, image: Float32Array, imageOffset: number, window: Window2d): void
  /**
   * Max over each window of each plane, padding counting as −∞; `indices` receives the
   * position `h·width + w` of the first maximum within its plane (−1 for a window that lies
   * entirely in the padding). NaN propagates.
   */
  maxPool2d(input: Float32Array, out: Float32Array, indices: Int32Array, window: Window2d): void
  /** Adds each output gradient onto the input position `indices` names (`+=`). */
  maxPool2dBackward(
    gradOut: Float32Array,
    indices: Int32Array,
    gradInput: Float32Array,
    window: Window2d,
  ): void
  /**
   * Mean over each window of each plane. The divisor is `kernelH·kernelW` when
   * `countIncludePad`, else the number of window taps inside the input.
   */
  avgPool2d(
    input: Float32Array,
    out: Float32Array,
    window: Window2d,
    countIncludePad: boolean,
  ): void
  /** Spreads each output gradient evenly over its window's taps inside the input (`+=`). */
  avgPool2dBackward(
    gradOut: Float32Array,
    gradInput: Float32Array,
    window: Window2d,
    countIncludePad: boolean,
  ): void
}
