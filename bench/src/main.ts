/**
 * `pnpm bench`: runs the spec's workloads for every Knack backend, TensorFlow.js (cpu, wasm)
 * and PyTorch when present, alternating frameworks within each workload, each run in its own
 * child process; prints the JSON result lines, then the side-by-side table and issue 7's
 * targets. Options: `--workloads W1,W3`, `--quick`, `--json out.jsonl`, `--targets a,b`,
 * `--threads n` (cap for the frameworks that use threads: Knack wasm, PyTorch; default every
 * core), `--relaxed-simd` (every Node child runs with V8's relaxed-SIMD flag, the default from
 * Node 22 and Chrome 114 on), `--memory` (the 10,000-step memory check instead: W4 unless
 * `--workloads` names training workloads; `--targets` picks Knack backends), `--spec path`.
 */
import { spawn } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { availableParallelism, cpus, loadavg } from 'node:os'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { ArgumentError, listBackends } from '@knack/core'
import { loadBenchData, writeCacheFiles } from './bench-data'
import { DEFAULT_MEMORY_WORKLOAD, formatMemoryTable, type MemoryResult } from './memory'
import { PYTHON, pytorchArgs, pytorchAvailable, pytorchEnv } from './pytorch'
import { type BenchResult, parseResultLines } from './result'
import { DEFAULT_SPEC_PATH, loadSpec, matmulPlans, trainPlan, workloadNames } from './spec'
import { formatTable, formatTargets } from './table'
import { parseTarget, selectWorkloads, type Target, targetName, targetOrder } from './targets'

const BENCH_DIR = fileURLToPath(new URL('..', import.meta.url))
const RUN_ONE = fileURLToPath(new URL('./run-one.ts', import.meta.url))

const { values } = parseArgs({
  options: {
    workloads: { type: 'string' },
    targets: { type: 'string' },
    quick: { type: 'boolean', default: false },
    json: { type: 'string' },
    memory: { type: 'boolean', default: false },
    steps: { type: 'string', default: '10000' },
    threads: { type: 'string' },
    'relaxed-simd': { type: 'boolean', default: false },
    spec: { type: 'string', default: DEFAULT_SPEC_PATH },
  },
})

const log = (message: string) => process.stderr.write(`${message}\n`)
const threads = values.threads === undefined ? undefined : Number(values.threads)
if (threads !== undefined && !(Number.isInteger(threads) && threads >= 1)) {
  throw new ArgumentError('bench', `--threads must be a positive integer, got ${values.threads}`)
}
/** Children's environment: `--threads` reaches Knack's wasm backend as `KNACK_THREADS`. */
const childEnv: NodeJS.ProcessEnv =
  threads === undefined ? process.env : { ...process.env, KNACK_THREADS: String(threads) }
/** Where the user ran `pnpm bench` (pnpm runs the script in bench/): relative paths start there. */
const userPath = (path: string) => resolve(process.env.INIT_CWD ?? process.cwd(), path)

interface ChildOutcome {
  stdout: string
  code: number | null
  lastError: string
}

/** Runs a child process, passing its stderr through, and collects its stdout. */
function runChild(command: string, args: string[], env?: NodeJS.ProcessEnv): Promise<ChildOutcome> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: BENCH_DIR, env: env ?? childEnv })
    let stdout = ''
    let lastError = ''
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
    })
    child.stderr.on('data', (chunk: Buffer) => {
      const text = chunk.toString()
      process.stderr.write(text)
      const lines = text.trim().split('\n')
      lastError = lines[lines.length - 1] ?? lastError
    })
    child.on('error', (error) => resolve({ stdout, code: -1, lastError: error.message }))
    child.on('close', (code) => resolve({ stdout, code, lastError }))
  })
}

/** V8's switch for WebAssembly relaxed SIMD on Node 20 (on by default from Node 22). */
const RELAXED_SIMD_FLAG = '--experimental-wasm-relaxed-simd'

/**
 * Node children run under the same loader as this process (tsx), from the bench directory,
 * with relaxed SIMD switched on for all of them when asked.
 */
function nodeArgs(extraFlags: string[], args: string[]): string[] {
  const engine = values['relaxed-simd'] ? [RELAXED_SIMD_FLAG] : []
  return [...process.execArgv, ...engine, ...extraFlags, RUN_ONE, ...args]
}

function machineLine(): string {
  const model = cpus()[0]?.model ?? 'unknown CPU'
  const load = loadavg()[0]!.toFixed(2)
  return `${new Date().toISOString().slice(0, 10)}, ${availableParallelism()} cores (${model}), Node ${process.version}, load average ${load}`
}

