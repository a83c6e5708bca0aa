export { gather } from './gather'
export { indexSelect } from './index-select'
export { maskedFill } from './masked-fill'
export { scatterAdd } from './scatter-add'
