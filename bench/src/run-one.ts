/**
 * Child process of `pnpm bench`: runs one workload (or the memory check) for one Node target
 * and prints the result lines as JSON on stdout; progress and the first-batch loss check go to
 * stderr. Usage: `tsx src/run-one.ts --target knack-js --workload W1_mlp [--quick] [--spec p]`
 * or `tsx --expose-gc src/run-one.ts --target knack-js --memory [--steps 10000] [--workload W]`.
 */
import { parseArgs } from 'node:util'
import { ArgumentError } from '@knack/core'
import { loadBenchData } from './bench-data'
import { runKnackMatmul, runKnackTraining } from './knack-runner'
import { runKnackMemory } from './memory'
import { type BenchResult, FIRST_LOSS_REFERENCE } from './result'
import { loadSpec, matmulPlans, trainPlan } from './spec'
import { parseTarget } from './targets'

const { values } = parseArgs({
  options: {
    target: { type: 'string' },
    workload: { type: 'string' },
    quick: { type: 'boolean', default: false },
    spec: { type: 'string' },
    memory: { type: 'boolean', default: false },
    steps: { type: 'string', default: '10000' },
  },
})

if (values.target === undefined) {
  throw new ArgumentError('run-one', 'no --target given', 'pass e.g. --target knack-js')
}
const target = parseTarget(values.target)
const spec = loadSpec(values.spec)
const label = values.target
const log = (message: string) => process.stderr.write(`[${label}] ${message}\n`)
const emit = (line: object) => process.stdout.write(`${JSON.stringify(line)}\n`)

async function trainTarget(name: string): Promise<BenchResult> {
  const plan = trainPlan(spec, name, values.quick)
  const data = await loadBenchData(spec)
  const progress = (step: number, loss: number) =>
    log(`${name} step ${step} loss ${loss.toFixed(7)}`)
  let result: BenchResult
  if (target.framework === 'knack') {
    result = await runKnackTraining(spec, plan, data, target.backend, progress)
  } else {
    const { runTfjsTraining } = await import('./tfjs-runner')
    result = await runTfjsTraining(spec, plan, data, target.backend as 'cpu' | 'wasm', progress)
  }
  const reference = FIRST_LOSS_REFERENCE[name]
  if (result.first_loss !== undefined && reference !== undefined) {
    const diff = Math.abs(result.first_loss - reference)
    log(
      `${name} first-batch loss ${result.first_loss.toFixed(7)}, spec reference ${reference} (|diff| ${diff.toExponential(1)}${diff <= 5e-6 ? ', agrees to 6 digits' : ', DISAGREES'})`,
    )
  }
  return result
}

async function matmulTargets(name: string): Promise<BenchResult[]> {
  const out: BenchResult[] = []
  for (const plan of matmulPlans(spec, name, values.quick)) {
    let result: BenchResult
    if (target.framework === 'knack') result = await runKnackMatmul(plan, target.backend)
    else {
      const { runTfjsMatmul } = await import('./tfjs-runner')
      result = await runTfjsMatmul(plan, target.backend as 'cpu' | 'wasm')
    }
    log(`${plan.workload} ${result.gflops ?? result.error} GFLOP/s`)
    out.push(result)
  }
  return out
}

async function main(): Promise<void> {
  if (target.framework === 'pytorch') {
    throw new ArgumentError(
      'run-one',
      'PyTorch runs through bench/pytorch/run.py',
      'use pnpm bench',
    )
  }
  if (values.memory) {
    if (target.framework !== 'knack') {
      throw new ArgumentError('run-one', `--memory measures Knack, got target ${label}`)
    }
    const data = await loadBenchData(spec)
    const steps = Number(values.steps)
    emit(await runKnackMemory(spec, data, target.backend, steps, values.workload))
    return
  }
  const name = values.workload
  const workload = name === undefined ? undefined : spec.workloads[name]
  if (name === undefined || workload === undefined) {
    throw new ArgumentError(
      'run-one',
      `unknown workload '${name}'`,
      `choose among ${Object.keys(spec.workloads).join(', ')}`,
    )
  }
  const results = workload.kind === 'train' ? [await trainTarget(name)] : await matmulTargets(name)
  for (const r of results) {
    if (r.error !== undefined) log(`${r.workload} failed: ${r.error}`)
    emit(r)
  }
}

await main()