async function runWorkload(
  target: Target,
  workload: string,
  specPath: string,
  dataDir: string,
): Promise<BenchResult[]> {
  const spec = loadSpec(specPath)
  const kind = spec.workloads[workload]!.kind
  let outcome: ChildOutcome
  if (target.framework === 'pytorch') {
    const plan =
      kind === 'train'
        ? trainPlan(spec, workload, values.quick)
        : matmulPlans(spec, workload, values.quick)
    outcome = await runChild(PYTHON, pytorchArgs(specPath, dataDir, plan, threads), pytorchEnv())
  } else {
    const args = ['--target', targetName(target), '--workload', workload, '--spec', specPath]
    if (values.quick) args.push('--quick')
    outcome = await runChild(process.execPath, nodeArgs([], args))
  }
  const results = parseResultLines(outcome.stdout)
  if (results.length > 0) return results
  const names = kind === 'train' ? [workload] : matmulPlans(spec, workload).map((p) => p.workload)
  return names.map((name) => ({
    framework: target.framework,
    framework_version: 'unknown',
    backend: target.backend,
    workload: name,
    test_acc: null,
    last_loss: null,
    threads: 0,
    notes: '',
    error: `runner exited with code ${outcome.code}: ${outcome.lastError}`,
  }))
}

async function runMemory(
  knackBackends: readonly string[],
  workloads: readonly string[],
  specPath: string,
): Promise<void> {
  const results: MemoryResult[] = []
  for (const workload of workloads)
    for (const backend of knackBackends) {
      log(`memory: knack-${backend}, ${workload}, ${values.steps} steps`)
      const args = [
        '--target',
        `knack-${backend}`,
        '--memory',
        '--workload',
        workload,
        '--steps',
        values.steps,
        '--spec',
        specPath,
      ]
      const outcome = await runChild(process.execPath, nodeArgs(['--expose-gc'], args))
      for (const line of outcome.stdout.split('\n')) {
        if (line.startsWith('{')) {
          process.stdout.write(`${line}\n`)
          results.push(JSON.parse(line) as MemoryResult)
        }
      }
      if (outcome.code !== 0) log(`memory: knack-${backend} exited with code ${outcome.code}`)
    }
  process.stdout.write(`\nMemory (${machineLine()})\n\n${formatMemoryTable(results)}\n`)
  if (values.json !== undefined) {
    writeFileSync(userPath(values.json), results.map((r) => `${JSON.stringify(r)}\n`).join(''))
  }
}

async function main(): Promise<void> {
  const specPath = userPath(values.spec)
  const spec = loadSpec(specPath)
  const knackBackends = listBackends()
  if (values.memory) {
    const training = workloadNames(spec).filter((w) => spec.workloads[w]!.kind === 'train')
    const memoryWorkloads =
      values.workloads === undefined
        ? [DEFAULT_MEMORY_WORKLOAD]
        : selectWorkloads(training, values.workloads)
    const wanted = values.targets?.split(',').map((t) => targetName(parseTarget(t.trim())))
    const backends = knackBackends.filter((b) => wanted?.includes(`knack-${b}`) ?? true)
    await runMemory(backends, memoryWorkloads, specPath)
    return
  }
  const workloads = selectWorkloads(workloadNames(spec), values.workloads)
  const withPytorch = pytorchAvailable()
  let targets = targetOrder(knackBackends, withPytorch)
  if (values.targets !== undefined) {
    const wanted = values.targets.split(',').map((t) => targetName(parseTarget(t.trim())))
    targets = targets.filter((t) => wanted.includes(targetName(t)))
  }
  log(`machine: ${machineLine()}`)
  if (threads !== undefined) log(`threads capped at ${threads} (Knack wasm, PyTorch)`)
  if (values['relaxed-simd']) log(`Node children run with ${RELAXED_SIMD_FLAG}`)
  log(`targets: ${targets.map(targetName).join(', ')}${withPytorch ? '' : ' (PyTorch not found)'}`)
  log(`workloads: ${workloads.join(', ')}${values.quick ? ' (quick smoke run)' : ''}`)
  const data = await loadBenchData(spec)
  const dataDir = withPytorch ? writeCacheFiles(spec, data) : ''
  const results: BenchResult[] = []
  for (const workload of workloads) {
    for (const target of targets) {
      log(`── ${workload} · ${targetName(target)}`)
      for (const r of await runWorkload(target, workload, specPath, dataDir)) {
        process.stdout.write(`${JSON.stringify(r)}\n`)
        results.push(r)
      }
    }
  }
  if (values.json !== undefined) {
    writeFileSync(userPath(values.json), results.map((r) => `${JSON.stringify(r)}\n`).join(''))
  }
  const caveats = [
    threads === undefined ? '' : ` — threads capped at ${threads}`,
    values['relaxed-simd'] ? ` — Node children with ${RELAXED_SIMD_FLAG}` : '',
    values.quick ? ' — quick smoke run, not a measurement' : '',
  ]
  process.stdout.write(`\n${machineLine()}${caveats.join('')}\n\n`)
  process.stdout.write(
    `${formatTable(results)}\n\nTargets of issue 7 (best Knack backend):\n${formatTargets(results)}\n`,
  )
}

await main()
