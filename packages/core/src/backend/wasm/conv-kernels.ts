import { F32, type FunctionBuilder, I32, type ModuleBuilder, V128 } from './assembler'

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
} as const

/** Number of i32 words of the geometry block. */
export const GEOMETRY_WORDS = 17

type Field = keyof typeof GEOMETRY

function load(f: FunctionBuilder, geom: number, name: Field): FunctionBuilder {
  return f.get(geom).i32Load(4 * GEOMETRY[name])
}

/** Pushes `base + 4·index` for two i32 locals. */
function addr(f: FunctionBuilder, base: number, index: number): FunctionBuilder {
  return f.get(base).get(index).i32Const(2).i32Shl().i32Add()
}

/**
 * The walk shared by im2col and col2im: for every column-matrix row `(c, i, j)` and output row
 * `oh`, output columns `[owStart, owEnd)` read the image row `y` at `x = ow·strideW + dx`.
 * `row` gets the byte address `o` of the column row and `src` of the image pixel for `ow = 0`
 * (−1 in `src` when `y` lies in the padding), plus the live range and the geometry.
 */
function emitWalk(
  f: FunctionBuilder,
  img: number,
  col: number,
  geom: number,
  row: (w: { o: number; src: number; s0: number; e0: number; strideW: number; outW: number }) => void,
): void {
  const [c, i, j, oh, plane, o, src, dx, s0, e0, outW, outH, width, ct, rt, strideW] = f.locals(16)
  load(f, geom, 'outW').set(outW)
  load(f, geom, 'outH').set(outH)
  load(f, geom, 'width').set(width)
  load(f, geom, 'strideW').set(strideW)
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
              )
            },
          )
          addr(f, rt, outH).set(rt)
        },
      )
    },
  )
}

/** `im2col(img, col, geom)`: unfolds one image into its column matrix (see `Backend.im2col`). */
function emitIm2col(mod: ModuleBuilder): FunctionBuilder {
  const f = mod.func('im2col', [I32, I32, I32])
  const [img, col, geom] = [0, 1, 2]
  const [d, s, end, step] = f.locals(4)
  emitWalk(f, img, col, geom, ({ o, src, s0, e0, strideW, outW }) => {
    const zero = (from: number, to: number) => {
      addr(f, o, from).set(d)
      addr(f, o, to).set(end)
      f.while(
        () => f.get(d).get(end).i32LtS(),
        () => {
          f.get(d).f32Const(0).f32Store()
          f.inc(d, 4)
        },
      )
    }
    f.when(
      () => f.get(src).i32Const(0).i32LtS(),
      () => {
        f.get(o).i32Const(0).get(outW).i32Const(2).i32Shl().memoryFill()
      },
      () => {
        f.i32Const(0).set(d)
        zero(d, s0)
        addr(f, o, s0).set(d)
        addr(f, o, e0).set(end)
        f.get(strideW).i32Const(2).i32Shl().set(step)
        f.get(src).get(s0).get(step).i32Mul().i32Add().set(s)
        f.when(
          () => f.get(strideW).i32Const(1).i32Eq(),
          () => {
            f.while(
              () => f.get(d).i32Const(16).i32Add().get(end).i32LeS(),
              () => {
                f.get(d).get(s).v128Load().v128Store()
                f.inc(d, 16)
                f.inc(s, 16)
              },
            )
          },
        )
        f.while(
          () => f.get(d).get(end).i32LtS(),
          () => {
            f.get(d).get(s).f32Load().f32Store()
            f.inc(d, 4)
            f.incBy(s, step)
          },
        )
        zero(e0, outW)
      },
    )
  })
  return f
}

/** `col2im(col, img, geom)`: adds a column matrix back onto its image (see `Backend.col2im`). */
function emitCol2im(mod: ModuleBuilder): FunctionBuilder {
  const f = mod.func('col2im', [I32, I32, I32])
  const [col, img, geom] = [0, 1, 2]
  const [d, s, end, step] = f.locals(4)
  emitWalk(f, img, col, geom, ({ o, src, s0, e0, strideW }) => {
    f.when(
      () => f.get(src).i32Const(0).i32GeS(),
      () => {
        addr(f, o, s0).set(d)
        addr(f, o, e0).set(end)
        f.get(strideW).i32Const(2).i32Shl().set(step)
        f.get(src).get(s0).get(step).i32Mul().i32Add().set(s)
        f.when(
          () => f.get(strideW).i32Const(1).i32Eq(),
          () => {
            f.while(
              () => f.get(d).i32Const(16).i32Add().get(end).i32LeS(),
              () => {
                f.get(s).get(s).v128Load().get(d).v128Load().f32x4Add().v128Store()
                f.inc(d, 16)
                f.inc(s, 16)
              },
            )
          },
        )
        f.while(
          () => f.get(d).get(end).i32LtS(),
          () => {
            f.get(s).get(s).f32Load().get(d).f32Load().f32Add().f32Store()
            f.inc(d, 4)
            f.incBy(s, step)
          },
        )
      },
    )
  })
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
 * Adds the convolution kernels to `mod`; each processes images `[n0, n1)` of a batch with a
 * private column buffer `col` and GEMM workspace `work`, so threads split the batch:
 * - `convForward(x, w, bias, out, geom, n0, n1, col, work)`: `out = w ⊛ x (+ bias)`
 *   (`bias` 0 for none), im2col then one GEMM per group;
 * - `convBackwardInput(gOut, w, gIn, geom, n0, n1, col, work)`: `gIn = wᵀ·gOut` folded back
 *   by col2im (overwrites);
 * - `convBackwardWeight(gOut, x, gW, gB, geom, n0, n1, col, work)`: `gW += gOut·colᵀ` and
 *   `gB += Σ gOut` per channel (`gW` or `gB` 0 to skip).
 */
export function emitConvKernels(mod: ModuleBuilder, gemm: FunctionBuilder): void {
  const im2col = emitIm2col(mod)
  const col2im = emitCol2im(mod)
  const addRow = emitAddRow(mod)
  const rowSum = emitRowSum(mod)
  const [I, I2, I3, I4, I5, I6, I7, I8, I9] = [I32, I32, I32, I32, I32, I32, I32, I32, I32]

  {
    const f = mod.func('convForward', [I, I2, I3, I4, I5, I6, I7, I8, I9])
    const [x, w, bias, out, geom, n0, n1, col, work] = [0, 1, 2, 3, 4, 5, 6, 7, 8]
    const c = convPrologue(f, geom)
    const [src, o, row] = f.locals(3)
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
            f.get(c.L).get(c.go).get(c.L).get(c.K).i32Const(0).get(work).call(gemm)
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
    const f = mod.func('convBackwardInput', [I, I2, I3, I4, I5, I6, I7, I8])
    const [gOut, w, gIn, geom, n0, n1, col, work] = [0, 1, 2, 3, 4, 5, 6, 7]
    const c = convPrologue(f, geom)
    const [image, dst, o, row] = f.locals(4)
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
            f.get(c.L).get(c.K).get(c.L).get(c.go).i32Const(0).get(work).call(gemm)
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
    const f = mod.func('convBackwardWeight', [I, I2, I3, I4, I5, I6, I7, I8, I9])
    const [gOut, x, gW, gB, geom, n0, n1, col, work] = [0, 1, 2, 3, 4, 5, 6, 7, 8]
    const c = convPrologue(f, geom)
    const [src, o, row, slot] = f.locals(4)
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
                f.get(c.K).get(c.go).get(c.K).get(c.L).i32Const(1).get(work).call(gemm)
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
