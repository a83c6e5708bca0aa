import type { MatmulOptions } from '../backend'

// Block sizes: a packed B block (KC × NC floats, 256 KiB) stays in L2, a packed A block
// (MC × KC, 64 KiB) in L2 too, and the two 4-wide panels the micro-kernel reads (4 KiB
// each) in L1. Products smaller than SMALL multiply-adds skip packing.
const MC = 64
const KC = 256
const NC = 256
const SMALL = 16384

// Packing scratch, sized for the largest block (MC, NC and KC are multiples of 4).
const packedA = new Float32Array(MC * KC)
const packedB = new Float32Array(KC * NC)
const tile = new Float64Array(16)

/**
 * Reference batched matrix product `out (+)= op(A) · op(B)` in plain TypeScript.
 * Cache-blocked GEMM (Goto & van de Geijn): blocks of `A` and `B` are packed into 4-wide
 * panels so that a 4×4 register-tiled micro-kernel reads both with unit stride; the
 * transposition flags only change how the panels are packed.
 * @see https://doi.org/10.1145/1356052.1356053 (Goto & van de Geijn, Anatomy of
 * high-performance matrix multiplication)
 */
export function jsMatmul(
  a: Float32Array,
  b: Float32Array,
  out: Float32Array,
  options: MatmulOptions,
): void {
  const { m, n, k } = options
  const batch = options.batch ?? 1
  const transA = options.transA ?? false
  const transB = options.transB ?? false
  const strideA = options.strideA ?? m * k
  const strideB = options.strideB ?? k * n
  const strideOut = options.strideOut ?? m * n
  const offsetA = options.offsetA ?? 0
  const offsetB = options.offsetB ?? 0
  const offsetOut = options.offsetOut ?? 0
  const accumulate = options.accumulate ?? false
  for (let t = 0; t < batch; t++) {
    gemm(
      a,
      offsetA + t * strideA,
      transA,
      b,
      offsetB + t * strideB,
      transB,
      out,
      offsetOut + t * strideOut,
      m,
      n,
      k,
      accumulate,
    )
  }
}

function gemm(
  a: Float32Array,
  offA: number,
  transA: boolean,
  b: Float32Array,
  offB: number,
  transB: boolean,
  c: Float32Array,
  offC: number,
  m: number,
  n: number,
  k: number,
  accumulate: boolean,
): void {
  if (m === 0 || n === 0) return
  if (k === 0) {
    if (!accumulate) c.fill(0, offC, offC + m * n)
    return
  }
  // Element (i, p) of op(A) is a[offA + i·aI + p·aP]; element (p, j) of op(B) is b[offB + p·bP + j·bJ].
  const aI = transA ? 1 : k
  const aP = transA ? m : 1
  const bP = transB ? 1 : n
  const bJ = transB ? k : 1
  if (m * n * k <= SMALL) {
    for (let i = 0; i < m; i++) {
      const rowA = offA + i * aI
      const rowC = offC + i * n
      for (let j = 0; j < n; j++) {
        let s = 0
        let pa = rowA
        let pb = offB + j * bJ
        for (let p = 0; p < k; p++) {
          s += a[pa]! * b[pb]!
          pa += aP
          pb += bP
        }
        c[rowC + j] = accumulate ? c[rowC + j]! + s : s
      }
    }
    return
  }
  for (let jc = 0; jc < n; jc += NC) {
    const nb = Math.min(NC, n - jc)
    for (let pc = 0; pc < k; pc += KC) {
      const kb = Math.min(KC, k - pc)
      packPanels(b, offB + pc * bP + jc * bJ, bJ, bP, nb, kb, packedB)
      const add = accumulate || pc > 0
      for (let ic = 0; ic < m; ic += MC) {
        const mb = Math.min(MC, m - ic)
        packPanels(a, offA + ic * aI + pc * aP, aI, aP, mb, kb, packedA)
        for (let jr = 0; jr < nb; jr += 4) {
          const nr = Math.min(4, nb - jr)
          for (let ir = 0; ir < mb; ir += 4) {
            microKernel(kb, ir * kb, jr * kb)
            storeTile(c, offC + (ic + ir) * n + jc + jr, n, Math.min(4, mb - ir), nr, add)
          }
        }
      }
    }
  }
}

