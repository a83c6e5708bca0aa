import type { Window2d } from '../backend'
import { GEOMETRY, GEOMETRY_WORDS } from './conv-kernels'

/** Int32 words of the geometry block of `w` with its tables (see {@link writeGeometry}). */
export function geometryWords(w: Window2d, conv: boolean): number {
  return GEOMETRY_WORDS + (conv ? w.kernelH * w.outH + 3 * w.kernelW : 2 * w.outH + 2 * w.outW)
}

/**
 * Writes the geometry block the convolution (`conv`) or pooling kernels read, at byte address
 * `at` of the memory seen through `i32`: the fields of {@link GEOMETRY}, then its tables.
 * Convolution: the image row of tap row `i` at output row `oh` (−1 in the padding), and per
 * tap column its offset `dx` and the output columns `[start, end)` whose tap lands inside the
 * row. Pooling: the live tap range `[start, end)` of every output row and column, and the run
 * of output columns whose taps all lie inside the input.
 */
export function writeGeometry(
  i32: Int32Array,
  at: number,
  w: Window2d,
  conv: boolean,
  groups: number,
  outChannels: number,
): void {
  const g = at >> 2
  const rows = g + GEOMETRY_WORDS
  const cols = rows + (conv ? w.kernelH * w.outH : 2 * w.outH)
  const fields: Record<keyof typeof GEOMETRY, number> = {
    channels: w.channels,
    height: w.height,
    width: w.width,
    kernelH: w.kernelH,
    kernelW: w.kernelW,
    strideH: w.strideH,
    strideW: w.strideW,
    padH: w.padH,
    padW: w.padW,
    dilationH: w.dilationH,
    dilationW: w.dilationW,
    outH: w.outH,
    outW: w.outW,
    groups,
    outChannels,
    rowTable: 4 * rows,
    colTable: 4 * cols,
    interiorStart: 0,
    interiorEnd: 0,
  }
  for (const key of Object.keys(fields) as (keyof typeof GEOMETRY)[]) {
    i32[g + GEOMETRY[key]] = fields[key]
  }
  if (conv) {
    for (let i = 0; i < w.kernelH; i++) {
      for (let oh = 0; oh < w.outH; oh++) {
        const y = oh * w.strideH - w.padH + i * w.dilationH
        i32[rows + i * w.outH + oh] = y >= 0 && y < w.height ? y : -1
      }
    }
    for (let j = 0; j < w.kernelW; j++) {
      const dx = j * w.dilationW - w.padW
      const start = Math.min(w.outW, Math.max(0, Math.ceil(-dx / w.strideW)))
      const end = Math.max(start, Math.min(w.outW, Math.ceil((w.width - dx) / w.strideW)))
      i32.set([dx, start, end], cols + 3 * j)
    }
    return
  }
  const ranges = (
    table: number,
    out: number,
    s: number,
    p: number,
    k: number,
    d: number,
    n: number,
  ) => {
    for (let o = 0; o < out; o++) {
      const origin = o * s - p
      const start = origin >= 0 ? 0 : Math.ceil(-origin / d)
      i32[table + 2 * o] = start
      i32[table + 2 * o + 1] = Math.max(start, Math.min(k, Math.ceil((n - origin) / d)))
    }
  }
  ranges(rows, w.outH, w.strideH, w.padH, w.kernelH, w.dilationH, w.height)
  ranges(cols, w.outW, w.strideW, w.padW, w.kernelW, w.dilationW, w.width)
  // The windows with every tap inside form one run of output columns.
  const full = (o: number) => i32[cols + 2 * o] === 0 && i32[cols + 2 * o + 1] === w.kernelW
  let start = 0
  while (start < w.outW && !full(start)) start++
  let end = start
  while (end < w.outW && full(end)) end++
  i32[g + GEOMETRY.interiorStart] = start
  i32[g + GEOMETRY.interiorEnd] = end
}
