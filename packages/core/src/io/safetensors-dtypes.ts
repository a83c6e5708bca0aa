/**
 * Element types of the safetensors format that Knack reads, with their size in bytes. Floats
 * become float32 and integers/booleans int32 when decoded; Knack writes F32 and I32.
 * @see https://github.com/huggingface/safetensors (format description)
 */
export const SAFETENSORS_DTYPE_SIZES = {
  F64: 8,
  F32: 4,
  F16: 2,
  BF16: 2,
  I64: 8,
  I32: 4,
  I16: 2,
  I8: 1,
  U8: 1,
  BOOL: 1,
} as const

/** A safetensors dtype name Knack reads. */
export type SafetensorsDType = keyof typeof SAFETENSORS_DTYPE_SIZES

/** Whether `name` is a safetensors dtype Knack reads. */
export function isSafetensorsDType(name: string): name is SafetensorsDType {
  return Object.hasOwn(SAFETENSORS_DTYPE_SIZES, name)
}

/** Largest header Knack accepts: 100 MB (the reference implementation's limit too). */
export const SAFETENSORS_MAX_HEADER_BYTES = 100_000_000
