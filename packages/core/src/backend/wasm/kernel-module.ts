import { ModuleBuilder } from './assembler'
import { emitConvKernels } from './conv-kernels'
import { emitElementwiseKernels } from './elementwise-kernels'
import { emitGemm, emitGemmBatch, gemmBlocking } from './gemm-kernel'
import { emitPoolKernels } from './pool-kernels'

/** The exported kernels, in the order the thread protocol numbers them. */
export const KERNELS = [
  'gemmBatch',
  'packB',
  'im2col',
  'col2im',
  'convForward',
  'convBackwardInput',
  'convBackwardWeight',
  'maxPool',
  'maxPoolBackward',
  'avgPool',
  'avgPoolBackward',
  'relu',
  'reluBackward',
  'adam',
  'scale',
  'addScaled',
  'allFinite',
] as const

/** Name of one exported kernel. */
export type KernelName = (typeof KERNELS)[number]

/**
 * Signature of a kernel: numeric arguments (byte addresses, sizes and flags as i32, a few
 * float32 coefficients); only `allFinite` returns a value.
 */
export type Kernel = (...args: number[]) => number | undefined

/**
 * The binary kernel module, importing `env.memory` of at most `maximumPages` 64 KiB pages:
 * shared between threads, or private to one; `fma` builds the GEMM micro-kernel on
 * relaxed-SIMD fused multiply-adds (see `wasmRelaxedSimdSupported`).
 */
export function kernelModuleBytes(
  shared: boolean,
  maximumPages: number,
  fma = false,
): Uint8Array<ArrayBuffer> {
  const mod = new ModuleBuilder({ initial: 1, maximum: maximumPages, shared })
  const gemm = emitGemm(mod, gemmBlocking(), fma)
  emitGemmBatch(mod, gemm)
  emitConvKernels(mod, gemm)
  emitPoolKernels(mod)
  emitElementwiseKernels(mod)
  return mod.bytes()
}
