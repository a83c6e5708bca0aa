import { StateError } from '../../errors'
import {
  CONTROL,
  CONTROL_BYTES,
  MAX_ARGS,
  MAX_CHUNKS,
  MAX_WORKERS,
  PHASE,
  SLOT_WORDS,
  STOP_SEQ,
  WORKER_SOURCE,
} from './worker-source'

/** The part of a Node `Worker` or a browser `Worker` the pool uses. */
interface WorkerHandle {
  postMessage(message: unknown): void
}

interface NodeWorkerThreads {
  Worker: new (
    source: string,
    options: { eval: boolean; execArgv: string[] },
  ) => WorkerHandle & { unref(): void; on(event: string, listener: (e: unknown) => void): void }
}

/**
 * One kernel call split into `chunks` calls: chunk `c` run by participant `t` (0 = the
 * caller) gets `base[i] + c·perChunk[i] + t·perThread[i]` as argument `i`, and at
 * `countIndex` (when ≥ 0) its share `min(chunk, total − c·chunk)` of `total` items.
 */
export interface ChunkedJob {
  base: readonly number[]
  perChunk: readonly number[]
  perThread: readonly number[]
  countIndex: number
  chunk: number
  total: number
  chunks: number
}

/**
 * What the calling thread does around a job besides its chunks: `first` before it takes any
 * (work the job does not depend on, overlapped with the workers' first chunks), and `done(c)`
 * once for every chunk `c`, as soon as it sees the chunk finished (its own right after running
 * it, the workers' between its own chunks or while it waits for them).
 */
export interface JobHooks {
  first?: () => void
  done?: (chunk: number) => void
}

/** Runs every chunk of `job` on this thread as participant 0. */
export function runChunks(
  job: ChunkedJob,
  call: (args: number[]) => void,
  hooks: JobHooks = {},
): void {
  hooks.first?.()
  for (let c = 0; c < job.chunks; c++) {
    call(chunkArgs(job, c, 0))
    hooks.done?.(c)
  }
}

function chunkArgs(job: ChunkedJob, c: number, t: number): number[] {
  const args = job.base.map((b, i) => b + c * job.perChunk[i]! + t * job.perThread[i]!)
  if (job.countIndex >= 0) args[job.countIndex] = Math.min(job.chunk, job.total - c * job.chunk)
  return args
}

// Polls of a worker's state the caller makes before it sleeps, and the longest it waits.
const CALLER_SPINS = 2000
const JOB_TIMEOUT_MS = 600_000

/**
 * Starts one worker from {@link WORKER_SOURCE}: a Node worker thread (unref'ed, so an idle pool
 * never keeps the process alive) where `process.getBuiltinModule` exists, else a browser
 * worker when the page is cross-origin isolated; `null` where neither is possible.
 */
function spawnWorker(onError: () => void): WorkerHandle | null {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process
  if (typeof proc?.getBuiltinModule === 'function') {
    const threads = proc.getBuiltinModule('worker_threads') as NodeWorkerThreads | undefined
    if (threads === undefined) return null
    // No inherited flags: `--input-type=module` or loader hooks must not reach the worker.
    const worker = new threads.Worker(WORKER_SOURCE, { eval: true, execArgv: [] })
    worker.unref()
    worker.on('error', onError)
    return worker
  }
  const g = globalThis as { crossOriginIsolated?: boolean; Worker?: unknown }
  if (g.crossOriginIsolated === true && typeof g.Worker === 'function') {
    const url = URL.createObjectURL(new Blob([WORKER_SOURCE], { type: 'text/javascript' }))
    const worker = new Worker(url)
    worker.onerror = onError
    return worker
  }
  return null
}

/** Whether this thread may block in `Atomics.wait` (not a browser's main thread). */
function canBlock(ctl: Int32Array): boolean {
  try {
    Atomics.wait(ctl, CONTROL.next, 12345, 0)
    return true
  } catch {
    return false
  }
}

/**
 * A pool of kernel workers sharing one wasm memory. The caller posts a {@link ChunkedJob} to
 * the ready workers and claims chunks itself; every participant takes the next chunk until
 * none is left, so a slow or descheduled thread does not hold the others up. A worker that
 * has not started by the time the caller ran out of chunks is cancelled, not awaited.
 */
export class ThreadPool {
  private readonly ctl: Int32Array
  private readonly blocking: boolean
  private workers = 0
  private seq = 0
  private broken = false

  private constructor(
    module: WebAssembly.Module,
    memory: WebAssembly.Memory,
    kernels: readonly string[],
    count: number,
  ) {
    this.ctl = new Int32Array(memory.buffer, 0, CONTROL_BYTES / 4)
    this.ctl.fill(0)
    this.blocking = canBlock(this.ctl)
    for (let slot = 0; slot < count; slot++) {
      const worker = spawnWorker(() => {
        this.broken = true
      })
      if (worker === null) break
      worker.postMessage({ module, memory, slot, kernels })
      this.workers++
    }
  }

  /**
   * Starts `workers` workers (at most {@link MAX_WORKERS}) on a shared memory whose first
   * {@link CONTROL_BYTES} bytes are reserved for the control block; `null` when this platform
   * cannot start any.
   */
  static start(
    module: WebAssembly.Module,
    memory: WebAssembly.Memory,
    kernels: readonly string[],
    workers: number,
  ): ThreadPool | null {
    const pool = new ThreadPool(module, memory, kernels, Math.min(workers, MAX_WORKERS))
    return pool.workers > 0 ? pool : null
  }

  /** Workers started (ready or not). */
  get size(): number {
    return this.workers
  }

