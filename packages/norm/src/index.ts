export {
  BatchNorm1d,
  BatchNorm2d,
  BatchNormBase,
  type BatchNormLayerOptions,
} from './batch-norm'
export { type BatchNormOptions, batchNorm } from './functional/batch-norm'
export { groupNorm } from './functional/group-norm'
export { layerNorm } from './functional/layer-norm'
export { GroupNorm, type GroupNormOptions } from './group-norm'
export type { ChannelOptions } from './input/channel-layout'
export { InputTransform } from './input/input-transform'
export { MinMaxScaler, type MinMaxScalerOptions } from './input/min-max-scaler'
export { PCA, type PCAOptions } from './input/pca'
export { PrincipalAxesTransform } from './input/principal-axes'
export { StandardScaler } from './input/standard-scaler'
export { ZCAWhitening, type ZCAWhiteningOptions } from './input/zca-whitening'
export { LayerNorm, type LayerNormOptions } from './layer-norm'
export {
  type SymmetricEigen,
  type SymmetricEigenOptions,
  symmetricEigen,
} from './linalg/symmetric-eigen'
export { recomputeBatchNormStats } from './recompute-batch-norm-stats'
export { normExceptDim, type WeightNormOptions, weightNorm } from './weight-norm'
