export { constant } from './constant'
export { type CosineAnnealingOptions, cosineAnnealing } from './cosine-annealing'
export { type CosineWarmRestartsOptions, cosineWarmRestarts } from './cosine-warm-restarts'
export { type ExponentialOptions, exponential } from './exponential'
export {
  type FindLearningRateOptions,
  findLearningRate,
  type LearningRateFinderResult,
} from './find-learning-rate'
export { type InverseSqrtOptions, inverseSqrt } from './inverse-sqrt'
export { type LargeBatchScheduleOptions, largeBatchSchedule } from './large-batch-schedule'
export { type LinearOptions, linear } from './linear'
export { type LinearWarmupOptions, linearWarmup } from './linear-warmup'
export { type MultiStepOptions, multiStep } from './multi-step'
export { type OneCycleOptions, oneCycle } from './one-cycle'
export { perEpoch } from './per-epoch'
export { type PolynomialOptions, polynomial } from './polynomial'
export {
  type ReduceLROnPlateau,
  type ReduceLROnPlateauOptions,
  type ReduceLROnPlateauState,
  reduceLROnPlateau,
} from './reduce-lr-on-plateau'
export {
  type ReduceLROnPlateauPlugin,
  type ReduceLROnPlateauPluginOptions,
  reduceLROnPlateauPlugin,
} from './reduce-lr-on-plateau-plugin'
export { type ScaleLrForBatchOptions, scaleLrForBatch } from './scale-lr-for-batch'
export { join, sequence } from './sequence'
export { type StepDecayOptions, stepDecay } from './step-decay'
