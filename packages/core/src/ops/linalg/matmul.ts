import { recordOp } from '../../autograd/graph'
import { getBackend } from '../../backend/registry'
import { expectDType } from '../../dtype'
import { ShapeError } from '../../errors'
import { broadcastShapes, formatShape, type Shape, sizeOf } from '../../shape'
import { Tensor } from '../../tensor'
import { broadcastStrides, walkBroadcast } from '../broadcast'

/** How one `matmul` call lays out its operands once 1-D operands are promoted to matrices. */
interface Plan {
  m: number
  k: number
  n: number
  batchA: Shape
  batchB: Shape
  batchOut: Shape
  outShape: number[]
}

function plan(a: Tensor, b: Tensor): Plan {
  const shapes = `${formatShape(a.shape)} x ${formatShape(b.shape)}`
  if (a.ndim === 0 || b.ndim === 0) {
    throw new ShapeError(
      'matmul',
      `both operands need at least 1 dimension, got ${shapes}`,
      'use mul to scale by a scalar',
    )
  }
  // A 1-D first operand is a row [1, k]; a 1-D second operand is a column [k, 1].
  const sa = a.ndim === 1 ? [1, a.shape[0]!] : a.shape
  const sb = b.ndim === 1 ? [b.shape[0]!, 1] : b.shape
  const m = sa[sa.length - 2]!
  const k = sa[sa.length - 1]!
  const kb = sb[sb.length - 2]!
  const n = sb[sb.length - 1]!
  if (k !== kb) {
    let help = `the last size of the first operand (${k}) must equal the second-to-last size of the second (${kb})`
    if (b.ndim > 1 && n === k) help = 'transpose the second operand?'
    else if (a.ndim > 1 && m === kb) help = 'transpose the first operand?'
    throw new ShapeError('matmul', `inner dimensions differ: ${shapes}`, help)
  }
  const batchA = sa.slice(0, -2)
  const batchB = sb.slice(0, -2)
  let batchOut: number[]
  try {
    batchOut = broadcastShapes('matmul', batchA, batchB)
  } catch {
    throw new ShapeError(
      'matmul',
      `batch dimensions do not broadcast: ${shapes}`,
      'the sizes before the last two must match or be 1, aligned from the right',
    )
  }
  const outShape = [...batchOut]
  if (a.ndim > 1) outShape.push(m)
  if (b.ndim > 1) outShape.push(n)
  return { m, k, n, batchA, batchB, batchOut, outShape }
}

/**
 * Visits runs of the broadcast batch: `count` consecutive output matrices from index `out`,
 * reading the matrices of A from index `ia` with step `da` and of B from `ib` with step `db`.
 */
function forEachRun(
  p: Plan,
  visit: (out: number, ia: number, ib: number, count: number, da: number, db: number) => void,
): void {
  walkBroadcast(
    p.batchOut,
    broadcastStrides(p.batchA, p.batchOut),
    broadcastStrides(p.batchB, p.batchOut),
    visit,
  )
}

/**
 * Matrix product with `torch.matmul` semantics: 1-D·1-D is a dot product, 2-D·2-D a matrix
 * product, a 1-D operand is promoted to a row (first) or column (second) matrix and the added
 * dimension removed, and leading batch dimensions broadcast.
 * `∂/∂A = G·Bᵀ`, `∂/∂B = Aᵀ·G`, summed over broadcast batch dimensions.
 * @see https://pytorch.org/docs/stable/generated/torch.matmul.html
 */
export function matmul(a: Tensor, b: Tensor): Tensor {
  expectDType('matmul', 'the first operand', a.dtype, 'float32')
  expectDType('matmul', 'the second operand', b.dtype, 'float32')
  const p = plan(a, b)
  const { m, k, n } = p
  const A = a.data as Float32Array
  const B = b.data as Float32Array
  const backend = getBackend()
  // When B is one matrix shared by the whole batch, the batch of A stacks into one tall matrix.
  const shared = sizeOf(p.batchB) === 1
  const rowsA = sizeOf(p.batchA) * m
  const out = new Float32Array(sizeOf(p.outShape))
  if (shared) {
    backend.matmul(A, B, out, { m: rowsA, n, k })
  } else {
    forEachRun(p, (o, ia, ib, count, da, db) => {
      backend.matmul(A, B, out, {
        m,
        n,
        k,
        batch: count,
        offsetA: ia * m * k,
        strideA: da * m * k,
        offsetB: ib * k * n,
        strideB: db * k * n,
        offsetOut: o * m * n,
      })
    })
  }
  return recordOp(new Tensor(out, p.outShape), 'matmul', [a, b], (grad) => {
    const G = grad.data as Float32Array
    const be = getBackend()
    let gradA: Tensor | null = null
    let gradB: Tensor | null = null
    if (a.requiresGrad) {
      const gA = new Float32Array(a.size)
      if (shared) {
        be.matmul(G, B, gA, { m: rowsA, n: k, k: n, transB: true })
      } else {
        forEachRun(p, (o, ia, ib, count, da, db) => {
          be.matmul(G, B, gA, {
            m,
            n: k,
            k: n,
            transB: true,
            batch: count,
            offsetA: o * m * n,
            strideA: m * n,
            offsetB: ib * k * n,
            strideB: db * k * n,
            offsetOut: ia * m * k,
            strideOut: da * m * k,
            accumulate: true,
          })
        })
      }
      gradA = new Tensor(gA, a.shape)
    }
    if (b.requiresGrad) {
      const gB = new Float32Array(b.size)
      if (shared) {
        be.matmul(A, G, gB, { m: k, n, k: rowsA, transA: true })
      } else {
        forEachRun(p, (o, ia, ib, count, da, db) => {
          be.matmul(A, G, gB, {
            m: k,
            n,
            k: m,
            transA: true,
            batch: count,
            offsetA: ia * m * k,
            strideA: da * m * k,
            offsetB: o * m * n,
            strideB: m * n,
            offsetOut: ib * k * n,
            strideOut: db * k * n,
            accumulate: true,
          })
        })
      }
      gradB = new Tensor(gB, b.shape)
    }
    return [gradA, gradB]
  })
}
