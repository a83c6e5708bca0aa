export { calculateGain, type Nonlinearity } from './calculate-gain'
export { constant, ones, zeros } from './constant'
export { type FanMode, type Fans, fans } from './fans'
export { type GaussianOptions, gaussian } from './gaussian'
export {
  type InitApplied,
  type InitializeOptions,
  type InitReport,
  type InitRule,
  initialize,
  type ModuleClass,
} from './initialize'
export type { Distribution, Initializer } from './initializer'
export { type KaimingOptions, kaimingNormal, kaimingUniform } from './kaiming'
export { lecunNormal, lecunUniform } from './lecun'
export { normal } from './normal'
export { type OrthogonalOptions, orthogonal } from './orthogonal'
export {
  type LayerSignal,
  type Moments,
  type SignalFlag,
  type SignalPropagationOptions,
  type SignalReport,
  signalPropagation,
} from './signal-propagation'
export { type TruncatedNormalOptions, truncatedNormal } from './truncated-normal'
export { uniform } from './uniform'
export { type XavierOptions, xavierNormal, xavierUniform } from './xavier'
export { zeroInitResidual } from './zero-init-residual'
