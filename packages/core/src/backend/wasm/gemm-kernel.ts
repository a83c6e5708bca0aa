import { type FunctionBuilder, I32, type ModuleBuilder, V128, type ValType } from './assembler'

/**
 * Register and cache blocking of the generated GEMM: the micro-kernel keeps an `mr × 4·nrv`
 * tile of C in `mr·nrv` SIMD registers; `kc` is the depth of a packed block, `mc` the rows of
 * a packed A block and `nc` the columns of a packed B block.
 */
export interface GemmBlocking {
  mr: number
  nrv: number
  kc: number
  mc: number
  nc: number
}

/**
 * The blocking the backend uses (tuned on an x86-64 core with 48 KiB L1 and 2 MiB L2): a 4×8
 * tile with separate multiplies and adds and with fused multiply-adds alike. V8 has 15 SIMD
 * registers to allocate; one depth step of a 4×8 tile needs 8 accumulators, 2 B vectors, 4
 * broadcast A values and a product, so it runs without spilling, while larger tiles spill
 * (V8 issues all the loads of a step before its arithmetic).
 */
export function gemmBlocking(): GemmBlocking {
  return { mr: 4, nrv: 2, kc: 256, mc: 96, nc: 1024 }
}

function roundUp(x: number, to: number): number {
  return Math.ceil(x / to) * to
}

/** Bytes of the per-thread workspace (packed A block, packed B block, one C tile) of `gemm`. */
export function gemmWorkspaceBytes(b: GemmBlocking): number {
  const nr = 4 * b.nrv
  return 4 * (roundUp(b.mc, b.mr) * b.kc + b.kc * roundUp(b.nc, nr) + b.mr * nr)
}

/** Byte lanes of `i8x16.shuffle` picking f32 lanes `l` (0–3 of the first, 4–7 of the second). */
function f32Lanes(...l: number[]): number[] {
  return l.flatMap((x) => [4 * x, 4 * x + 1, 4 * x + 2, 4 * x + 3])
}

/** Pushes `min(x, y)` of two i32 expressions (signed; each is emitted twice). */
function emitMin(f: FunctionBuilder, x: () => void, y: () => void): void {
  x()
  y()
  x()
  y()
  f.i32LtS().select()
}

/**
 * Emits a blocked loop: `for (index = 0; index < total; index += step) { size = min(total −
 * index, step); body() }` over the i32 locals `index`, `total` and `size`.
 */
function emitBlocks(
  f: FunctionBuilder,
  [index, total, size]: readonly [number, number, number],
  step: number,
  body: () => void,
): void {
  f.for(
    index,
    () => f.i32Const(0),
    () => f.get(total),
    step,
    () => {
      emitMin(
        f,
        () => f.get(total).get(index).i32Sub(),
        () => f.i32Const(step),
      )
      f.set(size)
      body()
    },
  )
}

/**
 * Pushes `jc·k + pc·⌈nb⌉` (`⌈nb⌉`: `nb` rounded up to `nr`), the float offset of block
 * (jc, pc) in a B packed whole by `packB`, from the i32 locals `jc`, `pc`, `k` and `nb`.
 */
function emitPackedBlockOffset(
  f: FunctionBuilder,
  [jc, pc, k, nb]: readonly [number, number, number, number],
  nr: number,
): void {
  f.get(jc).get(k).i32Mul()
  f.get(pc)
    .get(nb)
    .i32Const(nr - 1)
    .i32Add()
    .i32Const(nr)
    .i32DivS()
    .i32Const(nr)
    .i32Mul()
  f.i32Mul().i32Add()
}

// Panels that `pack` fills together, one depth step at a time, from contiguous rows: enough to
// read whole cache lines in order, few enough write streams for the L1.
const PACK_GROUP = 8

/**
 * `pack(src, rowStride, depthStride, rows, depth, dst)`: packs a `rows × depth` block (element
 * (r, p) at byte `src + 4·(r·rowStride + p·depthStride)`) into panels of `width` rows, each
 * stored depth-major (`panel[p·width + r]`), zero-padding the last panel. When the rows of a
 * depth step are contiguous (`rowStride` 1), full panels are filled `PACK_GROUP` at a time,
 * whole vectors, one depth step after the other (each source cache line read once, in order,
 * rather than `width` floats of it per panel); otherwise full panels transpose 4×4 blocks when
 * the depth steps of a row are contiguous (`depthStride` 1), and gather one value at a time else.
 */
