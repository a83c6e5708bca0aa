export { linear } from './linear'
export { matmul } from './matmul'
