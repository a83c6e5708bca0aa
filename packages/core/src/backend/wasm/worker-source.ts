/**
 * Layout of the control block at the start of a shared wasm memory (int32 word indices).
 *
 * One job at a time: the caller writes the job (kernel number, argument vectors, chunking)
 * into the job words, then posts it to each worker's `state` word. A job is `chunks` calls of
 * one kernel; chunk `c` run by participant `t` (0 = the caller, worker slot `s` = `s + 1`)
 * gets arguments `base[i] + c·perChunk[i] + t·perThread[i]`, and, at `countIndex` (when ≥ 0),
 * the chunk's share `min(chunk, total − c·chunk)` of `total` items. Participants claim
 * chunks from `next` with `Atomics.add` until none is left.
 *
 * A worker's state is `seq·8 + phase`: POSTED when a job is waiting, RUNNING once the worker
 * claimed it (compare-and-swap), DONE when it finished, CANCELLED when the caller finished
 * every chunk before the worker woke up (the caller then does not wait for it); a FAILED
 * phase reports a kernel that threw. `ready` turns 1 once the worker instantiated the module.
 * After each chunk `c` it ran, a worker writes the job's sequence number to `done + c`, so that
 * the caller can use the chunk's results before the whole job ends.
 */
export const CONTROL = {
  /** Start of the worker slots, `SLOT_WORDS` words each: `state` then `ready`. */
  slots: 0,
  state: 0,
  ready: 1,
  /** The job words. */
  kernel: 512,
  argc: 513,
  countIndex: 514,
  chunk: 515,
  total: 516,
  chunks: 517,
  /** The chunk counter, on a cache line of its own. */
  next: 528,
  base: 544,
  perChunk: 576,
  perThread: 608,
  /** Per chunk, the sequence number of the last job whose chunk finished on a worker. */
  done: 640,
} as const

/** Phases of a worker's state word. */
export const PHASE = { done: 0, posted: 1, running: 2, cancelled: 3, failed: 4 } as const
/** Int32 words per worker slot (one 64-byte cache line). */
export const SLOT_WORDS = 16
/** Most arguments one kernel call can carry. */
export const MAX_ARGS = CONTROL.perChunk - CONTROL.base
/** Bytes of the control block. */
export const CONTROL_BYTES = 4096
/** Most chunks one job can have. */
export const MAX_CHUNKS = CONTROL_BYTES / 4 - CONTROL.done
/** Most workers the slots serve. */
export const MAX_WORKERS = CONTROL.kernel / SLOT_WORDS
/** Polls of its state a worker makes before it sleeps in `Atomics.wait` (again after a wake). */
export const WORKER_SPINS = 20000
/** The sequence number that ends a worker (sequence numbers stay below it). */
export const STOP_SEQ = 0x0fffffff

/**
 * Source of a kernel worker, started from a string so that it works from the ESM and CJS
 * builds and in browsers alike. It receives `{ module, memory, slot, kernels }`, instantiates
 * the kernel module on the shared memory, then serves jobs posted to its slot until a job
 * with sequence number `STOP_SEQ`.
 */
export const WORKER_SOURCE = `'use strict';
(() => {
  const C = ${JSON.stringify(CONTROL)};
  const P = ${JSON.stringify(PHASE)};
  const SLOT = ${SLOT_WORDS}, SPINS = ${WORKER_SPINS}, STOP = ${STOP_SEQ};
  const node = typeof process === 'object' && typeof self === 'undefined';
  const threads = !node ? null
    : typeof require === 'function' ? require('worker_threads')
    : process.getBuiltinModule('worker_threads');
  const port = node ? threads.parentPort : self;
  const start = (msg) => {
    const { module, memory, slot, kernels } = msg;
    const instance = new WebAssembly.Instance(module, { env: { memory } });
    const fns = kernels.map((name) => instance.exports[name]);
    const ctl = new Int32Array(memory.buffer, 0, ${CONTROL_BYTES / 4});
    const state = C.slots + slot * SLOT + C.state;
    const t = slot + 1;
    const args = [];
    let seen = Atomics.load(ctl, state);
    Atomics.store(ctl, C.slots + slot * SLOT + C.ready, 1);
    for (;;) {
      let spins = 0;
      let s;
      while ((s = Atomics.load(ctl, state)) === seen || (s & 7) !== P.posted) {
        seen = s;
        if (++spins > SPINS) {
          Atomics.wait(ctl, state, s);
          spins = 0;
        }
      }
      seen = s;
      if (s >>> 3 === STOP) break;
      if (Atomics.compareExchange(ctl, state, s, s - P.posted + P.running) !== s) continue;
      let phase = P.done;
      try {
        const fn = fns[ctl[C.kernel]], argc = ctl[C.argc], countIndex = ctl[C.countIndex];
        const chunk = ctl[C.chunk], total = ctl[C.total], chunks = ctl[C.chunks];
        args.length = argc;
        for (let c; (c = Atomics.add(ctl, C.next, 1)) < chunks; ) {
          for (let i = 0; i < argc; i++) {
            args[i] = ctl[C.base + i] + c * ctl[C.perChunk + i] + t * ctl[C.perThread + i];
          }
          if (countIndex >= 0) args[countIndex] = Math.min(chunk, total - c * chunk);
          fn(...args);
          Atomics.store(ctl, C.done + c, s >>> 3);
        }
      } catch {
        phase = P.failed;
      }
      seen = s - P.posted + phase;
      Atomics.store(ctl, state, seen);
      Atomics.notify(ctl, state);
    }
    if (!node) self.close();
  };
  if (node) port.once('message', start);
  else self.onmessage = (e) => { self.onmessage = null; start(e.data); };
})();
`
