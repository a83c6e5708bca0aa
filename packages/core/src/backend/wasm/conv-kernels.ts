import { F32, type FunctionBuilder, I32, type ModuleBuilder, V128, type ValType } from './assembler'

/**
 * Field offsets (in i32 words) of the convolution geometry block the JS side writes into
 * wasm memory before a call: the `Window2d` of one image, then the batch layout and the
 * byte addresses of two precomputed tables.
 */
export const GEOMETRY = {
  channels: 0,
  height: 1,
  width: 2,
  kernelH: 3,
  kernelW: 4,
  strideH: 5,
  strideW: 6,
  padH: 7,
  padW: 8,
  dilationH: 9,
  dilationW: 10,
  outH: 11,
  outW: 12,
  groups: 13,
  outChannels: 14,
  /** Byte address of the row table: image row `y` of tap row `i` at output row `oh`, or −1. */
  rowTable: 15,
  /** Byte address of the column table: `[dx, owStart, owEnd]` per tap column. */
  colTable: 16,
  /** Pooling: the output columns `[interiorStart, interiorEnd)` whose taps all lie inside. */
  interiorStart: 17,
  interiorEnd: 18,
} as const

/** Number of i32 words of the geometry block. */
export const GEOMETRY_WORDS = 19

type Field = keyof typeof GEOMETRY

function load(f: FunctionBuilder, geom: number, name: Field): FunctionBuilder {
  return f.get(geom).i32Load(4 * GEOMETRY[name])
}

/** Pushes `base + 4·index` for two i32 locals. */
function addr(f: FunctionBuilder, base: number, index: number): FunctionBuilder {
  return f.get(base).get(index).i32Const(2).i32Shl().i32Add()
}

/** What the per-row walk hands its callback: addresses, live columns and the geometry. */
interface WalkRow {
  /** Byte address of the column-matrix row segment for this output row. */
  o: number
  /** Byte address of the image pixel at `ow = 0`, or −1 when `y` lies in the padding. */
  src: number
  s0: number
  e0: number
  strideW: number
  outW: number
}

/**
 * What the whole-row walk hands its callback when the strides are 1 and the output is as wide
 * as the input: then element `l` of column-matrix row `(c, i, j)` (at `o + 4l`) reads the
 * pixel at `base + 4l`, for `l` in `[l0, l1)`; rows `oh ∉ [ohLo, ohHi)` lie in the padding,
 * and columns `ow ∉ [s0, e0)` of the rows in between wrap to a neighbouring image row.
 */
interface WalkWhole {
  o: number
  base: number
  l0: number
  l1: number
  ohLo: number
  ohHi: number
  s0: number
  e0: number
  outW: number
  outH: number
}

/**
 * The walk shared by im2col and col2im: for every column-matrix row `(c, i, j)`, either
 * `whole` once (stride 1 and `outW = width`, with at least one live tap column: the row is one
 * shifted run of the image plane), or `row` for every output row `oh`, whose output columns
 * `[owStart, owEnd)` read the image row `y` at `x = ow·strideW + dx`.
 */
