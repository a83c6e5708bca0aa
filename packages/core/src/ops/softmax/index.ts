export { logSoftmax } from './log-softmax'
export { softmax } from './softmax'
