export type {
  ForwardHook,
  ForwardPreHook,
  HookHandle,
  LoadStateDictOptions,
  LoadStateDictResult,
  StateDict,
} from './module'
export { Module } from './module'
export type { ParamPattern } from './param-pattern'
export { paramPatternMatcher } from './param-pattern'
export { Parameter } from './parameter'