function emitWalk(
  f: FunctionBuilder,
  img: number,
  col: number,
  geom: number,
  row: (w: WalkRow) => void,
  whole: (w: WalkWhole) => void,
): void {
  const [c, i, j, oh, plane, o, src, dx, s0, e0, outW, outH, width, ct, rt, strideW] = f.locals(16)
  const [shifted, ohLo, ohHi, rowShift, base, l0, l1] = f.locals(7)
  load(f, geom, 'outW').set(outW)
  load(f, geom, 'outH').set(outH)
  load(f, geom, 'width').set(width)
  load(f, geom, 'strideW').set(strideW)
  load(f, geom, 'strideH').i32Const(1).i32Eq()
  f.get(strideW).i32Const(1).i32Eq().i32And()
  f.get(outW).get(width).i32Eq().i32And().set(shifted)
  f.get(col).set(o)
  f.for(
    c,
    () => f.i32Const(0),
    () => load(f, geom, 'channels'),
    1,
    () => {
      f.get(c).get(width).i32Mul()
      load(f, geom, 'height').i32Mul().set(plane)
      addr(f, img, plane).set(plane)
      load(f, geom, 'rowTable').set(rt)
      f.for(
        i,
        () => f.i32Const(0),
        () => load(f, geom, 'kernelH'),
        1,
        () => {
          // With stride 1, y = oh + rowShift: live output rows [ohLo, ohHi).
          f.get(i)
          load(f, geom, 'dilationH').i32Mul()
          load(f, geom, 'padH').i32Sub().set(rowShift)
          f.i32Const(0).get(rowShift).i32Sub().set(ohLo)
          f.get(ohLo).i32Const(0).get(ohLo).i32Const(0).i32GtS().select().set(ohLo)
          f.get(ohLo).get(outH).get(ohLo).get(outH).i32LtS().select().set(ohLo)
          load(f, geom, 'height').get(rowShift).i32Sub().set(ohHi)
          f.get(ohHi).get(outH).get(ohHi).get(outH).i32LtS().select().set(ohHi)
          f.get(ohHi).get(ohLo).get(ohHi).get(ohLo).i32GtS().select().set(ohHi)
          load(f, geom, 'colTable').set(ct)
          f.for(
            j,
            () => f.i32Const(0),
            () => load(f, geom, 'kernelW'),
            1,
            () => {
              f.get(ct).i32Load(0).set(dx)
              f.get(ct).i32Load(4).set(s0)
              f.get(ct).i32Load(8).set(e0)
              f.inc(ct, 12)
              f.when(
                () => f.get(shifted).get(s0).get(e0).i32LtS().i32And(),
                () => {
                  f.get(rowShift).get(width).i32Mul().get(dx).i32Add().set(base)
                  addr(f, plane, base).set(base)
                  f.get(ohLo).get(outW).i32Mul().get(s0).i32Add().set(l0)
                  f.get(ohHi).i32Const(1).i32Sub().get(outW).i32Mul().get(e0).i32Add().set(l1)
                  whole({ o, base, l0, l1, ohLo, ohHi, s0, e0, outW, outH })
                  f.get(outH).get(outW).i32Mul().i32Const(2).i32Shl().get(o).i32Add().set(o)
                },
                () =>
                  f.for(
                    oh,
                    () => f.i32Const(0),
                    () => f.get(outH),
                    1,
                    () => {
                      addr(f, rt, oh).i32Load().set(src)
                      f.when(
                        () => f.get(src).i32Const(0).i32GeS(),
                        () => {
                          f.get(src).get(width).i32Mul().get(dx).i32Add().set(src)
                          addr(f, plane, src).set(src)
                        },
                      )
                      row({ o, src, s0, e0, strideW, outW })
                      addr(f, o, outW).set(o)
                    },
                  ),
              )
            },
          )
          addr(f, rt, outH).set(rt)
        },
      )
    },
  )
}

/**
 * Zeroes columns `[0, s0)` and `[e0, outW)` of the column-matrix rows `[ohLo, ohHi)` starting
 * at byte address `o` (the entries that wrap to a neighbouring image row).
 */
function emitZeroEdges(f: FunctionBuilder, w: WalkWhole, oh: number, at: number): void {
  const end = f.local()
  f.for(
    oh,
    () => f.get(w.ohLo),
    () => f.get(w.ohHi),
    1,
    () => {
      f.get(oh).get(w.outW).i32Mul().i32Const(2).i32Shl().get(w.o).i32Add().set(at)
      addr(f, at, w.s0).set(end)
      emitZero(f, at, end)
      addr(f, at, w.outW).set(end)
      addr(f, at, w.e0).set(at)
      emitZero(f, at, end)
    },
  )
}

/**
 * Zeroes the bytes `[d, end)` (a multiple of 4) with inline stores: `memory.fill` is a runtime
 * call, too slow for the few floats of a padding edge. Advances `d` to `end`.
 */
