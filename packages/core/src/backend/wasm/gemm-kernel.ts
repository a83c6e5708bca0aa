import { type FunctionBuilder, I32, type ModuleBuilder, V128 } from './assembler'

/**
 * Register and cache blocking of the generated GEMM: the micro-kernel keeps an `mr × 4·nrv`
 * tile of C in `mr·nrv` SIMD registers and unrolls its depth loop `unroll` times; `kc` is the
 * depth of a packed block, `mc` the rows of a packed A block and `nc` the columns of a packed
 * B block.
 */
export interface GemmBlocking {
  mr: number
  nrv: number
  unroll: number
  kc: number
  mc: number
  nc: number
}

/** The blocking the backend uses (tuned on an x86-64 core with 48 KiB L1 and 2 MiB L2). */
export const GEMM_BLOCKING: GemmBlocking = { mr: 4, nrv: 2, unroll: 4, kc: 256, mc: 96, nc: 1024 }

function roundUp(x: number, to: number): number {
  return Math.ceil(x / to) * to
}

/** Bytes of the per-thread workspace (packed A block, packed B block, one C tile) of `gemm`. */
export function gemmWorkspaceBytes(b: GemmBlocking): number {
  const nr = 4 * b.nrv
  return 4 * (roundUp(b.mc, b.mr) * b.kc + b.kc * roundUp(b.nc, nr) + b.mr * nr)
}

/**
 * `pack(src, rowStride, depthStride, rows, depth, dst)`: packs a `rows × depth` block (element
 * (r, p) at byte `src + 4·(r·rowStride + p·depthStride)`) into panels of `width` rows, each
 * stored depth-major (`panel[p·width + r]`), zero-padding the last panel.
 */
function emitPack(mod: ModuleBuilder, name: string, width: number): FunctionBuilder {
  const f = mod.func(name, [I32, I32, I32, I32, I32, I32], [], false)
  const [src, rowStride, depthStride, rows, depth, dst] = [0, 1, 2, 3, 4, 5]
  const r0 = f.local()
  const live = f.local()
  const s = f.local()
  const q = f.local()
  const p = f.local()
  const rsB = f.local()
  const dsB = f.local()
  f.get(rowStride).i32Const(2).i32Shl().set(rsB)
  f.get(depthStride).i32Const(2).i32Shl().set(dsB)
  // One depth step of a panel: `width` values (the first `live` read, the rest zero).
  const gather = (ragged: boolean) => {
    f.get(s).set(q)
    for (let i = 0; i < width; i++) {
      const load = () => {
        f.get(dst).get(q).f32Load().f32Store(4 * i)
        if (i + 1 < width) f.incBy(q, rsB)
      }
      if (ragged) {
        f.when(
          () => f.get(live).i32Const(i).i32GtS(),
          load,
          () => f.get(dst).f32Const(0).f32Store(4 * i),
        )
      } else {
        load()
      }
    }
  }
  const eachDepth = (body: () => void) =>
    f.for(
      p,
      () => f.i32Const(0),
      () => f.get(depth),
      1,
      () => {
        body()
        f.inc(dst, 4 * width)
        f.incBy(s, dsB)
      },
    )
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
            // With rowStride 1 the `width` values of one depth step are contiguous.
            f.when(
              () => f.get(rowStride).i32Const(1).i32Eq(),
              () =>
                eachDepth(() => {
                  for (let v = 0; v < width / 4; v++) {
                    f.get(dst).get(s).v128Load(16 * v).v128Store(16 * v)
                  }
                }),
              () => eachDepth(() => gather(false)),
            )
          } else {
            eachDepth(() => gather(false))
          }
        },
        () => eachDepth(() => gather(true)),
      )
    },
  )
  return f
}

/**
 * `micro(kc, a, b, c, ldcBytes, add)`: the `mr × nr` tile `C (+)= Ã·B̃` of one packed A panel
 * (`a`, `kc` steps of `mr` values) and one packed B panel (`b`, `kc` steps of `nr` values),
 * held in SIMD registers; C rows are `ldcBytes` apart.
 */
