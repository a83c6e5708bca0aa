import { ArgumentError } from '@knack/core'

/** Throws unless `value` is a finite number (a mean, bound or gain). @internal */
export function requireFinite(op: string, name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ArgumentError(op, `${name} must be a finite number, got ${String(value)}`)
  }
}

/** Throws unless `value` is a finite number ≥ 0 (a std or gain). @internal */
export function requireNonNegative(op: string, name: string, value: number): void {
  requireFinite(op, name, value)
  if (value < 0) throw new ArgumentError(op, `${name} must be ≥ 0, got ${value}`)
}
