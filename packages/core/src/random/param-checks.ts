import { ArgumentError } from '../errors'

/** Throws unless `value` is a finite number. @internal */
export function requireFinite(op: string, name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ArgumentError(op, `${name} must be a finite number, got ${value}`)
  }
}

/** Throws unless `value` is a finite number above zero. @internal */
export function requirePositive(op: string, name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new ArgumentError(op, `${name} must be a finite number above 0, got ${value}`)
  }
}
