export { broadcastTo } from './broadcast-to'
export { reshape } from './reshape'
export { sumToShape } from './sum-to-shape'
