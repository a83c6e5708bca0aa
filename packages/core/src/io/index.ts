export type { DecodedSafetensors } from './safetensors-decode'
export { decodeSafetensors } from './safetensors-decode'
export { encodeSafetensors } from './safetensors-encode'
