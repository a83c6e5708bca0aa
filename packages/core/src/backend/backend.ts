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
 * Geometry of a batched 2-D convolution (cross-correlation) for {@link Backend.conv2d}: the
 * {@link Window2d} of one image (`channels` = input channels) plus the batch layout. The input
 * is `[batch, channels, height, width]`, the weight `[outChannels, channels / groups, kernelH,
 * kernelW]`, the output `[batch, outChannels, outH, outW]`.
 */
export interface Conv2dGeometry extends Window2d {
  /** Number of images. */
  batch: number
  /** Blocked connections: input and output channels split into this many groups. */
  groups: number
  /** Output channels (a multiple of `groups`). */
  outChannels: number
}

/** Coefficients of one {@link Backend.adam} step. */
export interface AdamStepOptions {
  /** Decay of the first moment, β₁. */
  beta1: number
  /** Decay of the second moment, β₂. */
  beta2: number
  /** Factor of the first moment in the update, e.g. `√(1 − β₂ᵗ) / (1 − β₁ᵗ)` for bias correction. */
  scale: number
  /** Term added to `√v` in the denominator (e.g. `ε·√(1 − β₂ᵗ)`). */
  eps: number
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
  /**
   * Threads the kernels may use, the calling one included (1 for a single-threaded backend;
   * a pool that is still starting counts only its ready workers).
   */
  readonly threads: number
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
   * Batched convolution `out[n, o] = bias[o] + Σ_c weight[o, c] ⋆ input[n, g·C/groups + c]`
   * over the channels `c` of group `g` of output channel `o` (see {@link Conv2dGeometry});
   * `bias` may be null. Overwrites `out`.
   */
  conv2d(
    input: Float32Array,
    weight: Float32Array,
    bias: Float32Array | null,
    out: Float32Array,
    geometry: Conv2dGeometry,
  ): void
  /**
   * Gradients of {@link Backend.conv2d} from the output gradient `gradOut`: the input gradient
   * (`weightᵀ · gradOut` folded back by col2im), the weight gradient (`Σ_n gradOut[n] ·
   * im2col(input[n])ᵀ`) and the bias gradient (`Σ gradOut` per output channel). Each non-null
   * gradient array is overwritten; a null one is not computed.
   */
  conv2dBackward(
    gradOut: Float32Array,
    input: Float32Array,
    weight: Float32Array,
    gradInput: Float32Array | null,
    gradWeight: Float32Array | null,
    gradBias: Float32Array | null,
    geometry: Conv2dGeometry,
  ): void
  /**
   * The convolution block `out = relu(maxPool2d(conv2d(input, weight, bias)))`, which equals
   * `maxPool2d(relu(conv2d(…)))` wherever every pooling window holds an input tap: the
   * convolution's output (`geometry`) is pooled over the `pool` window (its planes are
   * `batch · outChannels` maps of `outH × outW`) without leaving the backend, then the pooled
   * maxima are rectified. `indices` receives the positions of the maxima, as in
   * {@link Backend.maxPool2d}. Overwrites `out` and `indices`.
   */
  conv2dReluMaxPool2d(
    input: Float32Array,
    weight: Float32Array,
    bias: Float32Array | null,
    out: Float32Array,
    indices: Int32Array,
    geometry: Conv2dGeometry,
    pool: Window2d,
  ): void
  /**
   * Gradients of {@link Backend.conv2dReluMaxPool2d} from the gradient of its output: the
   * ReLU gradient taken on the pooled output `out` (`y ≤ 0 ? 0 : g`), sent back through the
   * pooling `indices`, then through the convolution as in {@link Backend.conv2dBackward}. Each
   * non-null gradient array is overwritten; a null one is not computed.
   */
  conv2dReluMaxPool2dBackward(
    gradOut: Float32Array,
    out: Float32Array,
    indices: Int32Array,
    input: Float32Array,
    weight: Float32Array,
    gradInput: Float32Array | null,
    gradWeight: Float32Array | null,
    gradBias: Float32Array | null,
    geometry: Conv2dGeometry,
    pool: Window2d,
  ): void
  /**
   * One Adam step over equal-length buffers, in place: `m ← β₁·m + (1 − β₁)·g`,
   * `v ← β₂·v + (1 − β₂)·g²`, with `vMax` (AMSGrad) `vMax ← max(vMax, v)` used in place of `v`,
   * then `g ← m·scale / (√v + eps)`: the gradient becomes the update.
   */
  adam(
    g: Float32Array,
    m: Float32Array,
    v: Float32Array,
    vMax: Float32Array | null,
    options: AdamStepOptions,
  ): void
  /** `x ← factor·x`, in place. */
  scale(x: Float32Array, factor: number): void
  /** `y ← y + alpha·x` (equal lengths), in place. */
  addScaled(y: Float32Array, x: Float32Array, alpha: number): void
  /** Whether no value of `x` is NaN or ±Infinity. */
  allFinite(x: Float32Array): boolean
  /** Rectified linear unit `out[i] = max(x[i], 0)` (NaN stays NaN, −0 becomes +0). */
  relu(x: Float32Array, out: Float32Array): void
  /**
   * ReLU gradient from the forward result `y`: `dx[i] = y[i] ≤ 0 ? 0 : g[i]` (a NaN output
   * passes the gradient through). Overwrites `dx`.
   */
  reluBackward(g: Float32Array, y: Float32Array, dx: Float32Array): void
  /**
   * Max over each window of each plane, padding counting as −∞; `indices` receives the
   * position `h·width + w` of the first maximum within its plane (−1 for a window that lies
   * entirely in the padding). NaN propagates.
   */
  maxPool2d(input: Float32Array, out: Float32Array, indices: Int32Array, window: Window2d): void
  /**
   * Input gradient of {@link Backend.maxPool2d}: each output gradient goes to the input position
   * `indices` names (summed where windows share a maximum). Overwrites `gradInput`.
   */
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
  /**
   * Input gradient of {@link Backend.avgPool2d}: each output gradient spread evenly over its
   * window's taps inside the input (summed where windows overlap). Overwrites `gradInput`.
   */
  avgPool2dBackward(
    gradOut: Float32Array,
    gradInput: Float32Array,
    window: Window2d,
    countIncludePad: boolean,
  ): void
}
