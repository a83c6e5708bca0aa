import { ModuleBuilder } from './assembler'
import { emitConvKernels } from './conv-kernels'
import { emitGemm, emitGemmBatch, GEMM_BLOCKING } from './gemm-kernel'
import { emitPoolKernels } from './pool-kernels'

/** The exported kernels, in the order the thread protocol numbers them. */
export const KERNELS = [
  'gemm',
  'gemmBatch',
  'im2col',
  'col2im',
  'convForward',
  'convBackwardInput',
  'convBackwardWeight',
  'maxPool',
  'maxPoolBackward',
  'avgPool',
  'avgPoolBackward',
] as const

/** Name of one exported kernel. */
export type KernelName = (typeof KERNELS)[number]

/** Signature every kernel shares: i32 arguments (byte addresses, sizes, flags), no result. */
export type Kernel = (...args: number[]) => void

/**
 * The binary kernel module, importing `env.memory`: unshared and unbounded for one thread, or
 * shared with `maximumPages` for a thread pool.
 */
export function kernelModuleBytes(shared: boolean, maximumPages?: number): Uint8Array {
  const mod = new ModuleBuilder(
    shared ? { initial: 1, maximum: maximumPages ?? 65536, shared: true } : { initial: 1 },
  )
  const gemm = emitGemm(mod, GEMM_BLOCKING)
  emitGemmBatch(mod, gemm)
  emitConvKernels(mod, gemm)
  emitPoolKernels(mod)
  return mod.bytes()
}