/**
 * Packs a `rows × depth` block (element (r, p) at `src[off + r·rowStride + p·depthStride]`)
 * into `dst` as panels of 4 rows, each stored depth-major (`panel[p·4 + r]`), zero-padding
 * the last.
 */
function packPanels(
  src: Float32Array,
  off: number,
  rowStride: number,
  depthStride: number,
  rows: number,
  depth: number,
  dst: Float32Array,
): void {
  let d = 0
  for (let r0 = 0; r0 < rows; r0 += 4) {
    const live = Math.min(4, rows - r0)
    const base = off + r0 * rowStride
    if (live === 4) {
      let s0 = base
      let s1 = base + rowStride
      let s2 = base + 2 * rowStride
      let s3 = base + 3 * rowStride
      for (let p = 0; p < depth; p++) {
        dst[d] = src[s0]!
        dst[d + 1] = src[s1]!
        dst[d + 2] = src[s2]!
        dst[d + 3] = src[s3]!
        d += 4
        s0 += depthStride
        s1 += depthStride
        s2 += depthStride
        s3 += depthStride
      }
    } else {
      for (let p = 0; p < depth; p++) {
        for (let r = 0; r < 4; r++) {
          dst[d + r] = r < live ? src[base + r * rowStride + p * depthStride]! : 0
        }
        d += 4
      }
    }
  }
}

/** 4×4 tile of the product of one packed A panel and one packed B panel, into `tile`. */
function microKernel(depth: number, pa: number, pb: number): void {
  const A = packedA
  const B = packedB
  let c00 = 0
  let c01 = 0
  let c02 = 0
  let c03 = 0
  let c10 = 0
  let c11 = 0
  let c12 = 0
  let c13 = 0
  let c20 = 0
  let c21 = 0
  let c22 = 0
  let c23 = 0
  let c30 = 0
  let c31 = 0
  let c32 = 0
  let c33 = 0
  const end = pa + 4 * depth
  while (pa < end) {
    const a0 = A[pa]!
    const a1 = A[pa + 1]!
    const a2 = A[pa + 2]!
    const a3 = A[pa + 3]!
    const b0 = B[pb]!
    const b1 = B[pb + 1]!
    const b2 = B[pb + 2]!
    const b3 = B[pb + 3]!
    c00 += a0 * b0
    c01 += a0 * b1
    c02 += a0 * b2
    c03 += a0 * b3
    c10 += a1 * b0
    c11 += a1 * b1
    c12 += a1 * b2
    c13 += a1 * b3
    c20 += a2 * b0
    c21 += a2 * b1
    c22 += a2 * b2
    c23 += a2 * b3
    c30 += a3 * b0
    c31 += a3 * b1
    c32 += a3 * b2
    c33 += a3 * b3
    pa += 4
    pb += 4
  }
  tile[0] = c00
  tile[1] = c01
  tile[2] = c02
  tile[3] = c03
  tile[4] = c10
  tile[5] = c11
  tile[6] = c12
  tile[7] = c13
  tile[8] = c20
  tile[9] = c21
  tile[10] = c22
  tile[11] = c23
  tile[12] = c30
  tile[13] = c31
  tile[14] = c32
  tile[15] = c33
}

/** Writes (or adds) the live `rows × cols` corner of `tile` into `c` at `off` (row stride `ldc`). */
function storeTile(
  c: Float32Array,
  off: number,
  ldc: number,
  rows: number,
  cols: number,
  add: boolean,
): void {
  for (let r = 0; r < rows; r++) {
    const o = off + r * ldc
    for (let j = 0; j < cols; j++) c[o + j] = add ? c[o + j]! + tile[r * 4 + j]! : tile[r * 4 + j]!
  }
}
