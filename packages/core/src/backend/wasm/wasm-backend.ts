import { ArgumentError, StateError } from '../../errors'
import type { AdamStepOptions, Backend, Conv2dGeometry, MatmulOptions, Window2d } from '../backend'
import { jsMatmul } from '../js/matmul'
import { gemmBlocking, gemmWorkspaceBytes } from './gemm-kernel'
import { geometryWords, writeGeometry } from './geometry-block'
import { KERNELS, type Kernel, type KernelName, kernelModuleBytes } from './kernel-module'
import { wasmRelaxedSimdSupported, wasmSimdSupported } from './simd-support'
import { type ChunkedJob, type JobHooks, runChunks, ThreadPool } from './thread-pool'
import { WasmHeap } from './wasm-heap'
import { CONTROL_BYTES, MAX_CHUNKS } from './worker-source'

/** Options of {@link createWasmBackend}. */
export interface WasmBackendOptions {
  /**
   * Threads to use, the calling one included (default: `KNACK_THREADS` when set, else the
   * number of cores, at most 8). Values above 1 need shared WebAssembly memory (Node, or a
   * cross-origin isolated page) and fall back to 1 without it.
   */
  threads?: number
  /** Name to register under (default `wasm`). */
  name?: string
  /**
   * Multiply-add with relaxed-SIMD `f32x4.relaxed_madd` in the GEMM micro-kernel (fused where
   * the hardware has FMA: up to twice the throughput, and results that differ from separate
   * multiplies and adds in the last bits). Default: where the platform supports it.
   */
  fma?: boolean
}

/** The `wasm` backend: a {@link Backend} plus control over its worker threads. */
export interface WasmBackend extends Backend {
  /** Threads started, the calling one included, whether or not their workers are ready yet. */
  readonly poolSize: number
  /** Whether the GEMM micro-kernel uses relaxed-SIMD fused multiply-adds. */
  readonly fma: boolean
  /** Resolves once every worker thread can take work (at once without threads). */
  whenReady(): Promise<void>
  /** Ends the worker threads; the backend then runs single-threaded. */
  terminate(): void
}

// Products with fewer multiply-adds than this run on the js reference (copying costs more),
// and a thread joins a kernel only for at least this much work of its own.
const SMALL_MACS = 2048
const MACS_PER_THREAD = 1 << 18
// A product split over threads runs in this many chunks per thread, claimed dynamically.
const GEMM_CHUNKS_PER_THREAD = 3
const ELEMENTS_PER_THREAD = 1 << 15
// The weight gradient of a convolution splits the batch into this many chunks at most,
// whatever the thread count, so that the per-chunk partial gradients always add up in the
// same order; the other convolution kernels take one image per chunk (the finest balance).
const CONV_CHUNKS = 16
const MAX_DEFAULT_THREADS = 8
// The elementwise kernels stream their operands through wasm memory in chunks of this many
// elements, so that each chunk's copy in, kernel pass and copy out stay in cache.
const STREAM_CHUNK = 1 << 12
// Largest memory, in 64 KiB pages: 2 GiB keeps every byte address a positive i32 (the kernels
// compare addresses signed); a shared memory falls back to 1 GiB where 2 GiB cannot be reserved.
const MAX_PAGES = 32768
const SHARED_MAXIMA = [MAX_PAGES, 16384]

function envValue(name: string): string | undefined {
  const proc = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process
  return proc?.env?.[name]
}

/** Calls `step(start, count)` for consecutive chunks of at most `chunk` of `length` items. */
function inChunks(length: number, chunk: number, step: (start: number, count: number) => void) {
  for (let start = 0; start < length; start += chunk) step(start, Math.min(chunk, length - start))
}

