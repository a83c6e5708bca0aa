import {
  DTypeError,
  formatShape,
  getBackend,
  type ParamTree,
  ShapeError,
  StateError,
  type Storage,
} from '@knack/core'
import { sameShape } from './param-tree'

/**
 * Adds each update to its parameter in place, outside the graph: `p ← p + u` (Optax's
 * `apply_updates`). Every update is checked before any parameter changes, so a bad tree
 * leaves all parameters as they were. Parameters without an update are left alone.
 */
export function applyUpdates(params: Readonly<ParamTree>, updates: Readonly<ParamTree>): void {
  for (const name in updates) {
    const param = params[name]
    const update = updates[name]!
    if (param === undefined) {
      throw new StateError(
        'applyUpdates',
        `update for ${name}, which is not a parameter`,
        'apply updates to the parameters they were computed for',
      )
    }
    if (param.dtype !== 'float32' || update.dtype !== 'float32') {
      throw new DTypeError(
        'applyUpdates',
        `${name}: parameter is ${param.dtype} and update is ${update.dtype}, both must be float32`,
        'optimize float32 parameters only',
      )
    }
    if (!sameShape(param.shape, update.shape)) {
      throw new ShapeError(
        'applyUpdates',
        `${name}: update of shape ${formatShape(update.shape)} for a parameter of shape ${formatShape(param.shape)}`,
        'give each parameter an update of its own shape',
      )
    }
  }
  for (const name in updates) addInto(params[name]!.data, updates[name]!.data)
}

/**
 * `p ← p + u`, elementwise and in place on the active backend, over float32 arrays of equal
 * length (parameters and updates are checked to be float32 before).
 */
export function addInto(p: Storage, u: Storage): void {
  getBackend().addScaled(p as Float32Array, u as Float32Array, 1)
}
