import { ArgumentError, type Generator } from '@knack/core'

/** One hyperparameter's range: continuous (linear or log scale), integer, or a set of choices. */
export type ParamSpec =
  | { kind: 'uniform'; low: number; high: number }
  | { kind: 'logUniform'; low: number; high: number }
  | { kind: 'int'; low: number; high: number }
  | { kind: 'choice'; values: readonly (number | string)[] }

/** Hyperparameter names and their ranges. */
export type SearchSpace = Record<string, ParamSpec>
/** A point of a search space. */
export type ParamValues = Record<string, number | string>

/** Uniform on [low, high]. */
export function uniformParam(low: number, high: number): ParamSpec {
  if (!(low < high))
    throw new ArgumentError('uniformParam', `need low < high, got [${low}, ${high}]`)
  return { kind: 'uniform', low, high }
}

/** Log-uniform on [low, high] (e.g. learning rates): uniform in log space. */
export function logUniformParam(low: number, high: number): ParamSpec {
  if (!(low > 0 && low < high)) {
    throw new ArgumentError(
      'logUniformParam',
      `need 0 < low < high, got [${low}, ${high}]`,
      'log scales need positive bounds',
    )
  }
  return { kind: 'logUniform', low, high }
}

/** An integer in [low, high]. */
export function intParam(low: number, high: number): ParamSpec {
  if (!Number.isInteger(low) || !Number.isInteger(high) || low > high) {
    throw new ArgumentError('intParam', `need integers low ≤ high, got [${low}, ${high}]`)
  }
  return { kind: 'int', low, high }
}

/** One of the given values. */
export function choiceParam(values: readonly (number | string)[]): ParamSpec {
  if (values.length === 0) throw new ArgumentError('choiceParam', 'need at least one value')
  return { kind: 'choice', values }
}

/** A random point of `spec`. */
export function sampleParam(spec: ParamSpec, generator: Generator): number | string {
  const u = generator.nextFloat()
  switch (spec.kind) {
    case 'uniform':
      return spec.low + u * (spec.high - spec.low)
    case 'logUniform':
      return Math.exp(Math.log(spec.low) + u * (Math.log(spec.high) - Math.log(spec.low)))
    case 'int':
      return spec.low + Math.floor(u * (spec.high - spec.low + 1))
    case 'choice':
      return spec.values[Math.floor(u * spec.values.length)]!
  }
}

/** `points` evenly spaced values of `spec` (in log space for log-uniform; all choices). */
export function gridParam(spec: ParamSpec, points: number): (number | string)[] {
  const at = (i: number) => (points === 1 ? 0.5 : i / (points - 1))
  switch (spec.kind) {
    case 'uniform':
      return Array.from({ length: points }, (_, i) => spec.low + at(i) * (spec.high - spec.low))
    case 'logUniform': {
      const [a, b] = [Math.log(spec.low), Math.log(spec.high)]
      return Array.from({ length: points }, (_, i) => Math.exp(a + at(i) * (b - a)))
    }
    case 'int':
      return [
        ...new Set(
          Array.from({ length: points }, (_, i) =>
            Math.round(spec.low + at(i) * (spec.high - spec.low)),
          ),
        ),
      ]
    case 'choice':
      return [...spec.values]
  }
}

/**
 * The range around `best` covering a `shrink` share of `spec`'s width (in log space for
 * log-uniform), clipped to the original range; choices collapse to the best value.
 */
export function narrowParam(spec: ParamSpec, best: number | string, shrink: number): ParamSpec {
  switch (spec.kind) {
    case 'uniform': {
      const half = ((spec.high - spec.low) * shrink) / 2
      const b = best as number
      return {
        kind: 'uniform',
        low: Math.max(spec.low, b - half),
        high: Math.min(spec.high, b + half),
      }
    }
    case 'logUniform': {
      const half = ((Math.log(spec.high) - Math.log(spec.low)) * shrink) / 2
      const b = Math.log(best as number)
      return {
        kind: 'logUniform',
        low: Math.max(spec.low, Math.exp(b - half)),
        high: Math.min(spec.high, Math.exp(b + half)),
      }
    }
    case 'int': {
      const half = Math.max(1, Math.round(((spec.high - spec.low) * shrink) / 2))
      const b = best as number
      return { kind: 'int', low: Math.max(spec.low, b - half), high: Math.min(spec.high, b + half) }
    }
    case 'choice':
      return { kind: 'choice', values: [best] }
  }
}

/** Every combination of the given per-name values. */
export function cartesian(values: Record<string, (number | string)[]>): ParamValues[] {
  return Object.entries(values).reduce<ParamValues[]>(
    (points, [name, options]) => points.flatMap((p) => options.map((v) => ({ ...p, [name]: v }))),
    [{}],
  )
}
