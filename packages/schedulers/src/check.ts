import { ArgumentError } from '@knack/core'

/** Throws unless `value` is a finite number. @internal */
export function checkFinite(op: string, name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ArgumentError(op, `${name} must be a finite number, got ${String(value)}`)
  }
}

/** Throws unless `value` is a finite number above zero. @internal */
export function checkPositive(op: string, name: string, value: number): void {
  checkFinite(op, name, value)
  if (value <= 0) {
    throw new ArgumentError(op, `${name} must be positive, got ${value}`, `pass ${name} > 0`)
  }
}

/** Throws unless `value` is a finite number at or above zero. @internal */
export function checkNonNegative(op: string, name: string, value: number): void {
  checkFinite(op, name, value)
  if (value < 0) {
    throw new ArgumentError(op, `${name} must not be negative, got ${value}`, `pass ${name} >= 0`)
  }
}

/** Throws unless `value` is an integer at or above `min` (a count of steps). @internal */
export function checkInteger(op: string, name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) {
    throw new ArgumentError(
      op,
      `${name} must be an integer >= ${min}, got ${String(value)}`,
      `${name} counts steps; pass a whole number >= ${min}`,
    )
  }
}

/** Throws unless `lo <= value <= hi`. @internal */
export function checkRange(op: string, name: string, value: number, lo: number, hi: number): void {
  checkFinite(op, name, value)
  if (value < lo || value > hi) {
    throw new ArgumentError(op, `${name} must lie in [${lo}, ${hi}], got ${value}`)
  }
}

/** Throws unless `value` is one of `choices`. @internal */
export function checkChoice<T extends string>(
  op: string,
  name: string,
  value: T,
  choices: readonly T[],
): void {
  if (!choices.includes(value)) {
    throw new ArgumentError(
      op,
      `unknown ${name} ${JSON.stringify(value)}`,
      `use one of ${choices.map((c) => `'${c}'`).join(', ')}`,
    )
  }
}

/**
 * Throws unless `steps` are integers >= 0 in increasing order (strictly when `strict`).
 * @internal
 */
export function checkSortedSteps(
  op: string,
  name: string,
  steps: readonly number[],
  strict: boolean,
): void {
  for (let i = 0; i < steps.length; i++) {
    const s = steps[i]!
    checkInteger(op, `${name}[${i}]`, s, 0)
    if (i > 0 && (strict ? s <= steps[i - 1]! : s < steps[i - 1]!)) {
      throw new ArgumentError(
        op,
        `${name} must be ${strict ? 'strictly ' : ''}increasing, got [${steps.join(', ')}]`,
        `sort ${name}${strict ? ' and remove repeats' : ''}`,
      )
    }
  }
}
