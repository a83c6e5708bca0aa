import { type FunctionBuilder, I32, type ModuleBuilder, V128 } from './assembler'

/**
 * Emits a loop over `count` floats, four lanes at a time then one at a time: `vector(offset)`
 * handles 16 bytes at byte offset `offset` from each pointer, `scalar(offset)` 4 bytes.
 */
function emitLanes(
  f: FunctionBuilder,
  pointers: readonly number[],
  count: number,
  vector: () => void,
  scalar: () => void,
): void {
  const end = f.local()
  f.get(pointers[0]!).get(count).i32Const(2).i32Shl().i32Add().set(end)
  const advance = (bytes: number) => {
    for (const p of pointers) f.inc(p, bytes)
  }
  f.while(
    () => f.get(pointers[0]!).i32Const(16).i32Add().get(end).i32LeS(),
    () => {
      vector()
      advance(16)
    },
  )
  f.while(
    () => f.get(pointers[0]!).get(end).i32LtS(),
    () => {
      scalar()
      advance(4)
    },
  )
}

/**
 * Adds the elementwise kernels to `mod`, with the semantics of the `Backend` entries:
 * - `relu(x, out, count)`: `out = max(x, 0)` (f32x4.max keeps NaN and maps −0 to +0);
 * - `reluBackward(g, y, dx, count)`: `dx = y ≤ 0 ? 0 : g`.
 */
export function emitElementwiseKernels(mod: ModuleBuilder): void {
  {
    const f = mod.func('relu', [I32, I32, I32])
    const [x, out, count] = [0, 1, 2]
    const zero = f.local(V128)
    f.f32Const(0).f32x4Splat().set(zero)
    emitLanes(
      f,
      [x, out],
      count,
      () => f.get(out).get(x).v128Load().get(zero).f32x4Max().v128Store(),
      () => f.get(out).get(x).f32Load().f32Const(0).f32Max().f32Store(),
    )
  }
  {
    const f = mod.func('reluBackward', [I32, I32, I32, I32])
    const [g, y, dx, count] = [0, 1, 2, 3]
    const zero = f.local(V128)
    f.f32Const(0).f32x4Splat().set(zero)
    emitLanes(
      f,
      [dx, g, y],
      count,
      () => {
        // bitselect(0, g, y ≤ 0)
        f.get(dx).get(zero).get(g).v128Load().get(y).v128Load().get(zero).f32x4Le()
        f.v128Bitselect().v128Store()
      },
      () => {
        f.get(dx).f32Const(0).get(g).f32Load().get(y).f32Load().f32Const(0).f32Le().select()
        f.f32Store()
      },
    )
  }
}
