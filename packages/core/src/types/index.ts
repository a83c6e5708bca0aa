export type {
  GradientTransform,
  InPlaceCommit,
  ParamTree,
  TransformExtras,
  TransformResult,
} from './gradient-transform'
export type { Optimizer, OptimizerState } from './optimizer'
export type {
  FitEvent,
  Phase,
  Plugin,
  PluginEvent,
  PluginHook,
  PluginHooks,
  PluginState,
  StateValue,
  StepEvent,
} from './plugin'
export { FIT_EVENTS, PHASES, PLUGIN_EVENTS, STEP_EVENTS } from './plugin'
export type { ScalarOrSchedule, Schedule } from './schedule'
export type {
  Batch,
  BatchTransform,
  ControlReasons,
  TrainContext,
  TrainControl,
} from './train-context'
export type { TrainingSnapshot } from './training-snapshot'
