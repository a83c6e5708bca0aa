export * from './augment'
export type { EnsembleOptions } from './averaging/ensemble'
export { Ensemble } from './averaging/ensemble'
export type { AveragingMode, Polyak, PolyakOptions, PolyakState } from './averaging/polyak'
export { polyak, polyakDecay } from './averaging/polyak'
export type {
  SnapshotEnsemble,
  SnapshotEnsembleOptions,
  SnapshotEnsembleState,
} from './averaging/snapshot-ensemble'
export { snapshotEnsemble } from './averaging/snapshot-ensemble'
export { AlphaDropout, alphaDropout } from './dropout/alpha-dropout'
export type { LinearLike } from './dropout/drop-connect'
export { DropConnect } from './dropout/drop-connect'
export type { DropPathFunctionOptions, DropPathMode, DropPathOptions } from './dropout/drop-path'
export { DropPath, dropPath } from './dropout/drop-path'
export type { DropoutFunctionOptions, DropoutOptions } from './dropout/dropout'
export { Dropout, dropout } from './dropout/dropout'
export { Dropout2d, dropout2d } from './dropout/dropout2d'
export type {
  EarlyStopping,
  EarlyStoppingOptions,
  EarlyStoppingState,
  MonitorMode,
} from './early-stopping'
export { earlyStopping } from './early-stopping'
export type { PenaltyOptions } from './penalty/penalty'
export { penalty } from './penalty/penalty'
export type {
  ModuleClass,
  ParameterInfo,
  ParameterRule,
  ParameterSelection,
} from './penalty/select-parameters'
export { isBiasOrNormParameter, isNormLayer, selectParameters } from './penalty/select-parameters'
export type { WeightPenaltyOptions } from './penalty/weight-penalty'
export { weightPenalty } from './penalty/weight-penalty'