function emitPack(mod: ModuleBuilder, name: string, width: number): FunctionBuilder {
  const f = mod.func(name, [I32, I32, I32, I32, I32, I32], [], false)
  const [src, rowStride, depthStride, rows, depth, dst] = [0, 1, 2, 3, 4, 5]
  const [r0, live, s, q, p, rsB, dsB, d, r, depth4, full, g, gEnd] = f.locals(13)
  const v = [0, 1, 2, 3].map(() => f.local(V128))
  const t = [0, 1, 2, 3].map(() => f.local(V128))
  f.get(rowStride).i32Const(2).i32Shl().set(rsB)
  f.get(depthStride).i32Const(2).i32Shl().set(dsB)
  f.get(depth).i32Const(-4).i32And().set(depth4)
  f.get(rows).i32Const(width).i32DivS().i32Const(width).i32Mul().set(full)
  // Depth steps [from, to) of the current panel, one value at a time: the first `live` rows
  // are read, the others zero. `d` walks the destination panel.
  const gather = (from: () => void, to: () => void, ragged: boolean) =>
    f.for(p, from, to, 1, () => {
      f.get(s).get(p).get(dsB).i32Mul().i32Add().set(q)
      f.get(dst)
        .get(p)
        .i32Const(4 * width)
        .i32Mul()
        .i32Add()
        .set(d)
      f.for(
        r,
        () => f.i32Const(0),
        () => (ragged ? f.get(live) : f.i32Const(width)),
        1,
        () => {
          f.get(d).get(q).f32Load().f32Store()
          f.inc(d, 4)
          f.incBy(q, rsB)
        },
      )
      if (ragged) {
        f.for(
          r,
          () => f.get(live),
          () => f.i32Const(width),
          1,
          () => {
            f.get(d).f32Const(0).f32Store()
            f.inc(d, 4)
          },
        )
      }
    })
  // Groups of PACK_GROUP full panels, depth step by depth step; then the ragged last panel.
  const contiguousRows = () => {
    f.for(
      g,
      () => f.i32Const(0),
      () => f.get(full),
      PACK_GROUP * width,
      () => {
        f.get(g)
          .i32Const(PACK_GROUP * width)
          .i32Add()
          .set(gEnd)
        emitMin(
          f,
          () => f.get(gEnd),
          () => f.get(full),
        )
        f.set(gEnd)
        f.for(
          p,
          () => f.i32Const(0),
          () => f.get(depth),
          1,
          () => {
            f.get(src).get(p).get(dsB).i32Mul().get(g).i32Const(2).i32Shl().i32Add().i32Add().set(q)
            f.get(dst)
              .get(g)
              .get(depth)
              .i32Mul()
              .get(p)
              .i32Const(width)
              .i32Mul()
              .i32Add()
              .i32Const(2)
              .i32Shl()
              .i32Add()
              .set(d)
            f.for(
              r0,
              () => f.get(g),
              () => f.get(gEnd),
              width,
              () => {
                for (let k = 0; k < width / 4; k++)
                  f.get(d)
                    .get(q)
                    .v128Load(16 * k)
                    .v128Store(16 * k)
                f.inc(q, 4 * width)
                f.get(d)
                  .get(depth)
                  .i32Const(4 * width)
                  .i32Mul()
                  .i32Add()
                  .set(d)
              },
            )
          },
        )
      },
    )
    f.when(
      () => f.get(full).get(rows).i32LtS(),
      () => {
        f.get(rows).get(full).i32Sub().set(live)
        f.get(src).get(full).i32Const(2).i32Shl().i32Add().set(s)
        f.get(dst).get(full).get(depth).i32Mul().i32Const(2).i32Shl().i32Add().set(dst)
        gather(
          () => f.i32Const(0),
          () => f.get(depth),
          true,
        )
      },
    )
  }
  // Blocks of 4 rows × 4 depth steps, transposed with shuffles; the depth tail one at a time.
  const transposed = () => {
    f.for(
      p,
      () => f.i32Const(0),
      () => f.get(depth4),
      4,
      () => {
        for (let g = 0; g < width / 4; g++) {
          f.get(s).get(p).i32Const(2).i32Shl().i32Add()
          f.get(rsB)
            .i32Const(4 * g)
            .i32Mul()
            .i32Add()
            .set(q)
          for (let k = 0; k < 4; k++) {
            f.get(q).v128Load().set(v[k]!)
            if (k < 3) f.incBy(q, rsB)
          }
          f.get(v[0]!)
            .get(v[1]!)
            .i8x16Shuffle(f32Lanes(0, 4, 1, 5))
            .set(t[0]!)
          f.get(v[0]!)
            .get(v[1]!)
            .i8x16Shuffle(f32Lanes(2, 6, 3, 7))
            .set(t[1]!)
          f.get(v[2]!)
            .get(v[3]!)
            .i8x16Shuffle(f32Lanes(0, 4, 1, 5))
            .set(t[2]!)
          f.get(v[2]!)
            .get(v[3]!)
            .i8x16Shuffle(f32Lanes(2, 6, 3, 7))
            .set(t[3]!)
          f.get(dst)
            .get(p)
            .i32Const(4 * width)
            .i32Mul()
            .i32Add()
            .set(d)
          const at = (step: number) => 4 * (step * width + 4 * g)
          f.get(d)
            .get(t[0]!)
            .get(t[2]!)
            .i8x16Shuffle(f32Lanes(0, 1, 4, 5))
            .v128Store(at(0))
          f.get(d)
            .get(t[0]!)
            .get(t[2]!)
            .i8x16Shuffle(f32Lanes(2, 3, 6, 7))
            .v128Store(at(1))
          f.get(d)
            .get(t[1]!)
            .get(t[3]!)
            .i8x16Shuffle(f32Lanes(0, 1, 4, 5))
            .v128Store(at(2))
          f.get(d)
            .get(t[1]!)
            .get(t[3]!)
            .i8x16Shuffle(f32Lanes(2, 3, 6, 7))
            .v128Store(at(3))
        }
      },
    )
    gather(
      () => f.get(depth4),
      () => f.get(depth),
      false,
    )
  }
  const panels = () =>
    f.for(
      r0,
      () => f.i32Const(0),
      () => f.get(rows),
      width,
      () => {
        f.get(rows).get(r0).i32Sub().set(live)
        f.get(src).get(r0).get(rsB).i32Mul().i32Add().set(s)
        f.when(
          () => f.get(live).i32Const(width).i32GeS(),
          () => {
            if (width % 4 === 0) {
              f.when(
                () => f.get(depthStride).i32Const(1).i32Eq(),
                transposed,
                () =>
                  gather(
                    () => f.i32Const(0),
                    () => f.get(depth),
                    false,
                  ),
              )
            } else {
              gather(
                () => f.i32Const(0),
                () => f.get(depth),
                false,
              )
            }
          },
          () =>
            gather(
              () => f.i32Const(0),
              () => f.get(depth),
              true,
            ),
        )
        f.get(dst)
          .get(depth)
          .i32Const(4 * width)
          .i32Mul()
          .i32Add()
          .set(dst)
      },
    )
  if (width % 4 === 0) {
    f.when(() => f.get(rowStride).i32Const(1).i32Eq(), contiguousRows, panels)
  } else {
    panels()
  }
  return f
}

