import { type FunctionBuilder, ModuleBuilder, V128 } from './assembler'

let supported: boolean | undefined
let relaxed: boolean | undefined

function validates(emit: (f: FunctionBuilder) => void): boolean {
  try {
    const mod = new ModuleBuilder({ initial: 1 })
    emit(mod.func('probe', [], [V128]))
    return typeof WebAssembly === 'object' && WebAssembly.validate(mod.bytes())
  } catch {
    return false
  }
}

/**
 * Whether this platform runs WebAssembly with the fixed-width SIMD (SIMD128) proposal, checked
 * once by validating a tiny module that uses `v128`; false where WebAssembly is missing.
 * @see https://github.com/WebAssembly/simd
 */
export function wasmSimdSupported(): boolean {
  supported ??= validates((f) => f.f32Const(1).f32x4Splat().i32Const(0).v128Load().f32x4Add())
  return supported
}

/**
 * Whether this platform also runs the relaxed-SIMD proposal's `f32x4.relaxed_madd` (a fused
 * multiply-add where the hardware has one): on by default since Chrome 114 and Node 21,
 * behind `--experimental-wasm-relaxed-simd` in Node 20.
 * @see https://github.com/WebAssembly/relaxed-simd
 */
export function wasmRelaxedSimdSupported(): boolean {
  relaxed ??=
    wasmSimdSupported() &&
    validates((f) => {
      const v = () => f.f32Const(1).f32x4Splat()
      v()
      v()
      v()
      f.f32x4RelaxedMadd()
    })
  return relaxed
}
