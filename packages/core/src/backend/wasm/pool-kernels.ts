import { F32, type FunctionBuilder, I32, type ModuleBuilder, V128 } from './assembler'
import { GEOMETRY } from './conv-kernels'

function load(f: FunctionBuilder, geom: number, name: keyof typeof GEOMETRY): FunctionBuilder {
  return f.get(geom).i32Load(4 * GEOMETRY[name])
}

/** Pushes `base + 4·index` for two i32 locals. */
function addr(f: FunctionBuilder, base: number, index: number): FunctionBuilder {
  return f.get(base).get(index).i32Const(2).i32Shl().i32Add()
}

/**
 * The window walk of the pooling kernels over the `p1` planes from plane `p0`: `rowTable` holds the live tap
 * range `[i0, i1)` of each output row, `colTable` `[j0, j1)` of each output column.
 * `window` is called once per output with the plane base, the window origin and the ranges,
 * and `o` counting outputs from the first plane's first output.
 */
function emitWindows(
  f: FunctionBuilder,
  geom: number,
  p0: number,
  p1: number,
  window: (w: {
    base: number
    o: number
    y0: number
    x0: number
    i0: number
    i1: number
    j0: number
    j1: number
    width: number
  }) => void,
): void {
  const [p, oh, ow, base, o, y0, x0, i0, i1, j0, j1, width, planeBytes, rt, ct] = f.locals(15)
  f.get(p0).get(p1).i32Add().set(p1)
  load(f, geom, 'width').set(width)
  load(f, geom, 'height').get(width).i32Mul().i32Const(2).i32Shl().set(planeBytes)
  f.get(p0)
  load(f, geom, 'outH').i32Mul()
  load(f, geom, 'outW').i32Mul().set(o)
  f.for(
    p,
    () => f.get(p0),
    () => f.get(p1),
    1,
    () => {
      f.get(p).get(planeBytes).i32Mul().set(base)
      load(f, geom, 'rowTable').set(rt)
      f.for(
        oh,
        () => f.i32Const(0),
        () => load(f, geom, 'outH'),
        1,
        () => {
          f.get(oh)
          load(f, geom, 'strideH').i32Mul()
          load(f, geom, 'padH').i32Sub().set(y0)
          f.get(rt).i32Load(0).set(i0)
          f.get(rt).i32Load(4).set(i1)
          f.inc(rt, 8)
          load(f, geom, 'colTable').set(ct)
          f.for(
            ow,
            () => f.i32Const(0),
            () => load(f, geom, 'outW'),
            1,
            () => {
              f.get(ow)
              load(f, geom, 'strideW').i32Mul()
              load(f, geom, 'padW').i32Sub().set(x0)
              f.get(ct).i32Load(0).set(j0)
              f.get(ct).i32Load(4).set(j1)
              f.inc(ct, 8)
              window({ base, o, y0, x0, i0, i1, j0, j1, width })
              f.inc(o, 1)
            },
          )
        },
      )
    },
  )
}

/** Pushes the averaging divisor: `kernelH·kernelW`, or the live taps `(i1 − i0)·(j1 − j0)`. */
function divisor(
  f: FunctionBuilder,
  geom: number,
  includePad: number,
  w: { i0: number; i1: number; j0: number; j1: number },
): void {
  load(f, geom, 'kernelH')
  load(f, geom, 'kernelW').i32Mul()
  f.get(w.i1).get(w.i0).i32Sub().get(w.j1).get(w.j0).i32Sub().i32Mul()
  f.get(includePad).select()
}

/**
 * `maxPool(input, out, indices, geom, p0, count)`: window maxima and the in-plane position of the
 * first maximum (a NaN takes the window; −1 for a window entirely in the padding). Four
 * neighbouring windows whose taps all lie inside the row run at once in SIMD lanes (strided
 * taps gathered with a shuffle for stride 2, lane by lane for larger strides); the others run
 * one at a time. Selects are branch-free: the comparisons depend on the data.
 */
