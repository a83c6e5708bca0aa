export { mean } from './mean'
export { sum } from './sum'
