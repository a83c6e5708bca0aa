let enabled = true

/** Whether operations currently record the autograd graph. */
export function isGradEnabled(): boolean {
  return enabled
}

/**
 * Runs `fn` without recording the autograd graph (like `torch.no_grad()`): results of
 * operations inside have `requiresGrad = false`. Restores the previous mode even on a throw.
 */
export function noGrad<T>(fn: () => T): T {
  const previous = enabled
  enabled = false
  try {
    return fn()
  } finally {
    enabled = previous
  }
}

/** Runs `fn` with graph recording switched on, even inside `noGrad`. */
export function enableGrad<T>(fn: () => T): T {
  const previous = enabled
  enabled = true
  try {
    return fn()
  } finally {
    enabled = previous
  }
}