/**
 * `micro(kc, a, b, c, ldcBytes, add)`: the `mr × nr` tile `C (+)= Ã·B̃` of one packed A panel
 * (`a`, `kc` steps of `mr` values) and one packed B panel (`b`, `kc` steps of `nr` values),
 * held in SIMD registers; C rows are `ldcBytes` apart. The depth loop is not unrolled: V8's
 * TurboFan issues every load of a loop body before its arithmetic, so an unrolled body holds
 * the operands of all its steps at once and spills accumulators to the stack.
 */
function emitMicroKernel(
  mod: ModuleBuilder,
  blocking: GemmBlocking,
  fma: boolean,
): FunctionBuilder {
  const { mr, nrv } = blocking
  const nr = 4 * nrv
  const f = mod.func(`micro${mr}x${nr}`, [I32, I32, I32, I32, I32, I32], [], false)
  const [kc, a, b, c, ldc, add] = [0, 1, 2, 3, 4, 5]
  const acc: number[][] = []
  for (let r = 0; r < mr; r++) {
    acc.push([])
    for (let v = 0; v < nrv; v++) acc[r]!.push(f.local(V128))
  }
  const bv: number[] = []
  for (let v = 0; v < nrv; v++) bv.push(f.local(V128))
  const as = f.local(V128)
  const row = f.local()
  f.f32Const(0).f32x4Splat().set(as)
  for (let r = 0; r < mr; r++) for (let v = 0; v < nrv; v++) f.get(as).set(acc[r]![v]!)
  // kc ≥ 1: one depth step per iteration.
  const loop = f.loop()
  for (let v = 0; v < nrv; v++)
    f.get(b)
      .v128Load(16 * v)
      .set(bv[v]!)
  for (let r = 0; r < mr; r++) {
    f.get(a)
      .v128Load32Splat(4 * r)
      .set(as)
    for (let v = 0; v < nrv; v++) {
      if (fma) f.get(as).get(bv[v]!).get(acc[r]![v]!).f32x4RelaxedMadd().set(acc[r]![v]!)
      else f.get(acc[r]![v]!).get(as).get(bv[v]!).f32x4Mul().f32x4Add().set(acc[r]![v]!)
    }
  }
  f.inc(a, 4 * mr)
  f.inc(b, 4 * nr)
  f.inc(kc, -1)
  f.get(kc).brIf(loop).end()
  const store = (withAdd: boolean) => {
    f.get(c).set(row)
    for (let r = 0; r < mr; r++) {
      for (let v = 0; v < nrv; v++) {
        f.get(row).get(acc[r]![v]!)
        if (withAdd)
          f.get(row)
            .v128Load(16 * v)
            .f32x4Add()
        f.v128Store(16 * v)
      }
      if (r + 1 < mr) f.incBy(row, ldc)
    }
  }
  f.when(
    () => f.get(add),
    () => store(true),
    () => store(false),
  )
  return f
}

