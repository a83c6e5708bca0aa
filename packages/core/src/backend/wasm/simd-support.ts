import { ModuleBuilder, V128 } from './assembler'

let supported: boolean | undefined

/**
 * Whether this platform runs WebAssembly with the fixed-width SIMD (SIMD128) proposal, checked
 * once by validating a tiny module that uses `v128`; false where WebAssembly is missing.
 * @see https://github.com/WebAssembly/simd
 */
export function wasmSimdSupported(): boolean {
  if (supported === undefined) {
    try {
      const mod = new ModuleBuilder({ initial: 1 })
      const f = mod.func('probe', [], [V128])
      f.f32Const(1).f32x4Splat().i32Const(0).v128Load().f32x4Add()
      supported = typeof WebAssembly === 'object' && WebAssembly.validate(mod.bytes())
    } catch {
      supported = false
    }
  }
  return supported
}