function emitMaxPool(mod: ModuleBuilder): void {
  const f = mod.func('maxPool', [I32, I32, I32, I32, I32, I32])
  const [input, out, indices, geom, p0, p1] = [0, 1, 2, 3, 4, 5]
  const [p, oh, ow, base, o, y0, x0, i0, i1, j0, j1, width, planeBytes, rt] = f.locals(14)
  const [i, j, row, at, pos, dH, dW, take, sW, sWB, kW, lo, hi, outW] = f.locals(14)
  f.get(p0).get(p1).i32Add().set(p1)
  const best = f.local(F32)
  const v = f.local(F32)
  const [bestV, atV, vV, lanes, takeV] = [0, 1, 2, 3, 4].map(() => f.local(V128)) as [
    number,
    number,
    number,
    number,
    number,
  ]
  load(f, geom, 'width').set(width)
  load(f, geom, 'height').get(width).i32Mul().i32Const(2).i32Shl().set(planeBytes)
  load(f, geom, 'dilationH').set(dH)
  load(f, geom, 'dilationW').set(dW)
  load(f, geom, 'strideW').set(sW)
  f.get(sW).i32Const(2).i32Shl().set(sWB)
  load(f, geom, 'kernelW').set(kW)
  load(f, geom, 'outW').set(outW)
  load(f, geom, 'interiorStart').set(lo)
  load(f, geom, 'interiorEnd').set(hi)
  // Position offsets of the four lanes: 0, s, 2s, 3s.
  f.v128ConstI32([0, 1, 2, 3]).get(sW).i32x4Splat().i32x4Mul().set(lanes)
  f.get(p0)
  load(f, geom, 'outH').i32Mul().get(outW).i32Mul().set(o)
  const rowPos = (ii: number) =>
    f.get(y0).get(ii).get(dH).i32Mul().i32Add().get(width).i32Mul().get(x0).i32Add()
  const tapAddress = () => f.get(base).get(pos).i32Const(2).i32Shl().i32Add()
  const scalarWindow = () => {
    f.get(ow).get(sW).i32Mul()
    load(f, geom, 'padW').i32Sub().set(x0)
    load(f, geom, 'colTable').get(ow).i32Const(3).i32Shl().i32Add().set(j0)
    f.get(j0).i32Load(4).set(j1)
    f.get(j0).i32Load(0).set(j0)
    f.f32Const(Number.NEGATIVE_INFINITY).set(best)
    f.i32Const(-1).set(at)
    f.when(
      () => f.get(i0).get(i1).i32LtS().get(j0).get(j1).i32LtS().i32And(),
      () => {
        // Start from the first live tap; a larger value or a NaN takes the window.
        rowPos(i0).get(j0).get(dW).i32Mul().i32Add().tee(at).set(pos)
        tapAddress().f32Load().set(best)
        f.for(
          i,
          () => f.get(i0),
          () => f.get(i1),
          1,
          () => {
            rowPos(i).set(row)
            f.for(
              j,
              () => f.get(j0),
              () => f.get(j1),
              1,
              () => {
                f.get(row).get(j).get(dW).i32Mul().i32Add().set(pos)
                tapAddress().f32Load().set(v)
                f.get(v).get(best).f32Gt().get(v).get(v).f32Ne().i32Or().set(take)
                f.get(v).get(best).get(take).select().set(best)
                f.get(pos).get(at).get(take).select().set(at)
              },
            )
          },
        )
      },
    )
    addr(f, out, o).get(best).f32Store()
    addr(f, indices, o).get(at).i32Store()
    f.inc(o, 1)
  }
  // Taps at `pos` of four windows `sW` apart, into vV.
  const loadTaps = () => {
    f.when(
      () => f.get(sW).i32Const(1).i32Eq(),
      () => tapAddress().v128Load().set(vV),
      () =>
        f.when(
          () => f.get(sW).i32Const(2).i32Eq(),
          () => {
            tapAddress().v128Load()
            tapAddress().v128Load(16)
            f.i8x16Shuffle([0, 1, 2, 3, 8, 9, 10, 11, 16, 17, 18, 19, 24, 25, 26, 27]).set(vV)
          },
          () => {
            tapAddress().f32Load().f32x4Splat()
            for (let lane = 1; lane < 4; lane++) {
              f.get(pos).get(sW).i32Const(lane).i32Mul().i32Add().i32Const(2).i32Shl()
              f.get(base).i32Add().f32Load().f32x4ReplaceLane(lane)
            }
            f.set(vV)
          },
        ),
    )
  }
  const vectorWindows = () => {
    f.get(ow).get(sW).i32Mul()
    load(f, geom, 'padW').i32Sub().set(x0)
    f.f32Const(Number.NEGATIVE_INFINITY).f32x4Splat().set(bestV)
    f.i32Const(-1).i32x4Splat().set(atV)
    f.when(
      () => f.get(i0).get(i1).i32LtS(),
      () => {
        rowPos(i0).set(pos)
        loadTaps()
        f.get(vV).set(bestV)
        f.get(pos).i32x4Splat().get(lanes).i32x4Add().set(atV)
        f.for(
          i,
          () => f.get(i0),
          () => f.get(i1),
          1,
          () => {
            rowPos(i).set(row)
            f.for(
              j,
              () => f.i32Const(0),
              () => f.get(kW),
              1,
              () => {
                f.get(row).get(j).get(dW).i32Mul().i32Add().set(pos)
                loadTaps()
                f.get(vV).get(bestV).f32x4Gt().get(vV).get(vV).f32x4Ne().v128Or().set(takeV)
                f.get(vV).get(bestV).get(takeV).v128Bitselect().set(bestV)
                f.get(pos).i32x4Splat().get(lanes).i32x4Add().get(atV).get(takeV).v128Bitselect()
                f.set(atV)
              },
            )
          },
        )
      },
    )
    addr(f, out, o).get(bestV).v128Store()
    addr(f, indices, o).get(atV).v128Store()
    f.inc(o, 4)
  }
  f.for(
    p,
    () => f.get(p0),
    () => f.get(p1),
    1,
    () => {
      f.get(input).get(p).get(planeBytes).i32Mul().i32Add().set(base)
      load(f, geom, 'rowTable').set(rt)
      f.for(
        oh,
        () => f.i32Const(0),
        () => load(f, geom, 'outH'),
        1,
        () => {
          f.get(oh)
          load(f, geom, 'strideH').i32Mul()
          load(f, geom, 'padH').i32Sub().set(y0)
          f.get(rt).i32Load(0).set(i0)
          f.get(rt).i32Load(4).set(i1)
          f.inc(rt, 8)
          f.i32Const(0).set(ow)
          f.while(
            () => f.get(ow).get(lo).i32LtS(),
            () => {
              scalarWindow()
              f.inc(ow, 1)
            },
          )
          f.while(
            () => f.get(ow).i32Const(4).i32Add().get(hi).i32LeS(),
            () => {
              vectorWindows()
              f.inc(ow, 4)
            },
          )
          // A ragged end of the interior: redo the last four interior windows as one vector
          // (rewriting some outputs with the same values) rather than one at a time.
          f.when(
            () => f.get(ow).get(hi).i32LtS().get(hi).get(lo).i32Sub().i32Const(4).i32GeS().i32And(),
            () => {
              f.get(o).get(ow).i32Sub().get(hi).i32Add().i32Const(4).i32Sub().set(o)
              f.get(hi).i32Const(4).i32Sub().set(ow)
              vectorWindows()
              f.inc(ow, 4)
            },
          )
          f.while(
            () => f.get(ow).get(outW).i32LtS(),
            () => {
              scalarWindow()
              f.inc(ow, 1)
            },
          )
        },
      )
    },
  )
}

