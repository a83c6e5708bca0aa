import { ArgumentError, DTypeError, formatShape, ShapeError, Tensor } from '@knack/core'

/** Options of {@link softTargets}. */
export interface SoftTargetOptions {
  /** Number of classes C; required for int32 labels, checked against soft targets' width. */
  numClasses?: number
  /** Label smoothing ε in [0, 1] (default 0): each row becomes `(1 − ε)·y + ε/C`. */
  labelSmoothing?: number
}

/** Soft target rows in float64 and their width. @internal */
export interface SoftRows {
  rows: Float64Array
  classes: number
}

/** Throws unless `numClasses` and `labelSmoothing` are valid. @internal */
export function checkSoftTargetOptions(op: string, options: SoftTargetOptions): void {
  const { numClasses, labelSmoothing = 0 } = options
  if (typeof labelSmoothing !== 'number' || !(labelSmoothing >= 0 && labelSmoothing <= 1)) {
    throw new ArgumentError(
      op,
      `labelSmoothing must lie in [0, 1], got ${labelSmoothing}`,
      'typical values are 0 (off) to 0.2',
    )
  }
  if (numClasses !== undefined && !(Number.isInteger(numClasses) && numClasses >= 1)) {
    throw new ArgumentError(op, `numClasses must be a positive integer, got ${numClasses}`)
  }
}

/**
 * Targets as float64 probability rows `[N, C]`: int32 labels `[N]` become one-hot rows, float32
 * `[N, C]` targets are taken as they are; then label smoothing is applied to every row. @internal
 */
export function softTargetRows(op: string, targets: Tensor, options: SoftTargetOptions): SoftRows {
  checkSoftTargetOptions(op, options)
  const { numClasses, labelSmoothing = 0 } = options
  let rows: Float64Array
  let classes: number
  if (targets.dtype === 'int32') {
    if (targets.ndim !== 1) {
      throw new ShapeError(
        op,
        `int32 class labels must have shape [N], got ${formatShape(targets.shape)}`,
        'pass one label per sample, or float32 soft targets [N, C]',
      )
    }
    if (numClasses === undefined) {
      throw new ArgumentError(
        op,
        'targets are int32 class labels but numClasses is not set',
        'pass numClasses so the labels can become one-hot rows',
      )
    }
    classes = numClasses
    const n = targets.shape[0]!
    rows = new Float64Array(n * classes)
    for (let i = 0; i < n; i++) {
      const label = targets.data[i]!
      if (label < 0 || label >= classes) {
        throw new ArgumentError(
          op,
          `label ${label} of sample ${i} is outside [0, ${classes})`,
          'labels must be class indices below numClasses',
        )
      }
      rows[i * classes + label] = 1
    }
  } else {
    if (targets.ndim !== 2) {
      throw new ShapeError(
        op,
        `soft targets must have shape [N, C], got float32 ${formatShape(targets.shape)}`,
        targets.ndim === 1 ? 'class labels must be int32: convert with .toInt()' : undefined,
      )
    }
    classes = targets.shape[1]!
    if (numClasses !== undefined && numClasses !== classes) {
      throw new ShapeError(
        op,
        `soft targets ${formatShape(targets.shape)} have ${classes} classes but numClasses is ${numClasses}`,
        'make numClasses match the targets, or leave it out',
      )
    }
    rows = Float64Array.from(targets.data)
  }
  if (labelSmoothing > 0) {
    const off = labelSmoothing / classes
    const on = 1 - labelSmoothing
    for (let i = 0; i < rows.length; i++) rows[i] = on * rows[i]! + off
  }
  return { rows, classes }
}

/**
 * Targets as float32 probabilities `[N, C]`: int32 labels `[N]` become one-hot rows (needs
 * `numClasses`), float32 `[N, C]` soft targets pass through; label smoothing ε then gives
 * `(1 − ε)·y + ε/C`, the targets PyTorch's `cross_entropy(label_smoothing=ε)` uses.
 * @see C. Szegedy et al., "Rethinking the Inception Architecture for Computer Vision", CVPR 2016 (label smoothing)
 */
export function softTargets(targets: Tensor, options: SoftTargetOptions = {}): Tensor {
  const { rows, classes } = softTargetRows('softTargets', targets, options)
  return new Tensor(Float32Array.from(rows), [rows.length / classes, classes])
}

/** Throws unless a float32 batch's inputs and targets agree in N. @internal */
export function checkBatchTargets(op: string, inputs: Tensor, targets: Tensor): void {
  if (inputs.dtype !== 'float32') {
    throw new DTypeError(
      op,
      `inputs must be float32, got ${inputs.dtype}`,
      'convert with .toFloat()',
    )
  }
  if (inputs.requiresGrad) {
    throw new ArgumentError(
      op,
      'inputs require a gradient, but augmentations run outside the autograd graph',
      'augment the data before setting requiresGrad, or pass inputs.detach()',
    )
  }
  if (inputs.ndim < 1 || targets.ndim < 1 || inputs.shape[0] !== targets.shape[0]) {
    throw new ShapeError(
      op,
      `inputs ${formatShape(inputs.shape)} and targets ${formatShape(targets.shape)} differ in batch size`,
      'pass one target per sample',
    )
  }
}
