export type { GradCheckFailure, GradCheckOptions, GradCheckResult } from './autograd/grad-check'
export { gradCheck } from './autograd/grad-check'
export { enableGrad, isGradEnabled, noGrad } from './autograd/grad-mode'
export type { BackwardFn, BackwardOptions, GradNode } from './autograd/graph'
export { recordOp } from './autograd/graph'
export * from './backend'
export * from './creation'
export type { DType, Storage } from './dtype'
export {
  ArgumentError,
  AutogradError,
  DTypeError,
  FormatError,
  KnackError,
  ShapeError,
  StateError,
} from './errors'
export * from './io'
export * from './nn'
export * from './ops/activation'
export * from './ops/arithmetic'
export * from './ops/compare'
export * from './ops/conv'
export * from './ops/indexing'
export * from './ops/linalg'
export * from './ops/loss'
export * from './ops/math'
export * from './ops/reduce'
export * from './ops/shape'
export * from './ops/softmax'
export * from './random'
export type { Shape } from './shape'
export { broadcastShapes, formatShape, sizeOf, stridesOf } from './shape'
export type { NestedArray, TensorLike } from './tensor'
export { asTensor, Tensor } from './tensor'
export * from './types'
