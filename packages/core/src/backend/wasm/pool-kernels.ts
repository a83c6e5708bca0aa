import { F32, type FunctionBuilder, I32, type ModuleBuilder } from './assembler'
import { GEOMETRY } from './conv-kernels'

function load(f: FunctionBuilder, geom: number, name: keyof typeof GEOMETRY): FunctionBuilder {
  return f.get(geom).i32Load(4 * GEOMETRY[name])
}

/** Pushes `base + 4·index` for two i32 locals. */
function addr(f: FunctionBuilder, base: number, index: number): FunctionBuilder {
  return f.get(base).get(index).i32Const(2).i32Shl().i32Add()
}

/**
 * The window walk of the pooling kernels over planes `[p0, p1)`: `rowTable` holds the live tap
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
 * Adds the pooling kernels to `mod`, each over planes `[p0, p1)` so threads split the planes:
 * - `maxPool(input, out, indices, geom, p0, p1)` and
 *   `maxPoolBackward(gOut, indices, gIn, geom, p0, p1)` (`+=`);
 * - `avgPool(input, out, geom, p0, p1, countIncludePad)` and
 *   `avgPoolBackward(gOut, gIn, geom, p0, p1, countIncludePad)` (`+=`);
 * with the semantics of the `Backend` pooling entries.
 */
export function emitPoolKernels(mod: ModuleBuilder): void {
  {
    const f = mod.func('maxPool', [I32, I32, I32, I32, I32, I32])
    const [input, out, indices, geom, p0, p1] = [0, 1, 2, 3, 4, 5]
    const [i, j, y, at, pos, dH, dW] = f.locals(7)
    const best = f.local(F32)
    const v = f.local(F32)
    load(f, geom, 'dilationH').set(dH)
    load(f, geom, 'dilationW').set(dW)
    emitWindows(f, geom, p0, p1, (w) => {
      f.f32Const(Number.NEGATIVE_INFINITY).set(best)
      f.i32Const(-1).set(at)
      f.for(
        i,
        () => f.get(w.i0),
        () => f.get(w.i1),
        1,
        () => {
          f.get(w.y0).get(i).get(dH).i32Mul().i32Add().get(w.width).i32Mul().get(w.x0).i32Add().set(y)
          f.for(
            j,
            () => f.get(w.j0),
            () => f.get(w.j1),
            1,
            () => {
              f.get(y).get(j).get(dW).i32Mul().i32Add().set(pos)
              f.get(w.base).get(input).i32Add().get(pos).i32Const(2).i32Shl().i32Add().f32Load().set(v)
              // A larger value, a NaN, or the first live tap takes the window.
              f.when(
                () => {
                  f.get(v).get(best).f32Gt()
                  f.get(v).get(v).f32Ne().i32Or()
                  f.get(at).i32Const(0).i32LtS().i32Or()
                },
                () => {
                  f.get(v).set(best)
                  f.get(pos).set(at)
                },
              )
            },
          )
        },
      )
      addr(f, out, w.o).get(best).f32Store()
      addr(f, indices, w.o).get(at).i32Store()
    })
  }

  {
    const f = mod.func('maxPoolBackward', [I32, I32, I32, I32, I32, I32])
    const [gOut, indices, gIn, geom, p0, p1] = [0, 1, 2, 3, 4, 5]
    const [p, q, o, end, at, plane, planeBytes] = f.locals(7)
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
