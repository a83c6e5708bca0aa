import { ArgumentError, Generator } from '@knack/core'
import {
  cartesian,
  gridParam,
  narrowParam,
  type ParamValues,
  type SearchSpace,
  sampleParam,
} from './search-space'

/** One evaluated point. */
export interface Trial {
  params: ParamValues
  score: number
  stage: 'coarse' | 'refine'
}

/** Options of {@link search}. */
export interface SearchOptions {
  space: SearchSpace
  /** Trains briefly with `params` and returns the score (e.g. validation accuracy). */
  trial: (params: ParamValues) => number | Promise<number>
  /** Coarse stage: `random` draws `trials` points (log-uniform where asked); `grid` uses `points` per parameter. */
  coarse?: { method?: 'random' | 'grid'; trials?: number; points?: number; seed?: number }
  /** Refined grid around the best coarse point (`points` per parameter, range share `shrink`), or false. */
  refine?: { points?: number; shrink?: number } | false
  /** Whether a higher (`max`, default) or lower (`min`) score is better. */
  mode?: 'max' | 'min'
}

/** What {@link search} returns: every trial ranked best first, and a printable table. */
export interface SearchResult {
  ranked: Trial[]
  best: Trial
  table(): string
}

const show = (v: number | string) =>
  typeof v === 'number' && !Number.isInteger(v) ? v.toPrecision(3) : String(v)

/**
 * Coarse-to-fine hyperparameter search, the seeds' recipe: a coarse random (log-uniform) or
 * grid search with short trials, then a refined grid around the best point.
 * @see Bergstra & Bengio 2012, Random Search for Hyper-Parameter Optimization
 */
export async function search(options: SearchOptions): Promise<SearchResult> {
  const { space, trial, mode = 'max' } = options
  const names = Object.keys(space)
  if (names.length === 0) throw new ArgumentError('search', 'the search space is empty')
  const { method = 'random', trials = 8, points = 3, seed = 0 } = options.coarse ?? {}
  const generator = new Generator(seed)
  const coarsePoints =
    method === 'grid'
      ? cartesian(Object.fromEntries(names.map((n) => [n, gridParam(space[n]!, points)])))
      : Array.from({ length: trials }, () =>
          Object.fromEntries(names.map((n) => [n, sampleParam(space[n]!, generator)])),
        )
  const better = (a: Trial, b: Trial) => (mode === 'max' ? a.score > b.score : a.score < b.score)
  const results: Trial[] = []
  const run = async (params: ParamValues, stage: Trial['stage']) => {
    const score = await trial(params)
    results.push({
      params,
      score: Number.isFinite(score) ? score : mode === 'max' ? -Infinity : Infinity,
      stage,
    })
  }
  for (const p of coarsePoints) await run(p, 'coarse')
  const rank = () => [...results].sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0))
  if (options.refine !== false) {
    const { points: refinePoints = 3, shrink = 0.25 } = options.refine ?? {}
    const best = rank()[0]!
    const grid = cartesian(
      Object.fromEntries(
        names.map((n) => [
          n,
          gridParam(narrowParam(space[n]!, best.params[n]!, shrink), refinePoints),
        ]),
      ),
    )
    for (const p of grid) await run(p, 'refine')
  }
  const ranked = rank()
  return {
    ranked,
    best: ranked[0]!,
    table() {
      const header = ['rank', ...names, 'score', 'stage']
      const rows = ranked.map((t, i) => [
        String(i + 1),
        ...names.map((n) => show(t.params[n]!)),
        show(t.score),
        t.stage,
      ])
      const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)))
      return [header, ...rows]
        .map((r) => r.map((cell, c) => cell.padStart(widths[c]!)).join('  '))
        .join('\n')
    },
  }
}