/**
 * `storeTile(tile, c, ldcBytes, rows, cols, add)`: writes (or adds) the live `rows × cols`
 * corner of a packed `mr × nr` tile into C.
 */
function emitStoreTile(mod: ModuleBuilder, nr: number): FunctionBuilder {
  const f = mod.func('storeTile', [I32, I32, I32, I32, I32, I32], [], false)
  const [tile, c, ldc, rows, cols, add] = [0, 1, 2, 3, 4, 5]
  const r = f.local()
  const j = f.local()
  const t = f.local()
  const o = f.local()
  f.for(
    r,
    () => f.i32Const(0),
    () => f.get(rows),
    1,
    () => {
      f.get(tile)
        .get(r)
        .i32Const(4 * nr)
        .i32Mul()
        .i32Add()
        .set(t)
      f.get(c).get(r).get(ldc).i32Mul().i32Add().set(o)
      f.for(
        j,
        () => f.i32Const(0),
        () => f.get(cols),
        1,
        () => {
          // add ? tile + C : tile (C is read either way; the select drops it).
          f.get(o)
          f.get(t).f32Load().get(o).f32Load().f32Add()
          f.get(t).f32Load()
          f.get(add).select()
          f.f32Store()
          f.inc(t, 4)
          f.inc(o, 4)
        },
      )
    },
  )
  return f
}

/**
 * Adds the internal `gemm(a, aI, aP, b, bP, bJ, c, ldc, m, n, k, accumulate, work, packedB)`:
 * `C (+)= op(A)·op(B)` where element (i, p) of op(A) is the f32 at byte `a + 4·(i·aI + p·aP)`,
 * element (p, j) of op(B) at `b + 4·(p·bP + j·bJ)`, C is row-major with row stride `ldc`
 * elements, and `work` points at {@link gemmWorkspaceBytes} bytes of scratch. Blocks of A and
 * B are packed into panels (Goto & van de Geijn) for the register-blocked micro-kernel;
 * `packedB` (0 for none) points at all of B already packed by `packB` (added alongside), so
 * that threads splitting the rows of one product share one packed B. With `fma` the
 * micro-kernel multiplies and adds with relaxed-SIMD `f32x4.relaxed_madd`.
 * @see https://doi.org/10.1145/1356052.1356053
 */