function hardwareThreads(): number {
  const g = globalThis as {
    process?: { getBuiltinModule?: (id: string) => unknown }
    navigator?: { hardwareConcurrency?: number }
  }
  const os = g.process?.getBuiltinModule?.('os') as
    | { availableParallelism?: () => number; cpus?: () => unknown[] }
    | undefined
  const count =
    os?.availableParallelism?.() ?? os?.cpus?.().length ?? g.navigator?.hardwareConcurrency ?? 1
  return Math.max(1, Math.min(MAX_DEFAULT_THREADS, count))
}

/** Threads requested by the options, else `KNACK_THREADS`, else the hardware. */
function requestedThreads(options: WasmBackendOptions): number {
  if (options.threads !== undefined) {
    if (!Number.isInteger(options.threads) || options.threads < 1) {
      throw new ArgumentError(
        'createWasmBackend',
        `threads must be a positive integer, got ${options.threads}`,
        'pass 1 for single-threaded kernels',
      )
    }
    return options.threads
  }
  const env = envValue('KNACK_THREADS')
  if (env !== undefined && env !== '') {
    const n = Number(env)
    if (!Number.isInteger(n) || n < 1) {
      throw new ArgumentError(
        'createWasmBackend',
        `KNACK_THREADS must be a positive integer, got '${env}'`,
        'set KNACK_THREADS=1 for single-threaded kernels',
      )
    }
    return n
  }
  return hardwareThreads()
}

interface Runtime {
  memory: WebAssembly.Memory
  module: WebAssembly.Module
  pool: ThreadPool | null
}

/** A shared memory and a pool of `threads − 1` workers, or null where threads are unavailable. */
function threadedRuntime(threads: number, fma: boolean): Runtime | null {
  if (threads < 2 || typeof SharedArrayBuffer !== 'function') return null
  for (const maximum of SHARED_MAXIMA) {
    let memory: WebAssembly.Memory
    try {
      memory = new WebAssembly.Memory({ initial: 1, maximum, shared: true })
    } catch {
      continue
    }
    const module = new WebAssembly.Module(kernelModuleBytes(true, maximum, fma))
    let pool: ThreadPool | null = null
    try {
      pool = ThreadPool.start(module, memory, KERNELS, threads - 1)
    } catch {
      // Workers could not start here (a restricted or partial worker implementation).
    }
    return pool === null ? null : { memory, module, pool }
  }
  return null
}

/**
 * Creates a WebAssembly SIMD128 backend: GEMM with packed panels and a register-blocked
 * micro-kernel, im2col/col2im convolution and pooling, generated at run time by a small
 * assembler. Operands are copied into a reused, growable wasm memory and results copied back,
 * so tensors keep their JS-owned storage; the elementwise kernels (ReLU and its gradient, the
 * Adam step, scaling, `y + α·x`, the finiteness test) stream through it in cache-sized chunks
 * on the calling thread, so that each byte crosses main memory once each way. With more than
 * one thread, the other kernels split their rows, batch, images or planes over worker threads
 * sharing that memory, synchronised with `Atomics`; threads start in the background and join
 * as soon as they are ready.
 * @see https://github.com/WebAssembly/simd/blob/main/proposals/simd/SIMD.md
 */
