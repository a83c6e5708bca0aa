import { ArgumentError } from '../errors'
import type { Backend } from './backend'
import { jsBackend } from './js/js-backend'

const registered = new Map<string, Backend>([[jsBackend.name, jsBackend]])
let chosen: Backend | null = null

/** Names of the registered backends, in registration order (`js` first). */
export function listBackends(): string[] {
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

/** The backend ops run on: the one chosen by {@link setBackend}, else the highest priority. */
export function getBackend(): Backend {
  if (chosen !== null) return chosen
  let best = jsBackend
  for (const b of registered.values()) if (b.priority > best.priority) best = b
  return best
}

/**
 * Chooses the backend every op runs on, by name or by object (an object is registered first).
 * Returns the backend that was active before, so a caller can restore it.
 */
export function setBackend(nameOrBackend: string | Backend): Backend {
  const previous = getBackend()
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
