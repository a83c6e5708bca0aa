/**
 * Layout of the control block at the start of a shared wasm memory: one slot of
 * `SLOT_WORDS` int32 words per worker. The caller writes the kernel number and its arguments,
 * then bumps `seq`; the worker runs the kernel and stores `seq` into `done` (its negation when
 * the kernel threw). `ready` turns 1 once the worker has instantiated the module; `seq` set to
 * `STOP` ends the worker.
 */
export const CONTROL = {
  seq: 0,
  done: 1,
  kernel: 2,
  argc: 3,
  args: 4,
  ready: 31,
} as const

/** Int32 words per worker slot. */
export const SLOT_WORDS = 32
/** Most arguments one job can carry. */
export const MAX_ARGS = CONTROL.ready - CONTROL.args
/** Bytes of the control block (and the most workers it serves). */
export const CONTROL_BYTES = 4096
export const MAX_WORKERS = CONTROL_BYTES / (4 * SLOT_WORDS)
/** The `seq` value that ends a worker. */
export const STOP = -1
/** Polls of its `seq` word a worker makes before it sleeps in `Atomics.wait`. */
export const WORKER_SPINS = 20000

/**
 * Source of a kernel worker, started from a string so that it works from the ESM and CJS
 * builds and in browsers alike. It receives `{ module, memory, slot, kernels }`, instantiates
 * the kernel module on the shared memory, then serves jobs from its control slot until `STOP`.
 */
export const WORKER_SOURCE = `'use strict';
(() => {
  const C = ${JSON.stringify(CONTROL)};
  const SLOT = ${SLOT_WORDS}, STOP = ${STOP}, SPINS = ${WORKER_SPINS};
  const node = typeof process === 'object' && typeof require === 'function';
  const port = node ? require('worker_threads').parentPort : self;
  const start = (msg) => {
    const { module, memory, slot, kernels } = msg;
    const instance = new WebAssembly.Instance(module, { env: { memory } });
    const fns = kernels.map((name) => instance.exports[name]);
    const ctl = new Int32Array(memory.buffer, 0, ${CONTROL_BYTES / 4});
    const base = slot * SLOT;
    const args = [];
    let seen = 0;
    Atomics.store(ctl, base + C.ready, 1);
    for (;;) {
      let spins = 0;
      while (Atomics.load(ctl, base + C.seq) === seen) {
        if (++spins > SPINS) Atomics.wait(ctl, base + C.seq, seen);
      }
      seen = Atomics.load(ctl, base + C.seq);
      if (seen === STOP) break;
      const argc = ctl[base + C.argc];
      args.length = argc;
      for (let i = 0; i < argc; i++) args[i] = ctl[base + C.args + i];
      let status = seen;
      try {
        fns[ctl[base + C.kernel]](...args);
      } catch {
        status = -seen;
      }
      Atomics.store(ctl, base + C.done, status);
      Atomics.notify(ctl, base + C.done);
    }
    if (!node) self.close();
  };
  if (node) port.once('message', start);
  else self.onmessage = (e) => { self.onmessage = null; start(e.data); };
})();
`