export function createWasmBackend(options: WasmBackendOptions = {}): WasmBackend {
  if (!wasmSimdSupported()) {
    throw new StateError(
      'createWasmBackend',
      'this platform does not support WebAssembly SIMD128',
      "use the 'js' backend",
    )
  }
  const requested = requestedThreads(options)
  const fma = (options.fma ?? true) && wasmRelaxedSimdSupported()
  const runtime: Runtime = threadedRuntime(requested, fma) ?? {
    memory: new WebAssembly.Memory({ initial: 1, maximum: MAX_PAGES }),
    module: new WebAssembly.Module(kernelModuleBytes(false, MAX_PAGES, fma)),
    pool: null,
  }
  const { memory, pool } = runtime
  const instance = new WebAssembly.Instance(runtime.module, { env: { memory } })
  const kernels = {} as Record<KernelName, Kernel>
  for (const name of KERNELS) kernels[name] = instance.exports[name] as Kernel
  const poolSize = 1 + (pool?.size ?? 0)
  // Per-thread GEMM workspaces sit after the control block; the heap starts after them.
  const blocking = gemmBlocking()
  const workspaceBytes = Math.ceil(gemmWorkspaceBytes(blocking) / 64) * 64
  const heap = new WasmHeap(memory, CONTROL_BYTES + poolSize * workspaceBytes)
  const workspace = (t: number) => CONTROL_BYTES + t * workspaceBytes
  let poolAlive = pool !== null

  /** Ready worker slots worth using for a kernel of `work` units (at least `perThread` each). */
  const helpers = (work: number, perThread: number): number[] => {
    if (!poolAlive || pool === null) return []
    const wanted = Math.min(poolSize, Math.floor(work / perThread)) - 1
    return wanted > 0 ? pool.readySlots().slice(0, wanted) : []
  }

  /** Lets sleeping workers start polling while this thread copies the operands of a job in. */
  const wakeHelpers = () => {
    if (poolAlive) pool?.wake()
  }

  /** Runs the chunks of `job` on this thread and on the workers in `slots`. */
  const run = (name: KernelName, job: ChunkedJob, slots: readonly number[], hooks?: JobHooks) => {
    const kernel = kernels[name]
    const call = (args: number[]) => kernel(...args)
    if (slots.length === 0 || pool === null) {
      runChunks(job, call, hooks)
      return
    }
    try {
      pool.run(KERNELS.indexOf(name), job, slots, call, hooks)
    } catch (error) {
      poolAlive = false
      throw error
    }
  }

  /**
   * A job over `total` items in `chunks` chunks: `base` arguments, each chunk advancing them
   * by `perItem` times its first item, each thread by `perThread`; `countIndex` gets the count.
   */
  const job = (
    base: number[],
    total: number,
    chunks: number,
    countIndex: number,
    perItem: Record<number, number>,
    perThread: Record<number, number>,
  ): ChunkedJob => {
    const chunk = Math.ceil(total / Math.max(1, Math.min(chunks, total, MAX_CHUNKS)))
    const vector = (deltas: Record<number, number>, scale: number) =>
      base.map((_, i) => (deltas[i] ?? 0) * scale)
    return {
      base,
      perChunk: vector(perItem, chunk),
      perThread: vector(perThread, 1),
      countIndex,
      chunk,
      total,
      chunks: Math.ceil(total / chunk),
    }
  }

  /** Allocates and fills the geometry block of `w` for a convolution or a pooling kernel. */
  const geometry = (w: Window2d, conv: boolean, groups = 1, outChannels = 0): number => {
    const at = heap.alloc(4 * geometryWords(w, conv))
    writeGeometry(heap.i32, at, w, conv, groups, outChannels)
    return at
  }

  /**
   * A {@link job} over `total` rows or columns in chunks of whole micro-tiles (`tile` of them),
   * `GEMM_CHUNKS_PER_THREAD` per thread; `perItem` advances the arguments per row or column.
   */
  const tiles = (
    base: number[],
    total: number,
    tile: number,
    threads: number,
    countIndex: number,
    perItem: Record<number, number>,
    perThread: Record<number, number>,
  ): ChunkedJob => {
    const perTile: Record<number, number> = {}
    for (const [i, d] of Object.entries(perItem)) perTile[Number(i)] = d * tile
    const chunks = GEMM_CHUNKS_PER_THREAD * threads
    const byTile = job(base, Math.ceil(total / tile), chunks, countIndex, perTile, perThread)
    return { ...byTile, total, chunk: byTile.chunk * tile }
  }

  const matmul = (a: Float32Array, b: Float32Array, out: Float32Array, o: MatmulOptions) => {
    const { m, n, k } = o
    const batch = o.batch ?? 1
    if (m <= 0 || n <= 0 || batch <= 0) return
    if (m * n * k * batch < SMALL_MACS) {
      jsMatmul(a, b, out, o)
      return
    }
    const transA = o.transA ?? false
    const transB = o.transB ?? false
    const strideA = o.strideA ?? m * k
    const strideB = o.strideB ?? k * n
    const strideOut = o.strideOut ?? m * n
    const accumulate = o.accumulate ?? false
    heap.reset()
    // A is copied in last: where threads pack B first, while they start on it.
    const lengthA = (batch - 1) * strideA + m * k
    const pa = heap.alloc(4 * lengthA)
    const offsetA = o.offsetA ?? 0
    const copyA = () => heap.f32.set(a.subarray(offsetA, offsetA + lengthA), pa >> 2)
    const pb = heap.copyIn(b, o.offsetB ?? 0, (batch - 1) * strideB + k * n)
    const outLength = (batch - 1) * strideOut + m * n
    // Gaps between strided results must survive the copy back.
    const pc =
      accumulate || strideOut > m * n
        ? heap.copyIn(out, o.offsetOut ?? 0, outLength)
        : heap.alloc(4 * outLength)
    const aI = transA ? 1 : k
    const aP = transA ? m : 1
    const bP = transB ? 1 : n
    const bJ = transB ? k : 1
    const acc = accumulate ? 1 : 0
    // gemmBatch(a, aI, aP, strideA, b, bP, bJ, strideB, c, ldc, strideC, m, n, k, acc,
    //           count, work, packedB)
    const base = [pa, aI, aP, strideA, pb, bP, bJ, strideB, pc, n, strideOut, m, n, k, acc]
    base.push(batch, workspace(0), 0)
    const perThread = { 16: workspaceBytes }
    const slots = helpers(m * n * k * batch, MACS_PER_THREAD)
    const threads = 1 + slots.length
    const { mr, nrv } = blocking
    const nr = 4 * nrv
    let plan: ChunkedJob
    let copiedA = false
    let splitRows = false
    if (threads === 1) {
      plan = job(base, 1, 1, -1, {}, perThread)
    } else if (batch >= 2 * threads && strideOut >= m * n) {
      // Independent results: chunks of whole products.
      const perItem = { 0: 4 * strideA, 4: 4 * strideB, 8: 4 * strideOut }
      plan = job(base, batch, GEMM_CHUNKS_PER_THREAD * threads, 15, perItem, perThread)
    } else if (Math.ceil(m / mr) >= 2 * threads) {
      // Chunks of rows (multiples of the micro-tile height): A and C move down, and one B
      // packed up front serves every chunk when the batch shares it.
      if (batch === 1 || strideB === 0) {
        base[17] = heap.alloc(4 * k * Math.ceil(n / nr) * nr)
        // packB(b, bP, bJ, n, k, dst, j0, count), its columns split over the threads too.
        const pack = [pb, bP, bJ, n, k, base[17], 0, n]
        run('packB', tiles(pack, n, nr, threads, 7, { 6: 1 }, {}), slots, { first: copyA })
        copiedA = true
      }
      plan = tiles(base, m, mr, threads, 11, { 0: 4 * aI, 8: 4 * n }, perThread)
      splitRows = true
    } else {
      // Chunks of columns (multiples of the micro-tile width): B and C move right.
      plan = tiles(base, n, nr, threads, 12, { 4: 4 * bJ, 8: 4 }, perThread)
    }
    if (!copiedA) copyA()
    const offsetOut = o.offsetOut ?? 0
    if (!splitRows || batch > 1) {
      run('gemmBatch', plan, slots)
      heap.copyOut(pc, out, offsetOut, outLength)
      return
    }
    // One product split by rows: the rows of each chunk are copied out as soon as it is done,
    // while the other chunks still run.
    const rowChunk = plan.chunk
    const copyOut = (c: number) => {
      const rows = Math.min(rowChunk, m - c * rowChunk)
      heap.copyOut(pc + 4 * c * rowChunk * n, out, offsetOut + c * rowChunk * n, rows * n)
    }
    run('gemmBatch', plan, slots, { done: copyOut })
  }

  const convSizes = (g: Conv2dGeometry) => {
    const L = g.outH * g.outW
    const K = (g.channels / g.groups) * g.kernelH * g.kernelW
    return { L, K, imageSize: g.channels * g.height * g.width }
  }

  /**
   * The threads for a convolution of `work` multiply-adds and the byte address of one column
   * buffer per thread (`colBytes` apart).
   */
  const convThreads = (g: Conv2dGeometry, work: number) => {
    const slots = helpers(work, MACS_PER_THREAD)
    const colBytes = 4 * g.channels * g.kernelH * g.kernelW * g.outH * g.outW
    const cols = heap.alloc(colBytes * (1 + slots.length))
    return { slots, cols, colBytes }
  }

  /**
   * Copies the operands of a convolution into the heap and runs it there; returns the byte
   * address of its output `[batch, outChannels, outH, outW]`.
   */
  const convForwardInHeap = (
    input: Float32Array,
    weight: Float32Array,
    bias: Float32Array | null,
    g: Conv2dGeometry,
  ): number => {
    const { L, K, imageSize } = convSizes(g)
    const px = heap.copyIn(input, 0, g.batch * imageSize)
    const pw = heap.copyIn(weight, 0, g.outChannels * K)
    const pb = bias === null ? 0 : heap.copyIn(bias, 0, g.outChannels)
    const outLength = g.batch * g.outChannels * L
    const po = heap.alloc(4 * outLength)
    const geom = geometry(g, true, g.groups, g.outChannels)
    const { slots, cols, colBytes } = convThreads(g, outLength * K)
    // convForward(x, w, bias, out, geom, n0, count, col, work)
    const base = [px, pw, pb, po, geom, 0, g.batch, cols, workspace(0)]
    const perThread = { 7: colBytes, 8: workspaceBytes }
    run('convForward', job(base, g.batch, g.batch, 6, { 5: 1 }, perThread), slots)
    return po
  }

  const conv2d = (
    input: Float32Array,
    weight: Float32Array,
    bias: Float32Array | null,
    out: Float32Array,
    g: Conv2dGeometry,
  ) => {
    wakeHelpers()
    heap.reset()
    const po = convForwardInHeap(input, weight, bias, g)
    heap.copyOut(po, out, 0, g.batch * g.outChannels * g.outH * g.outW)
  }

  /**
   * The gradients of a convolution from its output gradient already in the heap at `pg`; the
   * input and weight are copied in as the requested gradients need them.
   */
  const convBackwardInHeap = (
    pg: number,
    input: Float32Array,
    weight: Float32Array,
    gradInput: Float32Array | null,
    gradWeight: Float32Array | null,
    gradBias: Float32Array | null,
    g: Conv2dGeometry,
  ) => {
    const { L, K, imageSize } = convSizes(g)
    const outLength = g.batch * g.outChannels * L
    const geom = geometry(g, true, g.groups, g.outChannels)
    if (gradInput !== null) {
      const pw = heap.copyIn(weight, 0, g.outChannels * K)
      const pgx = heap.alloc(4 * g.batch * imageSize)
      const { slots, cols, colBytes } = convThreads(g, outLength * K)
      // convBackwardInput(gOut, w, gIn, geom, n0, count, col, work)
      const base = [pg, pw, pgx, geom, 0, g.batch, cols, workspace(0)]
      const perThread = { 6: colBytes, 7: workspaceBytes }
      run('convBackwardInput', job(base, g.batch, g.batch, 5, { 4: 1 }, perThread), slots)
      heap.copyOut(pgx, gradInput, 0, g.batch * imageSize)
    }
    if (gradWeight !== null || gradBias !== null) {
      const px = gradWeight === null ? 0 : heap.copyIn(input, 0, g.batch * imageSize)
      const { slots, cols, colBytes } = convThreads(g, gradWeight === null ? 0 : outLength * K)
      const weightLength = g.outChannels * K
      // One partial gradient per chunk, so the sums do not depend on the thread count.
      const chunks = Math.min(g.batch, CONV_CHUNKS)
      const gw = gradWeight === null ? 0 : heap.zeros(weightLength * chunks)
      const gb = gradBias === null ? 0 : heap.zeros(g.outChannels * chunks)
      // convBackwardWeight(gOut, x, gW, gB, geom, n0, count, col, work)
      const base = [pg, px, gw, gb, geom, 0, g.batch, cols, workspace(0)]
      const plan = job(base, g.batch, chunks, 6, { 5: 1 }, { 7: colBytes, 8: workspaceBytes })
      plan.perChunk = plan.perChunk.map((d, i) =>
        i === 2 && gw !== 0 ? 4 * weightLength : i === 3 && gb !== 0 ? 4 * g.outChannels : d,
      )
      run('convBackwardWeight', plan, slots)
      const partials = (at: number, length: number) =>
        Array.from({ length: plan.chunks }, (_, c) => at + 4 * c * length)
      // Sum the per-chunk partial gradients in chunk order.
      const f32 = heap.f32
      const reduce = (partials: number[], dst: Float32Array, length: number) => {
        heap.copyOut(partials[0]!, dst, 0, length)
        for (let t = 1; t < partials.length; t++) {
          const base = partials[t]! >> 2
          for (let i = 0; i < length; i++) dst[i]! += f32[base + i]!
        }
      }
      if (gradWeight !== null) reduce(partials(gw, weightLength), gradWeight, weightLength)
      if (gradBias !== null) reduce(partials(gb, g.outChannels), gradBias, g.outChannels)
    }
  }

  const conv2dBackward = (
    gradOut: Float32Array,
    input: Float32Array,
    weight: Float32Array,
    gradInput: Float32Array | null,
    gradWeight: Float32Array | null,
    gradBias: Float32Array | null,
    g: Conv2dGeometry,
  ) => {
    wakeHelpers()
    heap.reset()
    const pg = heap.copyIn(gradOut, 0, g.batch * g.outChannels * g.outH * g.outW)
    convBackwardInHeap(pg, input, weight, gradInput, gradWeight, gradBias, g)
  }

  const im2col = (image: Float32Array, imageOffset: number, col: Float32Array, w: Window2d) => {
    heap.reset()
    const size = w.channels * w.height * w.width
    const colLength = w.channels * w.kernelH * w.kernelW * w.outH * w.outW
    const pi = heap.copyIn(image, imageOffset, size)
    const pc = heap.alloc(4 * colLength)
    kernels.im2col(pi, pc, geometry(w, true))
    heap.copyOut(pc, col, 0, colLength)
  }

  const col2im = (col: Float32Array, image: Float32Array, imageOffset: number, w: Window2d) => {
    heap.reset()
    const size = w.channels * w.height * w.width
    const colLength = w.channels * w.kernelH * w.kernelW * w.outH * w.outW
    const pc = heap.copyIn(col, 0, colLength)
    const pi = heap.copyIn(image, imageOffset, size)
    kernels.col2im(pc, pi, geometry(w, true))
    heap.copyOut(pi, image, imageOffset, size)
  }

  /**
   * Runs pooling kernel `name(...before, p0, count, ...after)` over every plane of `w`, in
   * chunks of planes.
   */
  const pool2d = (name: KernelName, w: Window2d, before: number[], after: number[] = []) => {
    const slots = helpers(w.channels * w.outH * w.outW * w.kernelH * w.kernelW, ELEMENTS_PER_THREAD)
    const base = [...before, 0, w.channels, ...after]
    const at = before.length
    run(name, job(base, w.channels, 4 * (1 + slots.length), at + 1, { [at]: 1 }, {}), slots)
  }

  /** Max-pools the planes at `pin` in the heap; returns the addresses of maxima and indices. */
  const maxPoolInHeap = (pin: number, w: Window2d) => {
    const outLength = w.channels * w.outH * w.outW
    const pout = heap.alloc(4 * outLength)
    const pidx = heap.alloc(4 * outLength)
    pool2d('maxPool', w, [pin, pout, pidx, geometry(w, false)])
    return { pout, pidx, outLength }
  }

  // The pooling gradients overwrite gradInput: it starts as zeros in wasm memory (not copied
  // in) and the kernels accumulate onto it.

  /** Max-pool gradient from `pg` and `pidx` in the heap; returns the address of gradInput. */
  const maxPoolBackwardInHeap = (pg: number, pidx: number, w: Window2d): number => {
    const pgx = heap.zeros(w.channels * w.height * w.width)
    pool2d('maxPoolBackward', w, [pg, pidx, pgx, geometry(w, false)])
    return pgx
  }

  const maxPool2d = (input: Float32Array, out: Float32Array, indices: Int32Array, w: Window2d) => {
    heap.reset()
    const pin = heap.copyIn(input, 0, w.channels * w.height * w.width)
    const { pout, pidx, outLength } = maxPoolInHeap(pin, w)
    heap.copyOut(pout, out, 0, outLength)
    heap.copyOut(pidx, indices, 0, outLength)
  }

  const maxPool2dBackward = (
    gradOut: Float32Array,
    indices: Int32Array,
    gradInput: Float32Array,
    w: Window2d,
  ) => {
    heap.reset()
    const outLength = w.channels * w.outH * w.outW
    const pg = heap.copyIn(gradOut, 0, outLength)
    const pidx = heap.copyIn(indices, 0, outLength)
    const pgx = maxPoolBackwardInHeap(pg, pidx, w)
    heap.copyOut(pgx, gradInput, 0, w.channels * w.height * w.width)
  }

  // The convolution block keeps the convolution's output and its gradient in the heap: only
  // the pooled maxima, their indices and their gradient cross to JS.
  const conv2dReluMaxPool2d = (
    input: Float32Array,
    weight: Float32Array,
    bias: Float32Array | null,
    out: Float32Array,
    indices: Int32Array,
    g: Conv2dGeometry,
    pool: Window2d,
  ) => {
    wakeHelpers()
    heap.reset()
    const pz = convForwardInHeap(input, weight, bias, g)
    const { pout, pidx, outLength } = maxPoolInHeap(pz, pool)
    kernels.relu(pout, pout, outLength)
    heap.copyOut(pout, out, 0, outLength)
    heap.copyOut(pidx, indices, 0, outLength)
  }

  const conv2dReluMaxPool2dBackward = (
    gradOut: Float32Array,
    out: Float32Array,
    indices: Int32Array,
    input: Float32Array,
    weight: Float32Array,
    gradInput: Float32Array | null,
    gradWeight: Float32Array | null,
    gradBias: Float32Array | null,
    g: Conv2dGeometry,
    pool: Window2d,
  ) => {
    wakeHelpers()
    heap.reset()
    const outLength = pool.channels * pool.outH * pool.outW
    const pg = heap.copyIn(gradOut, 0, outLength)
    const py = heap.copyIn(out, 0, outLength)
    kernels.reluBackward(pg, py, pg, outLength)
    const pidx = heap.copyIn(indices, 0, outLength)
    const pgz = maxPoolBackwardInHeap(pg, pidx, pool)
    convBackwardInHeap(pgz, input, weight, gradInput, gradWeight, gradBias, g)
  }

  const avgPool2d = (
    input: Float32Array,
    out: Float32Array,
    w: Window2d,
    countIncludePad: boolean,
  ) => {
    heap.reset()
    const inLength = w.channels * w.height * w.width
    const outLength = w.channels * w.outH * w.outW
    const pin = heap.copyIn(input, 0, inLength)
    const pout = heap.alloc(4 * outLength)
    const geom = geometry(w, false)
    const pad = countIncludePad ? 1 : 0
    pool2d('avgPool', w, [pin, pout, geom], [pad])
    heap.copyOut(pout, out, 0, outLength)
  }

  const avgPool2dBackward = (
    gradOut: Float32Array,
    gradInput: Float32Array,
    w: Window2d,
    countIncludePad: boolean,
  ) => {
    heap.reset()
    const inLength = w.channels * w.height * w.width
    const outLength = w.channels * w.outH * w.outW
    const pg = heap.copyIn(gradOut, 0, outLength)
    const pgx = heap.zeros(inLength)
    const geom = geometry(w, false)
    const pad = countIncludePad ? 1 : 0
    pool2d('avgPoolBackward', w, [pg, pgx, geom], [pad])
    heap.copyOut(pgx, gradInput, 0, inLength)
  }

  /**
   * Streams equal-length `sources` through wasm memory in chunks of `STREAM_CHUNK` values: each
   * chunk of every source is copied in, `kernel(pointers, count)` runs on the copies, and the
   * copy of source `i` goes back out into `targets[i]` where that is not null.
   */
  const stream = (
    sources: readonly Float32Array[],
    targets: readonly (Float32Array | null)[],
    kernel: (pointers: readonly number[], count: number) => void,
  ) => {
    heap.reset()
    const length = sources[0]!.length
    const pointers = sources.map(() => heap.alloc(4 * Math.min(length, STREAM_CHUNK)))
    inChunks(length, STREAM_CHUNK, (start, count) => {
      for (const [i, source] of sources.entries()) heap.write(pointers[i]!, source, start, count)
      kernel(pointers, count)
      for (const [i, target] of targets.entries()) {
        if (target !== null) heap.copyOut(pointers[i]!, target, start, count)
      }
    })
  }

  const relu = (x: Float32Array, out: Float32Array) =>
    stream([x], [out], ([px], count) => kernels.relu(px!, px!, count))

  const reluBackward = (g: Float32Array, y: Float32Array, dx: Float32Array) =>
    stream([g, y], [dx, null], ([pg, py], count) => kernels.reluBackward(pg!, py!, pg!, count))

  const adam = (
    g: Float32Array,
    m: Float32Array,
    v: Float32Array,
    vMax: Float32Array | null,
    o: AdamStepOptions,
  ) => {
    const coefficients = [o.beta1, 1 - o.beta1, o.beta2, 1 - o.beta2, o.scale, o.eps]
    const buffers = vMax === null ? [g, m, v] : [g, m, v, vMax]
    stream(buffers, buffers, ([pg, pm, pv, pMax], count) =>
      kernels.adam(pg!, pm!, pv!, pMax ?? 0, count, ...coefficients),
    )
  }

  const scale = (x: Float32Array, factor: number) =>
    stream([x], [x], ([px], count) => kernels.scale(px!, count, factor))

  const addScaled = (y: Float32Array, x: Float32Array, alpha: number) =>
    stream([y, x], [y, null], ([py, px], count) => kernels.addScaled(py!, px!, count, alpha))

  const allFinite = (x: Float32Array) => {
    let finite = true
    stream([x], [null], ([px], count) => {
      if (finite && kernels.allFinite(px!, count) === 0) finite = false
    })
    return finite
  }

  return {
    name: options.name ?? 'wasm',
    priority: 10,
    get threads() {
      return poolAlive && pool !== null ? 1 + pool.readySlots().length : 1
    },
    poolSize,
    fma,
    whenReady: () => (pool === null ? Promise.resolve() : pool.whenReady()),
    terminate: () => {
      poolAlive = false
      pool?.terminate()
    },
    matmul,
    im2col,
    col2im,
    conv2d,
    conv2dBackward,
    conv2dReluMaxPool2d,
    conv2dReluMaxPool2dBackward,
    maxPool2d,
    maxPool2dBackward,
    avgPool2d,
    avgPool2dBackward,
    relu,
    reluBackward,
    adam,
    scale,
    addScaled,
    allFinite,
  }
}