export function emitGemm(
  mod: ModuleBuilder,
  blocking: GemmBlocking,
  fma: boolean,
): FunctionBuilder {
  const { mr, kc: KC, mc: MC, nc: NC } = blocking
  const nr = 4 * blocking.nrv
  const packA = emitPack(mod, `packA${mr}`, mr)
  const packB = emitPack(mod, `packB${nr}`, nr)
  const micro = emitMicroKernel(mod, blocking, fma)
  const storeTile = emitStoreTile(mod, nr)
  const f = mod.func(
    'gemm',
    Array.from({ length: 14 }, (): ValType => I32),
    [],
    false,
  )
  const [a, aI, aP, b, bP, bJ, c, ldc, m, n, k, accumulate, work, packedB] = [
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13,
  ]
  const [jc, pc, ic, jr, ir, nb, kb, mb, nrLive, add, pA, pB, tile, cp, ldcB] = f.locals(15)
  const workB = f.local()
  const minConst = (x: () => void, bound: number) => emitMin(f, x, () => f.i32Const(bound))
  f.get(ldc).i32Const(2).i32Shl().set(ldcB)
  f.when(
    () => f.get(m).i32Const(0).i32LeS().get(n).i32Const(0).i32LeS().i32Or(),
    () => f.return(),
  )
  f.when(
    () => f.get(k).i32Const(0).i32LeS(),
    () => {
      f.when(
        () => f.get(accumulate).i32Eqz(),
        () =>
          f.for(
            ic,
            () => f.i32Const(0),
            () => f.get(m),
            1,
            () => {
              f.get(c).get(ic).get(ldcB).i32Mul().i32Add()
              f.i32Const(0)
              f.get(n).i32Const(2).i32Shl()
              f.memoryFill()
            },
          ),
      )
      f.return()
    },
  )
  f.get(work).set(pA)
  f.get(pA)
    .i32Const(4 * roundUp(MC, mr) * KC)
    .i32Add()
    .set(workB)
  f.get(workB)
    .i32Const(4 * KC * roundUp(NC, nr))
    .i32Add()
    .set(tile)
  emitBlocks(f, [jc, n, nb], NC, () => {
    emitBlocks(f, [pc, k, kb], KC, () => {
      f.when(
        () => f.get(packedB),
        () => {
          f.get(packedB)
          emitPackedBlockOffset(f, [jc, pc, k, nb], nr)
          f.i32Const(2).i32Shl().i32Add().set(pB)
        },
        () => {
          f.get(workB).set(pB)
          f.get(b).get(pc).get(bP).i32Mul().get(jc).get(bJ).i32Mul().i32Add()
          f.i32Const(2).i32Shl().i32Add()
          f.get(bJ).get(bP).get(nb).get(kb).get(pB).call(packB)
        },
      )
      f.get(accumulate).get(pc).i32Const(0).i32GtS().i32Or().set(add)
      emitBlocks(f, [ic, m, mb], MC, () => {
        f.get(a)
          .get(ic)
          .get(aI)
          .i32Mul()
          .get(pc)
          .get(aP)
          .i32Mul()
          .i32Add()
          .i32Const(2)
          .i32Shl()
          .i32Add()
        f.get(aI).get(aP).get(mb).get(kb).get(pA).call(packA)
        f.for(
          jr,
          () => f.i32Const(0),
          () => f.get(nb),
          nr,
          () => {
            f.get(nb).get(jr).i32Sub().set(nrLive)
            // cp = c + 4·(ic·ldc + jc + jr)
            f.get(c)
              .get(ic)
              .get(ldc)
              .i32Mul()
              .get(jc)
              .i32Add()
              .get(jr)
              .i32Add()
              .i32Const(2)
              .i32Shl()
              .i32Add()
              .set(cp)
            f.for(
              ir,
              () => f.i32Const(0),
              () => f.get(mb),
              mr,
              () => {
                const panelA = () =>
                  f.get(pA).get(ir).get(kb).i32Mul().i32Const(2).i32Shl().i32Add()
                const panelB = () =>
                  f.get(pB).get(jr).get(kb).i32Mul().i32Const(2).i32Shl().i32Add()
                f.when(
                  () =>
                    f
                      .get(mb)
                      .get(ir)
                      .i32Sub()
                      .i32Const(mr)
                      .i32GeS()
                      .get(nrLive)
                      .i32Const(nr)
                      .i32GeS()
                      .i32And(),
                  () => {
                    f.get(kb)
                    panelA()
                    panelB()
                    f.get(cp).get(ldcB).get(add).call(micro)
                  },
                  () => {
                    f.get(kb)
                    panelA()
                    panelB()
                    f.get(tile)
                      .i32Const(4 * nr)
                      .i32Const(0)
                      .call(micro)
                    f.get(tile).get(cp).get(ldcB)
                    minConst(() => f.get(mb).get(ir).i32Sub(), mr)
                    minConst(() => f.get(nrLive), nr)
                    f.get(add).call(storeTile)
                  },
                )
                f.get(cp).get(ldcB).i32Const(mr).i32Mul().i32Add().set(cp)
              },
            )
          },
        )
      })
    })
  })
  emitPackB(mod, blocking, packB)
  return f
}

