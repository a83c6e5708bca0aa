import { ArgumentError } from '../errors'
import type { Backend } from './backend'
import { jsBackend } from './js/js-backend'
import { wasmSimdSupported } from './wasm/simd-support'
import { createWasmBackend } from './wasm/wasm-backend'

const registered = new Map<string, Backend>([[jsBackend.name, jsBackend]])
let chosen: Backend | null = null
let probed = false
let envError: ArgumentError | null = null

/**
 * On first use, registers the backends this platform supports (`wasm` where WebAssembly SIMD
 * validates; a failure to start it leaves `js`) and applies the `KNACK_BACKEND` environment
 * variable (Node), which chooses a backend by name as {@link setBackend} does. An unknown
 * `KNACK_BACKEND` or a malformed `KNACK_THREADS` fails every {@link getBackend} until a backend
 * is chosen with {@link setBackend}.
 */
function probe(): void {
  if (probed) return
  probed = true
  if (!registered.has('wasm') && wasmSimdSupported()) {
    try {
      registerBackend(createWasmBackend())
    } catch (error) {
      // A bad KNACK_THREADS is the user's to fix; a platform that validated SIMD but could not
      // start the backend stays on js.
      if (error instanceof ArgumentError) envError = error
    }
  }
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process
    ?.env?.KNACK_BACKEND
  if (env === undefined || env === '' || chosen !== null || envError !== null) return
  const backend = registered.get(env)
  if (backend !== undefined) chosen = backend
  else {
    envError = new ArgumentError(
      'KNACK_BACKEND',
      `unknown backend '${env}'`,
      `available backends: ${listBackends().join(', ')}; unset KNACK_BACKEND for automatic selection`,
    )
  }
}

/** Names of the registered backends, in registration order (`js` first). */
export function listBackends(): string[] {
  probe()
  return [...registered.keys()]
}

/**
 * Makes `backend` available to {@link setBackend}; when none was chosen explicitly, the
 * registered backend with the highest `priority` runs, so a faster backend registered where
 * the platform supports it is picked up automatically.
 */
export function registerBackend(backend: Backend): void {
  if (typeof backend.name !== 'string' || backend.name === '') {
    throw new ArgumentError('registerBackend', 'the backend has no name', 'give it a unique name')
  }
  const existing = registered.get(backend.name)
  if (existing !== undefined && existing !== backend) {
    throw new ArgumentError(
      'registerBackend',
      `a different backend named '${backend.name}' is already registered`,
      `pick another name; registered: ${listBackends().join(', ')}`,
    )
  }
  registered.set(backend.name, backend)
}

/**
 * The backend ops run on: the one chosen by {@link setBackend} (or `KNACK_BACKEND`), else the
 * registered backend with the highest priority (`wasm` where supported, else `js`).
 */
export function getBackend(): Backend {
  if (chosen !== null) return chosen
  probe()
  if (chosen !== null) return chosen
  if (envError !== null) throw envError
  let best = jsBackend
  for (const b of registered.values()) if (b.priority > best.priority) best = b
  return best
}

/**
 * Chooses the backend every op runs on, by name or by object (an object is registered first).
 * Returns the backend that was active before, so a caller can restore it.
 */
export function setBackend(nameOrBackend: string | Backend): Backend {
  probe()
  const previous = chosen ?? (envError === null ? getBackend() : jsBackend)
  if (typeof nameOrBackend === 'string') {
    const backend = registered.get(nameOrBackend)
    if (backend === undefined) {
      throw new ArgumentError(
        'setBackend',
        `unknown backend '${nameOrBackend}'`,
        `available backends: ${listBackends().join(', ')}`,
      )
    }
    chosen = backend
  } else {
    registerBackend(nameOrBackend)
    chosen = nameOrBackend
  }
  return previous
}
