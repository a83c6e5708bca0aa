import { ArgumentError } from '@knack/core'

/** Throws unless `value` is an integer ≥ `min` (a feature, channel or class count). @internal */
export function requireInteger(op: string, name: string, value: number, min: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new ArgumentError(op, `${name} must be an integer ≥ ${min}, got ${value}`)
  }
}

/** Throws unless `value` is a finite number (a slope, margin or threshold). @internal */
export function requireFinite(op: string, name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ArgumentError(op, `${name} must be a finite number, got ${value}`)
  }
}
