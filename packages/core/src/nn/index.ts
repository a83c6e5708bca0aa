export type { LoadStateDictOptions, LoadStateDictResult, StateDict } from './module'
export { Module } from './module'
export { Parameter } from './parameter'