function emitZero(f: FunctionBuilder, d: number, end: number): void {
  f.while(
    () => f.get(d).i32Const(16).i32Add().get(end).i32LeS(),
    () => {
      f.get(d).f32Const(0).f32x4Splat().v128Store()
      f.inc(d, 16)
    },
  )
  f.while(
    () => f.get(d).get(end).i32LtS(),
    () => {
      f.get(d).f32Const(0).f32Store()
      f.inc(d, 4)
    },
  )
}

/**
 * Emits `dst[k] op= src[k]` over the bytes `[d, end)` of the column matrix, four lanes at a
 * time then one at a time, `src` advancing `step` bytes per element (vectors only when 4).
 */
function emitRun(
  f: FunctionBuilder,
  d: number,
  end: number,
  s: number,
  step: number,
  add: boolean,
): void {
  const vector = () => {
    if (add) f.get(s).get(s).v128Load().get(d).v128Load().f32x4Add().v128Store()
    else f.get(d).get(s).v128Load().v128Store()
  }
  const scalar = () => {
    if (add) f.get(s).get(s).f32Load().get(d).f32Load().f32Add().f32Store()
    else f.get(d).get(s).f32Load().f32Store()
  }
  f.when(
    () => f.get(step).i32Const(4).i32Eq(),
    () =>
      f.while(
        () => f.get(d).i32Const(16).i32Add().get(end).i32LeS(),
        () => {
          vector()
          f.inc(d, 16)
          f.inc(s, 16)
        },
      ),
  )
  f.while(
    () => f.get(d).get(end).i32LtS(),
    () => {
      scalar()
      f.inc(d, 4)
      f.incBy(s, step)
    },
  )
}

/** `im2col(img, col, geom)`: unfolds one image into its column matrix (see `Backend.im2col`). */
function emitIm2col(mod: ModuleBuilder): FunctionBuilder {
  const f = mod.func('im2col', [I32, I32, I32])
  const [img, col, geom] = [0, 1, 2]
  const [d, s, end, step, oh, at] = f.locals(6)
  emitWalk(
    f,
    img,
    col,
    geom,
    ({ o, src, s0, e0, strideW, outW }) => {
      f.get(o).set(d)
      f.when(
        () => f.get(src).i32Const(0).i32LtS(),
        () => {
          addr(f, o, outW).set(end)
          emitZero(f, d, end)
        },
        () => {
          addr(f, o, s0).set(end)
          emitZero(f, d, end)
          addr(f, o, e0).set(end)
          f.get(strideW).i32Const(2).i32Shl().set(step)
          f.get(src).get(s0).get(step).i32Mul().i32Add().set(s)
          emitRun(f, d, end, s, step, false)
          addr(f, o, outW).set(end)
          emitZero(f, d, end)
        },
      )
    },
    (w) => {
      // Rows in the padding, one copy of the live run, then the wrapped entries.
      f.get(w.o).set(d)
      f.get(w.ohLo).get(w.outW).i32Mul().set(end)
      addr(f, w.o, end).set(end)
      emitZero(f, d, end)
      f.get(w.ohHi).get(w.outW).i32Mul().set(d)
      addr(f, w.o, d).set(d)
      f.get(w.outH).get(w.outW).i32Mul().set(end)
      addr(f, w.o, end).set(end)
      emitZero(f, d, end)
      f.when(
        () => f.get(w.l0).get(w.l1).i32LtS(),
        () => {
          addr(f, w.o, w.l0)
          addr(f, w.base, w.l0)
          f.get(w.l1).get(w.l0).i32Sub().i32Const(2).i32Shl()
          f.memoryCopy()
        },
      )
      emitZeroEdges(f, w, oh, at)
    },
  )
  return f
}