  /** Slots of the workers that have instantiated the module and can take work now. */
  readySlots(): number[] {
    const slots: number[] = []
    if (this.broken) return slots
    for (let s = 0; s < this.workers; s++) {
      if (Atomics.load(this.ctl, CONTROL.slots + s * SLOT_WORDS + CONTROL.ready) === 1) {
        slots.push(s)
      }
    }
    return slots
  }

  /**
   * Wakes the workers that sleep in `Atomics.wait` without posting a job: they poll again for
   * a while, so that a job posted soon after (once the caller has copied its operands in) finds
   * them running instead of paying the wake-up latency inside the job.
   */
  wake(): void {
    if (this.broken) return
    for (let s = 0; s < this.workers; s++) {
      Atomics.notify(this.ctl, CONTROL.slots + s * SLOT_WORDS + CONTROL.state)
    }
  }

  /** Resolves once every worker is ready (or has failed, or after `timeoutMs`). */
  async whenReady(timeoutMs = 10_000): Promise<void> {
    const start = Date.now()
    while (this.readySlots().length < this.workers && Date.now() - start < timeoutMs) {
      if (this.broken) return
      await new Promise((resolve) => setTimeout(resolve, 2))
    }
  }

  /**
   * Runs kernel number `kernel` over the chunks of `job` on this thread (through `local`) and
   * on the workers in `slots`, with `hooks` on this thread; returns once every chunk is done.
   */
  run(
    kernel: number,
    job: ChunkedJob,
    slots: readonly number[],
    local: (args: number[]) => void,
    hooks: JobHooks = {},
  ): void {
    const ctl = this.ctl
    const argc = job.base.length
    if (argc > MAX_ARGS || job.chunks > MAX_CHUNKS) {
      throw new StateError(
        'wasm backend',
        `a kernel call has ${argc} arguments and ${job.chunks} chunks`,
        `at most ${MAX_ARGS} and ${MAX_CHUNKS}`,
      )
    }
    ctl[CONTROL.kernel] = kernel
    ctl[CONTROL.argc] = argc
    ctl[CONTROL.countIndex] = job.countIndex
    ctl[CONTROL.chunk] = job.chunk
    ctl[CONTROL.total] = job.total
    ctl[CONTROL.chunks] = job.chunks
    for (let i = 0; i < argc; i++) {
      ctl[CONTROL.base + i] = job.base[i]!
      ctl[CONTROL.perChunk + i] = job.perChunk[i]!
      ctl[CONTROL.perThread + i] = job.perThread[i]!
    }
    Atomics.store(ctl, CONTROL.next, 0)
    this.seq = this.seq + 1 >= STOP_SEQ ? 1 : this.seq + 1
    const posted = this.seq * 8 + PHASE.posted
    for (const s of slots) {
      const state = CONTROL.slots + s * SLOT_WORDS + CONTROL.state
      Atomics.store(ctl, state, posted)
      Atomics.notify(ctl, state)
    }
    let failure: unknown = null
    const seen = new Uint8Array(job.chunks)
    // Reports the chunks finished since the last look, until something failed.
    const collect = (own = -1) => {
      if (failure !== null || hooks.done === undefined) return
      try {
        for (let c = 0; c < job.chunks; c++) {
          if (seen[c] === 0 && (c === own || Atomics.load(ctl, CONTROL.done + c) === this.seq)) {
            seen[c] = 1
            hooks.done(c)
          }
        }
      } catch (error) {
        failure = error
        Atomics.store(ctl, CONTROL.next, job.chunks)
      }
    }
    try {
      hooks.first?.()
      for (let c: number; (c = Atomics.add(ctl, CONTROL.next, 1)) < job.chunks; ) {
        local(chunkArgs(job, c, 0))
        collect(c)
      }
    } catch (error) {
      failure = error
      Atomics.store(ctl, CONTROL.next, job.chunks)
    }
    let failed = false
    for (const s of slots) {
      const state = CONTROL.slots + s * SLOT_WORDS + CONTROL.state
      const cancelled = this.seq * 8 + PHASE.cancelled
      if (Atomics.compareExchange(ctl, state, posted, cancelled) === posted) continue
      if (this.await(state, this.seq, collect) === PHASE.failed) failed = true
    }
    if (!failed) collect()
    if (failure !== null) throw failure
    if (failed) {
      this.broken = true
      throw new StateError(
        'wasm backend',
        'a worker thread failed while running a kernel',
        'the pool is now disabled and kernels run on the calling thread; please report this',
      )
    }
  }

  /**
   * Waits until the worker at `state` finished job `seq`, calling `poll` while it spins;
   * returns the worker's final phase.
   */
  private await(state: number, seq: number, poll: () => void): number {
    const ctl = this.ctl
    let spins = 0
    const start = Date.now()
    for (;;) {
      const v = Atomics.load(ctl, state)
      if (v >>> 3 === seq && ((v & 7) === PHASE.done || (v & 7) === PHASE.failed)) return v & 7
      if (spins < CALLER_SPINS) poll()
      if (++spins > CALLER_SPINS) {
        if (this.blocking) Atomics.wait(ctl, state, v, 20)
        if (Date.now() - start > JOB_TIMEOUT_MS) {
          this.broken = true
          throw new StateError(
            'wasm backend',
            `a worker thread did not finish its job within ${JOB_TIMEOUT_MS / 1000} s`,
            "run with KNACK_THREADS=1 or setBackend('js')",
          )
        }
      }
    }
  }

  /** Ends every worker; the pool cannot be used afterwards. */
  terminate(): void {
    this.broken = true
    for (let s = 0; s < this.workers; s++) {
      const state = CONTROL.slots + s * SLOT_WORDS + CONTROL.state
      Atomics.store(this.ctl, state, STOP_SEQ * 8 + PHASE.posted)
      Atomics.notify(this.ctl, state)
    }
    this.workers = 0
  }
}
