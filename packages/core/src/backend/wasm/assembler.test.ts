import { describe, expect, it } from 'vitest'
import { StateError } from '../../errors'
import { F32, I32, ModuleBuilder, V128, writeSigned, writeUnsigned } from './assembler'

const leb = (write: (out: number[], v: number) => void, v: number) => {
  const out: number[] = []
  write(out, v)
  return out
}

function instantiate(mod: ModuleBuilder, memory = new WebAssembly.Memory({ initial: 1 })) {
  const instance = new WebAssembly.Instance(new WebAssembly.Module(mod.bytes()), {
    env: { memory },
  })
  return { exports: instance.exports as Record<string, (...args: number[]) => number>, memory }
}

describe('wasm assembler', () => {
  it('encodes LEB128 integers as the binary format specifies', () => {
    expect(leb(writeUnsigned, 0)).toEqual([0])
    expect(leb(writeUnsigned, 127)).toEqual([0x7f])
    expect(leb(writeUnsigned, 128)).toEqual([0x80, 0x01])
    expect(leb(writeUnsigned, 624485)).toEqual([0xe5, 0x8e, 0x26])
    expect(leb(writeUnsigned, 0xffffffff)).toEqual([0xff, 0xff, 0xff, 0xff, 0x0f])
    expect(leb(writeSigned, -1)).toEqual([0x7f])
    expect(leb(writeSigned, 63)).toEqual([0x3f])
    expect(leb(writeSigned, 64)).toEqual([0xc0, 0x00])
    expect(leb(writeSigned, -64)).toEqual([0x40])
    expect(leb(writeSigned, -65)).toEqual([0xbf, 0x7f])
    expect(leb(writeSigned, -123456)).toEqual([0xc0, 0xbb, 0x78])
  })

  it('builds a module whose loops, branches, selects and calls run', () => {
    const mod = new ModuleBuilder({ initial: 1 })
    const square = mod.func('square', [I32], [I32], false)
    square.get(0).get(0).i32Mul()
    // sumSquares(n) = Σ_{i<n} i², skipping multiples of 3 via `when`, clamped at 1000 by select.
    const f = mod.func('sumSquares', [I32], [I32])
    const [i, s] = f.locals(2)
    f.for(
      i,
      () => f.i32Const(0),
      () => f.get(0),
      1,
      () => {
        f.when(
          () => f.get(i).i32Const(3).i32DivS().i32Const(3).i32Mul().get(i).i32Ne(),
          () => f.get(s).get(i).call(square).i32Add().set(s),
        )
      },
    )
    f.get(s).i32Const(1000).get(s).i32Const(1000).i32LtS().select()
    const { exports } = instantiate(mod)
    const expected = (n: number) => {
      let t = 0
      for (let k = 0; k < n; k++) if (k % 3 !== 0) t += k * k
      return Math.min(t, 1000)
    }
    for (const n of [0, 1, 5, 10, 30]) expect(exports.sumSquares!(n)).toBe(expected(n))
    expect(exports.square).toBeUndefined()
  })

  it('emits SIMD loads, lane arithmetic, shuffles and stores', () => {
    const mod = new ModuleBuilder({ initial: 1 })
    // out[0..4) = max(a·b + c, 0) lanewise; out[4..8) = even lanes of a and b; returns lane 2.
    const f = mod.func('lanes', [I32, I32, I32, I32], [F32])
    const [a, b, c, out] = [0, 1, 2, 3]
    const zero = f.local(V128)
    f.f32Const(0).f32x4Splat().set(zero)
    f.get(out).get(a).v128Load().get(b).v128Load().f32x4Mul().get(c).v128Load32Splat().f32x4Add()
    f.get(zero).f32x4Max().v128Store()
    f.get(out).get(a).v128Load().get(b).v128Load()
    f.i8x16Shuffle([0, 1, 2, 3, 8, 9, 10, 11, 16, 17, 18, 19, 24, 25, 26, 27]).v128Store(16)
    f.get(out).v128Load().f32x4ExtractLane(2)
    const { exports, memory } = instantiate(mod)
    const f32 = new Float32Array(memory.buffer)
    f32.set([1, -2, 3, 4], 0)
    f32.set([5, 6, -7, 8], 4)
    f32[8] = 0.5
    expect(exports.lanes!(0, 16, 32, 64)).toBe(0)
    expect(Array.from(f32.subarray(16, 24))).toEqual([5.5, 0, 0, 32.5, 1, 3, 5, -7])
  })

  it('declares a shared memory that only a shared WebAssembly.Memory satisfies', () => {
    const mod = new ModuleBuilder({ initial: 1, maximum: 4, shared: true })
    mod.func('nothing', [])
    const bytes = mod.bytes()
    const module = new WebAssembly.Module(bytes)
    const shared = new WebAssembly.Memory({ initial: 1, maximum: 4, shared: true })
    expect(() => new WebAssembly.Instance(module, { env: { memory: shared } })).not.toThrow()
    const plain = new WebAssembly.Memory({ initial: 1, maximum: 4 })
    expect(() => new WebAssembly.Instance(module, { env: { memory: plain } })).toThrow()
    expect(() => new ModuleBuilder({ initial: 1, shared: true }).bytes()).toThrow(StateError)
  })

  it('rejects unbalanced blocks, foreign labels and duplicate names', () => {
    const mod = new ModuleBuilder({ initial: 1 })
    const f = mod.func('f', [])
    const outer = f.block()
    f.end()
    expect(() => f.br(outer)).toThrow(/not open/)
    expect(() => f.end()).toThrow(/end without an open block/)
    f.loop()
    expect(() => mod.bytes()).toThrow(/1 unclosed blocks/)
    expect(() => mod.func('f', [])).toThrow(/duplicate function 'f'/)
  })
})