/** `col2im(col, img, geom)`: adds a column matrix back onto its image (see `Backend.col2im`). */
function emitCol2im(mod: ModuleBuilder): FunctionBuilder {
  const f = mod.func('col2im', [I32, I32, I32])
  const [col, img, geom] = [0, 1, 2]
  const [d, s, end, step, oh, at] = f.locals(6)
  emitWalk(
    f,
    img,
    col,
    geom,
    ({ o, src, s0, e0, strideW }) => {
      f.when(
        () => f.get(src).i32Const(0).i32GeS(),
        () => {
          addr(f, o, s0).set(d)
          addr(f, o, e0).set(end)
          f.get(strideW).i32Const(2).i32Shl().set(step)
          f.get(src).get(s0).get(step).i32Mul().i32Add().set(s)
          emitRun(f, d, end, s, step, true)
        },
      )
    },
    (w) => {
      // The wrapped entries are zeroed in the (scratch) column matrix, so one run adds the
      // rest; it stays inside the live rows of this plane.
      emitZeroEdges(f, w, oh, at)
      addr(f, w.o, w.l0).set(d)
      addr(f, w.o, w.l1).set(end)
      addr(f, w.base, w.l0).set(s)
      f.i32Const(4).set(step)
      emitRun(f, d, end, s, step, true)
    },
  )
  return f
}

/** `addRow(ptr, count, value)`: `row[0..count) += value`. */
function emitAddRow(mod: ModuleBuilder): FunctionBuilder {
  const f = mod.func('addRow', [I32, I32, F32], [], false)
  const [ptr, count, value] = [0, 1, 2]
  const end = f.local()
  const v = f.local(V128)
  addr(f, ptr, count).set(end)
  f.get(value).f32x4Splat().set(v)
  f.while(
    () => f.get(ptr).i32Const(16).i32Add().get(end).i32LeS(),
    () => {
      f.get(ptr).get(ptr).v128Load().get(v).f32x4Add().v128Store()
      f.inc(ptr, 16)
    },
  )
  f.while(
    () => f.get(ptr).get(end).i32LtS(),
    () => {
      f.get(ptr).get(ptr).f32Load().get(value).f32Add().f32Store()
      f.inc(ptr, 4)
    },
  )
  return f
}

/** `rowSum(ptr, count) → f32`: the sum of `row[0..count)` (four running lanes, then a tail). */
function emitRowSum(mod: ModuleBuilder): FunctionBuilder {
  const f = mod.func('rowSum', [I32, I32], [F32], false)
  const [ptr, count] = [0, 1]
  const end = f.local()
  const acc = f.local(V128)
  const s = f.local(F32)
  addr(f, ptr, count).set(end)
  f.f32Const(0).f32x4Splat().set(acc)
  f.while(
    () => f.get(ptr).i32Const(16).i32Add().get(end).i32LeS(),
    () => {
      f.get(acc).get(ptr).v128Load().f32x4Add().set(acc)
      f.inc(ptr, 16)
    },
  )
  f.get(acc).f32x4ExtractLane(0).get(acc).f32x4ExtractLane(1).f32Add()
  f.get(acc).f32x4ExtractLane(2).get(acc).f32x4ExtractLane(3).f32Add().f32Add().set(s)
  f.while(
    () => f.get(ptr).get(end).i32LtS(),
    () => {
      f.get(s).get(ptr).f32Load().f32Add().set(s)
      f.inc(ptr, 4)
    },
  )
  f.get(s)
  return f
}

/** The sizes every convolution kernel derives from the geometry block. */
interface ConvLocals {
  n: number
  g: number
  K: number
  L: number
  go: number
  outC: number
  imageBytes: number
  pointwise: number
}

function convPrologue(f: FunctionBuilder, geom: number): ConvLocals {
  const [n, g, K, L, go, outC, imageBytes, pointwise] = f.locals(8)
  load(f, geom, 'outH')
  load(f, geom, 'outW').i32Mul().set(L)
  load(f, geom, 'outChannels').set(outC)
  f.get(outC)
  load(f, geom, 'groups').i32DivS().set(go)
  load(f, geom, 'channels')
  load(f, geom, 'groups').i32DivS()
  load(f, geom, 'kernelH').i32Mul()
  load(f, geom, 'kernelW').i32Mul().set(K)
  load(f, geom, 'channels')
  load(f, geom, 'height').i32Mul()
  load(f, geom, 'width').i32Mul().i32Const(2).i32Shl().set(imageBytes)
  // A 1×1 kernel with unit stride and no padding reads the image itself as its column matrix.
  load(f, geom, 'kernelH').i32Const(1).i32Eq()
  load(f, geom, 'kernelW').i32Const(1).i32Eq().i32And()
  load(f, geom, 'strideH').i32Const(1).i32Eq().i32And()
  load(f, geom, 'strideW').i32Const(1).i32Eq().i32And()
  load(f, geom, 'padH').i32Eqz().i32And()
  load(f, geom, 'padW').i32Eqz().i32And().set(pointwise)
  return { n, g, K, L, go, outC, imageBytes, pointwise }
}

