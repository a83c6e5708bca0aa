export {
  type CrossEntropyOptions,
  crossEntropy,
  elu,
  gelu,
  leakyRelu,
  type MseLossOptions,
  mseLoss,
  type Reduction,
  relu,
  selu,
  sigmoid,
  silu,
  softplus,
  tanh,
} from '@knack/core'
export { ELU, GELU, LeakyReLU, ReLU, SELU, Sigmoid, SiLU, Softplus, Tanh } from './activations'
export { AdaptiveAvgPool2d, type AdaptiveSize2d, adaptiveAvgPool2d } from './adaptive-avg-pool2d'
export { AvgPool2d, type AvgPool2dOptions } from './avg-pool2d'
export { BasicBlock, type BasicBlockOptions } from './basic-block'
export {
  BCEWithLogitsLoss,
  type BinaryCrossEntropyWithLogitsOptions,
  binaryCrossEntropyWithLogits,
} from './binary-cross-entropy-with-logits'
export { Conv2d, type Conv2dOptions } from './conv2d'
export { CrossEntropyLoss } from './cross-entropy-loss'
export { Flatten } from './flatten'
export { HuberLoss, type HuberLossOptions, huberLoss } from './huber-loss'
export { Identity } from './identity'
export { L1Loss, type L1LossOptions, l1Loss } from './l1-loss'
export type { Layer } from './layer'
export { Linear, type LinearOptions } from './linear'
export { MaxPool2d, type MaxPool2dOptions } from './max-pool2d'
export { MSELoss } from './mse-loss'
export { MultiMarginLoss, type MultiMarginLossOptions, multiMarginLoss } from './multi-margin-loss'
export { NLLLoss, type NllLossOptions, nllLoss } from './nll-loss'
export { PReLU, prelu } from './prelu'
export { isResidualBlock, Residual, type ResidualBlock, type ResidualOptions } from './residual'
export { Sequential } from './sequential'
export { type ModelSummary, type SummaryOptions, type SummaryRow, summary } from './summary'
