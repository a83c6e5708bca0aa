import { F32, type FunctionBuilder, I32, type ModuleBuilder, V128 } from './assembler'

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
 * - `reluBackward(g, y, dx, count)`: `dx = y ≤ 0 ? 0 : g`;
 * - `adam(g, m, v, vMax, count, keep1, take1, keep2, take2, scale, eps)`: the Adam step in
 *   float32 (`vMax` 0 without AMSGrad), see {@link emitAdam};
 * - `scale(x, count, factor)`: `x = factor·x`;
 * - `addScaled(y, x, count, alpha)`: `y = y + alpha·x`;
 * - `allFinite(x, count)`: 1 when no value is NaN or ±Infinity, else 0.
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
  emitAdam(mod)
  {
    const f = mod.func('scale', [I32, I32, F32])
    const [x, count, factor] = [0, 1, 2]
    const factors = f.local(V128)
    f.get(factor).f32x4Splat().set(factors)
    emitLanes(
      f,
      [x],
      count,
      () => f.get(x).get(factors).get(x).v128Load().f32x4Mul().v128Store(),
      () => f.get(x).get(factor).get(x).f32Load().f32Mul().f32Store(),
    )
  }
  {
    const f = mod.func('addScaled', [I32, I32, I32, F32])
    const [y, x, count, alpha] = [0, 1, 2, 3]
    const alphas = f.local(V128)
    f.get(alpha).f32x4Splat().set(alphas)
    emitLanes(
      f,
      [y, x],
      count,
      () =>
        f.get(y).get(y).v128Load().get(alphas).get(x).v128Load().f32x4Mul().f32x4Add().v128Store(),
      () => f.get(y).get(y).f32Load().get(alpha).get(x).f32Load().f32Mul().f32Add().f32Store(),
    )
  }
  {
    // Sums x·0 (0 for finite x, NaN otherwise, so no sum can overflow) in four lanes and one.
    const f = mod.func('allFinite', [I32, I32], [I32])
    const [x, count] = [0, 1]
    const [zero, lanes] = [f.local(V128), f.local(V128)]
    const [one, total] = [f.local(F32), f.local(F32)]
    f.f32Const(0).f32x4Splat().tee(zero).set(lanes)
    f.f32Const(0).set(one)
    emitLanes(
      f,
      [x],
      count,
      () => f.get(lanes).get(x).v128Load().get(zero).f32x4Mul().f32x4Add().set(lanes),
      () => f.get(one).get(x).f32Load().f32Const(0).f32Mul().f32Add().set(one),
    )
    f.get(one).set(total)
    for (let lane = 0; lane < 4; lane++) {
      f.get(total).get(lanes).f32x4ExtractLane(lane).f32Add().set(total)
    }
    // total ≠ total only for NaN.
    f.get(total).get(total).f32Ne().i32Eqz()
  }
}

/**
 * `adam(g, m, v, vMax, count, keep1, take1, keep2, take2, scale, eps)`, in float32:
 * `m = keep1·m + take1·g`, `v = keep2·v + (take2·g)·g`, with AMSGrad (`vMax` ≠ 0)
 * `vMax = max(vMax, v)` used in place of v, then `g = m·scale / (√v + eps)`.
 */
function emitAdam(mod: ModuleBuilder): void {
  const f = mod.func('adam', [I32, I32, I32, I32, I32, F32, F32, F32, F32, F32, F32])
  const [g, m, v, vMax, count] = [0, 1, 2, 3, 4]
  const scalars = [5, 6, 7, 8, 9, 10]
  const [keep1, take1, keep2, take2, scale, eps] = scalars.map(() => f.local(V128)) as number[]
  for (const [i, splat] of [keep1, take1, keep2, take2, scale, eps].entries()) {
    f.get(scalars[i]!).f32x4Splat().set(splat!)
  }
  const [gv, mv, vv] = [f.local(V128), f.local(V128), f.local(V128)]
  const [gs, ms, vs] = [f.local(F32), f.local(F32), f.local(F32)]
  const [k1, t1, k2, t2, sc, ep] = scalars
  const vector = (amsgrad: boolean) => () => {
    f.get(g).v128Load().set(gv)
    f.get(m).get(keep1!).get(m).v128Load().f32x4Mul().get(take1!).get(gv).f32x4Mul().f32x4Add()
    f.tee(mv).v128Store()
    f.get(v).get(keep2!).get(v).v128Load().f32x4Mul().get(take2!).get(gv).f32x4Mul().get(gv)
    f.f32x4Mul().f32x4Add().tee(vv).v128Store()
    if (amsgrad) f.get(vMax).get(vMax).v128Load().get(vv).f32x4Max().tee(vv).v128Store()
    f.get(g).get(mv).get(scale!).f32x4Mul().get(vv).f32x4Sqrt().get(eps!).f32x4Add().f32x4Div()
    f.v128Store()
  }
  const scalar = (amsgrad: boolean) => () => {
    f.get(g).f32Load().set(gs)
    f.get(m).get(k1!).get(m).f32Load().f32Mul().get(t1!).get(gs).f32Mul().f32Add().tee(ms)
    f.f32Store()
    f.get(v).get(k2!).get(v).f32Load().f32Mul().get(t2!).get(gs).f32Mul().get(gs).f32Mul()
    f.f32Add().tee(vs).f32Store()
    if (amsgrad) f.get(vMax).get(vMax).f32Load().get(vs).f32Max().tee(vs).f32Store()
    f.get(g).get(ms).get(sc!).f32Mul().get(vs).f32Sqrt().get(ep!).f32Add().f32Div().f32Store()
  }
  f.when(
    () => f.get(vMax).i32Eqz(),
    () => emitLanes(f, [g, m, v], count, vector(false), scalar(false)),
    () => emitLanes(f, [g, m, v, vMax], count, vector(true), scalar(true)),
  )
}