/**
 * Adds `gemmBatch(a, aI, aP, strideA, b, bP, bJ, strideB, c, ldc, strideC, m, n, k,
 * accumulate, count, work, packedB)` to `mod`: `count` products of {@link emitGemm}'s `gemm`,
 * the matrices of A, B and C advancing by `strideA`, `strideB` and `strideC` elements; with
 * `accumulate` and `strideC` 0 the products sum into one matrix in batch order. A `packedB`
 * serves every product (for one B shared by the batch).
 */
export function emitGemmBatch(mod: ModuleBuilder, gemm: FunctionBuilder): FunctionBuilder {
  const f = mod.func(
    'gemmBatch',
    Array.from({ length: 18 }, (): ValType => I32),
  )
  const [
    a,
    aI,
    aP,
    strideA,
    b,
    bP,
    bJ,
    strideB,
    c,
    ldc,
    strideC,
    m,
    n,
    k,
    accumulate,
    count,
    work,
    packedB,
  ] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17]
  const t = f.local()
  f.for(
    t,
    () => f.i32Const(0),
    () => f.get(count),
    1,
    () => {
      f.get(a).get(aI).get(aP).get(b).get(bP).get(bJ).get(c).get(ldc)
      f.get(m).get(n).get(k).get(accumulate).get(work).get(packedB).call(gemm)
      f.get(a).get(strideA).i32Const(2).i32Shl().i32Add().set(a)
      f.get(b).get(strideB).i32Const(2).i32Shl().i32Add().set(b)
      f.get(c).get(strideC).i32Const(2).i32Shl().i32Add().set(c)
    },
  )
  return f
}

/**
 * Adds `packB(b, bP, bJ, n, k, dst, j0, count)`: packs columns `[j0, j0 + count)` of op(B)
 * (`k × n`; `j0` a multiple of `nr`) the way `gemm` packs each of its blocks, into the layout
 * of all of B: block (jc, pc) at float `jc·k + pc·⌈nb⌉` of `dst` (`⌈nb⌉`: the block width
 * rounded up to `nr`), column `j` of the block at panel `⌊(j − jc)/nr⌋`, `kb·nr` floats each.
 * Several `gemm` calls can then share `dst` as their `packedB`, and several threads pack
 * disjoint column ranges of it.
 */
function emitPackB(mod: ModuleBuilder, blocking: GemmBlocking, panels: FunctionBuilder): void {
  const { kc: KC, nc: NC } = blocking
  const nr = 4 * blocking.nrv
  const f = mod.func('packB', [I32, I32, I32, I32, I32, I32, I32, I32])
  const [b, bP, bJ, n, k, dst, j0, count] = [0, 1, 2, 3, 4, 5, 6, 7]
  const [jc, pc, nb, kb, lo, hi] = f.locals(6)
  emitBlocks(f, [jc, n, nb], NC, () => {
    // The columns [lo, hi) of this block that are in [j0, j0 + count).
    f.get(j0).get(jc).get(j0).get(jc).i32GtS().select().set(lo)
    emitMin(
      f,
      () => f.get(j0).get(count).i32Add(),
      () => f.get(jc).get(nb).i32Add(),
    )
    f.set(hi)
    f.when(
      () => f.get(lo).get(hi).i32LtS(),
      () =>
        emitBlocks(f, [pc, k, kb], KC, () => {
          f.get(b).get(pc).get(bP).i32Mul().get(lo).get(bJ).i32Mul().i32Add()
          f.i32Const(2).i32Shl().i32Add()
          f.get(bJ).get(bP).get(hi).get(lo).i32Sub().get(kb)
          // dst + 4·(jc·k + pc·⌈nb⌉ + (lo − jc)·kb)
          f.get(dst)
          emitPackedBlockOffset(f, [jc, pc, k, nb], nr)
          f.get(lo).get(jc).i32Sub().get(kb).i32Mul().i32Add()
          f.i32Const(2).i32Shl().i32Add()
          f.call(panels)
        }),
    )
  })
}