/** Pushes `base + 4·(a·b + c)` for i32 locals (`c` optional). */
function offset(f: FunctionBuilder, base: number, a: number, b: number, c?: number): void {
  f.get(base).get(a).get(b).i32Mul()
  if (c !== undefined) f.get(c).i32Add()
  f.i32Const(2).i32Shl().i32Add()
}

/**
 * Adds the convolution kernels to `mod`; each processes the `count` images from image `n0`
 * with a private column buffer `col` and GEMM workspace `work`, so threads split the batch:
 * - `convForward(x, w, bias, out, geom, n0, count, col, work)`: `out = w ⊛ x (+ bias)`
 *   (`bias` 0 for none), im2col then one GEMM per group;
 * - `convBackwardInput(gOut, w, gIn, geom, n0, count, col, work)`: `gIn = wᵀ·gOut` folded
 *   back by col2im (overwrites);
 * - `convBackwardWeight(gOut, x, gW, gB, geom, n0, count, col, work)`: `gW += gOut·colᵀ`
 *   and `gB += Σ gOut` per channel (`gW` or `gB` 0 to skip).
 */
export function emitConvKernels(mod: ModuleBuilder, gemm: FunctionBuilder): void {
  const im2col = emitIm2col(mod)
  const col2im = emitCol2im(mod)
  const addRow = emitAddRow(mod)
  const rowSum = emitRowSum(mod)
  const i32s = (count: number): ValType[] => Array.from({ length: count }, () => I32)

  {
    const f = mod.func('convForward', i32s(9))
    const [x, w, bias, out, geom, n0, n1, col, work] = [0, 1, 2, 3, 4, 5, 6, 7, 8]
    const c = convPrologue(f, geom)
    const [src, o, row] = f.locals(3)
    f.get(n0).get(n1).i32Add().set(n1)
    f.for(
      c.n,
      () => f.get(n0),
      () => f.get(n1),
      1,
      () => {
        f.get(x).get(c.n).get(c.imageBytes).i32Mul().i32Add().set(src)
        f.when(
          () => f.get(c.pointwise).i32Eqz(),
          () => {
            f.get(src).get(col).get(geom).call(im2col)
            f.get(col).set(src)
          },
        )
        f.for(
          c.g,
          () => f.i32Const(0),
          () => load(f, geom, 'groups'),
          1,
          () => {
            // gemm(W_g, col_g, out[n, g·go]): m = go, n = L, k = K
            f.get(c.g).get(c.go).i32Mul().set(o)
            offset(f, w, o, c.K)
            f.get(c.K).i32Const(1)
            f.get(c.g).get(c.K).i32Mul().set(row)
            offset(f, src, row, c.L)
            f.get(c.L).i32Const(1)
            f.get(c.n).get(c.outC).i32Mul().get(o).i32Add().set(row)
            offset(f, out, row, c.L)
            f.get(c.L).get(c.go).get(c.L).get(c.K).i32Const(0).get(work).i32Const(0).call(gemm)
          },
        )
        f.when(
          () => f.get(bias),
          () =>
            f.for(
              o,
              () => f.i32Const(0),
              () => f.get(c.outC),
              1,
              () => {
                f.get(c.n).get(c.outC).i32Mul().get(o).i32Add().set(row)
                offset(f, out, row, c.L)
                f.get(c.L)
                addr(f, bias, o).f32Load()
                f.call(addRow)
              },
            ),
        )
      },
    )
  }

  {
    const f = mod.func('convBackwardInput', i32s(8))
    const [gOut, w, gIn, geom, n0, n1, col, work] = [0, 1, 2, 3, 4, 5, 6, 7]
    const c = convPrologue(f, geom)
    const [image, dst, o, row] = f.locals(4)
    f.get(n0).get(n1).i32Add().set(n1)
    f.for(
      c.n,
      () => f.get(n0),
      () => f.get(n1),
      1,
      () => {
        f.get(gIn).get(c.n).get(c.imageBytes).i32Mul().i32Add().set(image)
        f.when(
          () => f.get(c.pointwise),
          () => f.get(image).set(dst),
          () => f.get(col).set(dst),
        )
        f.for(
          c.g,
          () => f.i32Const(0),
          () => load(f, geom, 'groups'),
          1,
          () => {
            // gemm(W_gᵀ, gOut[n, g·go], dst_g): m = K, n = L, k = go
            f.get(c.g).get(c.go).i32Mul().set(o)
            offset(f, w, o, c.K)
            f.i32Const(1).get(c.K)
            f.get(c.n).get(c.outC).i32Mul().get(o).i32Add().set(row)
            offset(f, gOut, row, c.L)
            f.get(c.L).i32Const(1)
            f.get(c.g).get(c.K).i32Mul().set(row)
            offset(f, dst, row, c.L)
            f.get(c.L).get(c.K).get(c.L).get(c.go).i32Const(0).get(work).i32Const(0).call(gemm)
          },
        )
        f.when(
          () => f.get(c.pointwise).i32Eqz(),
          () => {
            f.get(image).i32Const(0).get(c.imageBytes).memoryFill()
            f.get(col).get(image).get(geom).call(col2im)
          },
        )
      },
    )
  }

  {
    const f = mod.func('convBackwardWeight', i32s(9))
    const [gOut, x, gW, gB, geom, n0, n1, col, work] = [0, 1, 2, 3, 4, 5, 6, 7, 8]
    const c = convPrologue(f, geom)
    const [src, o, row, slot] = f.locals(4)
    f.get(n0).get(n1).i32Add().set(n1)
    f.for(
      c.n,
      () => f.get(n0),
      () => f.get(n1),
      1,
      () => {
        f.when(
          () => f.get(gW),
          () => {
            f.get(x).get(c.n).get(c.imageBytes).i32Mul().i32Add().set(src)
            f.when(
              () => f.get(c.pointwise).i32Eqz(),
              () => {
                f.get(src).get(col).get(geom).call(im2col)
                f.get(col).set(src)
              },
            )
            f.for(
              c.g,
              () => f.i32Const(0),
              () => load(f, geom, 'groups'),
              1,
              () => {
                // gemm(gOut[n, g·go], col_gᵀ, gW_g, accumulate): m = go, n = K, k = L
                f.get(c.g).get(c.go).i32Mul().set(o)
                f.get(c.n).get(c.outC).i32Mul().get(o).i32Add().set(row)
                offset(f, gOut, row, c.L)
                f.get(c.L).i32Const(1)
                f.get(c.g).get(c.K).i32Mul().set(row)
                offset(f, src, row, c.L)
                f.i32Const(1).get(c.L)
                offset(f, gW, o, c.K)
                f.get(c.K).get(c.go).get(c.K).get(c.L).i32Const(1).get(work).i32Const(0).call(gemm)
              },
            )
          },
        )
        f.when(
          () => f.get(gB),
          () =>
            f.for(
              o,
              () => f.i32Const(0),
              () => f.get(c.outC),
              1,
              () => {
                addr(f, gB, o).set(slot)
                f.get(slot).get(slot).f32Load()
                f.get(c.n).get(c.outC).i32Mul().get(o).i32Add().set(row)
                offset(f, gOut, row, c.L)
                f.get(c.L).call(rowSum)
                f.f32Add().f32Store()
              },
            ),
        )
      },
    )
  }
}