/**
 * Adds the pooling kernels to `mod`, each over the `count` planes from plane `p0` so threads
 * split the planes:
 * - `maxPool(input, out, indices, geom, p0, count)` and
 *   `maxPoolBackward(gOut, indices, gIn, geom, p0, count)` (`+=`);
 * - `avgPool(input, out, geom, p0, count, countIncludePad)` and
 *   `avgPoolBackward(gOut, gIn, geom, p0, count, countIncludePad)` (`+=`);
 * with the semantics of the `Backend` pooling entries.
 */
export function emitPoolKernels(mod: ModuleBuilder): void {
  emitMaxPool(mod)

  {
    const f = mod.func('maxPoolBackward', [I32, I32, I32, I32, I32, I32])
    const [gOut, indices, gIn, geom, p0, p1] = [0, 1, 2, 3, 4, 5]
    const [p, q, o, end, at, plane, planeBytes] = f.locals(7)
    f.get(p0).get(p1).i32Add().set(p1)
    load(f, geom, 'outH')
    load(f, geom, 'outW').i32Mul().set(end)
    load(f, geom, 'height')
    load(f, geom, 'width').i32Mul().i32Const(2).i32Shl().set(planeBytes)
    f.for(
      p,
      () => f.get(p0),
      () => f.get(p1),
      1,
      () => {
        f.get(gIn).get(p).get(planeBytes).i32Mul().i32Add().set(plane)
        f.get(p).get(end).i32Mul().set(o)
        f.for(
          q,
          () => f.i32Const(0),
          () => f.get(end),
          1,
          () => {
            addr(f, indices, o).i32Load().set(at)
            f.when(
              () => f.get(at).i32Const(0).i32GeS(),
              () => {
                addr(f, plane, at).set(at)
                f.get(at).get(at).f32Load()
                addr(f, gOut, o).f32Load()
                f.f32Add().f32Store()
              },
            )
            f.inc(o, 1)
          },
        )
      },
    )
  }

  {
    const f = mod.func('avgPool', [I32, I32, I32, I32, I32, I32])
    const [input, out, geom, p0, p1, includePad] = [0, 1, 2, 3, 4, 5]
    const [i, j, row, dH, dW, den] = f.locals(6)
    const s = f.local(F32)
    load(f, geom, 'dilationH').set(dH)
    load(f, geom, 'dilationW').set(dW)
    emitWindows(f, geom, p0, p1, (w) => {
      f.f32Const(0).set(s)
      f.for(
        i,
        () => f.get(w.i0),
        () => f.get(w.i1),
        1,
        () => {
          f.get(w.y0).get(i).get(dH).i32Mul().i32Add().get(w.width).i32Mul().get(w.x0).i32Add()
          f.i32Const(2).i32Shl().get(w.base).i32Add().get(input).i32Add().set(row)
          f.for(
            j,
            () => f.get(w.j0),
            () => f.get(w.j1),
            1,
            () => {
              f.get(s).get(row).get(j).get(dW).i32Mul().i32Const(2).i32Shl().i32Add().f32Load()
              f.f32Add().set(s)
            },
          )
        },
      )
      divisor(f, geom, includePad, w)
      f.set(den)
      addr(f, out, w.o)
      f.get(s).get(den).f32ConvertI32S().f32Div()
      f.f32Const(0)
      f.get(den).i32Const(0).i32GtS().select()
      f.f32Store()
    })
  }

  {
    const f = mod.func('avgPoolBackward', [I32, I32, I32, I32, I32, I32])
    const [gOut, gIn, geom, p0, p1, includePad] = [0, 1, 2, 3, 4, 5]
    const [i, j, row, dH, dW, den, at] = f.locals(7)
    const g = f.local(F32)
    load(f, geom, 'dilationH').set(dH)
    load(f, geom, 'dilationW').set(dW)
    emitWindows(f, geom, p0, p1, (w) => {
      divisor(f, geom, includePad, w)
      f.set(den)
      f.when(
        () => f.get(den).i32Const(0).i32GtS(),
        () => {
          addr(f, gOut, w.o).f32Load().get(den).f32ConvertI32S().f32Div().set(g)
          f.for(
            i,
            () => f.get(w.i0),
            () => f.get(w.i1),
            1,
            () => {
              f.get(w.y0).get(i).get(dH).i32Mul().i32Add().get(w.width).i32Mul().get(w.x0).i32Add()
              f.i32Const(2).i32Shl().get(w.base).i32Add().get(gIn).i32Add().set(row)
              f.for(
                j,
                () => f.get(w.j0),
                () => f.get(w.j1),
                1,
                () => {
                  f.get(row).get(j).get(dW).i32Mul().i32Const(2).i32Shl().i32Add().set(at)
                  f.get(at).get(at).f32Load().get(g).f32Add().f32Store()
                },
              )
            },
          )
        },
      )
    })
  }
}