function emitMicroKernel(mod: ModuleBuilder, blocking: GemmBlocking): FunctionBuilder {
  const { mr, nrv, unroll } = blocking
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
  const steps = f.local()
  const row = f.local()
  f.f32Const(0).f32x4Splat().set(as)
  for (let r = 0; r < mr; r++) for (let v = 0; v < nrv; v++) f.get(as).set(acc[r]![v]!)
  // One depth step at offset u (in steps) from the panel pointers.
  const step = (u: number) => {
    for (let v = 0; v < nrv; v++) f.get(b).v128Load(4 * (u * nr + 4 * v)).set(bv[v]!)
    for (let r = 0; r < mr; r++) {
      f.get(a).v128Load32Splat(4 * (u * mr + r)).set(as)
      for (let v = 0; v < nrv; v++) {
        f.get(acc[r]![v]!).get(as).get(bv[v]!).f32x4Mul().f32x4Add().set(acc[r]![v]!)
      }
    }
  }
  const log2Unroll = Math.log2(unroll)
  f.get(kc).i32Const(log2Unroll).i32ShrS().set(steps)
  f.while(
    () => f.get(steps),
    () => {
      for (let u = 0; u < unroll; u++) step(u)
      f.inc(a, 4 * mr * unroll)
      f.inc(b, 4 * nr * unroll)
      f.inc(steps, -1)
    },
  )
  f.get(kc).i32Const(unroll - 1).i32And().set(steps)
  f.while(
    () => f.get(steps),
    () => {
      step(0)
      f.inc(a, 4 * mr)
      f.inc(b, 4 * nr)
      f.inc(steps, -1)
    },
  )
  const store = (withAdd: boolean) => {
    f.get(c).set(row)
    for (let r = 0; r < mr; r++) {
      for (let v = 0; v < nrv; v++) {
        f.get(row).get(acc[r]![v]!)
        if (withAdd) f.get(row).v128Load(16 * v).f32x4Add()
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
      f.get(tile).get(r).i32Const(4 * nr).i32Mul().i32Add().set(t)
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
 * Adds `gemm(a, aI, aP, b, bP, bJ, c, ldc, m, n, k, accumulate, work)` to `mod`:
 * `C (+)= op(A)·op(B)` where element (i, p) of op(A) is the f32 at byte `a + 4·(i·aI + p·aP)`,
 * element (p, j) of op(B) at `b + 4·(p·bP + j·bJ)`, C is row-major with row stride `ldc`
 * elements, and `work` points at {@link gemmWorkspaceBytes} bytes of scratch. Blocks of A and
 * B are packed into panels (Goto & van de Geijn) for the register-blocked micro-kernel.
 * @see https://doi.org/10.1145/1356052.1356053
 */
export function emitGemm(mod: ModuleBuilder, blocking: GemmBlocking): FunctionBuilder {
  const { mr, kc: KC, mc: MC, nc: NC } = blocking
  const nr = 4 * blocking.nrv
  const packA = emitPack(mod, `packA${mr}`, mr)
  const packB = emitPack(mod, `packB${nr}`, nr)
  const micro = emitMicroKernel(mod, blocking)
  const storeTile = emitStoreTile(mod, nr)
  const f = mod.func('gemm', [I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, I32])
  const [a, aI, aP, b, bP, bJ, c, ldc, m, n, k, accumulate, work] = [
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
  ]
  const [jc, pc, ic, jr, ir, nb, kb, mb, nrLive, add, pA, pB, tile, cp, ldcB] = Array.from(
    { length: 15 },
    () => f.local(),
  ) as [number, number, number, number, number, number, number, number, number, number, number, number, number, number, number]
  const minConst = (x: () => void, bound: number) => {
    x()
    f.i32Const(bound)
    x()
    f.i32Const(bound).i32LtS().select()
  }
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
  f.get(pA).i32Const(4 * roundUp(MC, mr) * KC).i32Add().set(pB)
  f.get(pB).i32Const(4 * KC * roundUp(NC, nr)).i32Add().set(tile)
  f.for(
    jc,
    () => f.i32Const(0),
    () => f.get(n),
    NC,
    () => {
      minConst(() => f.get(n).get(jc).i32Sub(), NC)
      f.set(nb)
      f.for(
        pc,
        () => f.i32Const(0),
        () => f.get(k),
        KC,
        () => {
          minConst(() => f.get(k).get(pc).i32Sub(), KC)
          f.set(kb)
          f.get(b).get(pc).get(bP).i32Mul().get(jc).get(bJ).i32Mul().i32Add().i32Const(2).i32Shl().i32Add()
          f.get(bJ).get(bP).get(nb).get(kb).get(pB).call(packB)
          f.get(accumulate).get(pc).i32Const(0).i32GtS().i32Or().set(add)
          f.for(
            ic,
            () => f.i32Const(0),
            () => f.get(m),
            MC,
            () => {
              minConst(() => f.get(m).get(ic).i32Sub(), MC)
              f.set(mb)
              f.get(a).get(ic).get(aI).i32Mul().get(pc).get(aP).i32Mul().i32Add().i32Const(2).i32Shl().i32Add()
              f.get(aI).get(aP).get(mb).get(kb).get(pA).call(packA)
              f.for(
                jr,
                () => f.i32Const(0),
                () => f.get(nb),
                nr,
                () => {
                  f.get(nb).get(jr).i32Sub().set(nrLive)
                  // cp = c + 4·(ic·ldc + jc + jr)
                  f.get(c).get(ic).get(ldc).i32Mul().get(jc).i32Add().get(jr).i32Add().i32Const(2).i32Shl().i32Add().set(cp)
                  f.for(
                    ir,
                    () => f.i32Const(0),
                    () => f.get(mb),
                    mr,
                    () => {
                      const panelA = () => f.get(pA).get(ir).get(kb).i32Mul().i32Const(2).i32Shl().i32Add()
                      const panelB = () => f.get(pB).get(jr).get(kb).i32Mul().i32Const(2).i32Shl().i32Add()
                      f.when(
                        () =>
                          f.get(mb).get(ir).i32Sub().i32Const(mr).i32GeS().get(nrLive).i32Const(nr).i32GeS().i32And(),
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
                          f.get(tile).i32Const(4 * nr).i32Const(0).call(micro)
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
            },
          )
        },
      )
    },
  )
  return f
}

/**
 * Adds `gemmBatch(a, aI, aP, strideA, b, bP, bJ, strideB, c, ldc, strideC, m, n, k,
 * accumulate, count, work)` to `mod`: `count` products of {@link emitGemm}'s `gemm`, the
 * matrices of A, B and C advancing by `strideA`, `strideB` and `strideC` elements; with
 * `accumulate` and `strideC` 0 the products sum into one matrix in batch order.
 */
export function emitGemmBatch(mod: ModuleBuilder, gemm: FunctionBuilder): FunctionBuilder {
  const f = mod.func('gemmBatch', Array.from({ length: 17 }, () => I32))
  const [a, aI, aP, strideA, b, bP, bJ, strideB, c, ldc, strideC, m, n, k, accumulate, count, work] =
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]
  const t = f.local()
  f.for(
    t,
    () => f.i32Const(0),
    () => f.get(count),
    1,
    () => {
      f.get(a).get(aI).get(aP).get(b).get(bP).get(bJ).get(c).get(ldc)
      f.get(m).get(n).get(k).get(accumulate).get(work).call(gemm)
      f.get(a).get(strideA).i32Const(2).i32Shl().i32Add().set(a)
      f.get(b).get(strideB).i32Const(2).i32Shl().i32Add().set(b)
      f.get(c).get(strideC).i32Const(2).i32Shl().i32Add().set(c)
    },
  )
  return f
}
