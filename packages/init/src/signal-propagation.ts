import { ArgumentError, Generator, type Module, randn, recordOp, Tensor } from '@knack/core'
import { ReLU } from '@knack/nn'

/** Mean and standard deviation (over all elements, population form) of a tensor. */
export interface Moments {
  mean: number
  std: number
}

/** Why a layer is flagged in a {@link SignalReport}. */
export type SignalFlag =
  | 'vanishing-activations'
  | 'exploding-activations'
  | 'vanishing-gradients'
  | 'exploding-gradients'
  | 'dead-relu'

/** The signals of one layer call. */
export interface LayerSignal {
  /** Dotted module name. */
  name: string
  /** Class name. */
  type: string
  /** Output shape. */
  shape: number[]
  /** Moments of the layer's output. */
  activation: Moments
  /** Moments of the loss gradient with respect to the output (`null` if none reached it). */
  gradient: Moments | null
  /** For `ReLU` layers, the share of units (output positions) that are 0 for the whole batch. */
  deadFraction: number | null
  flags: SignalFlag[]
}

/** What {@link signalPropagation} returns. */
export interface SignalReport {
  /** Moments of the batch: the reference for activations. */
  input: Moments
  /** Moments of the gradient at the model's output: the reference for gradients. */
  outputGradient: Moments
  layers: LayerSignal[]
  /** The layers with at least one flag. */
  flagged: LayerSignal[]
  /** One line per layer, for printing. */
  table: string
}

/** Options of {@link signalPropagation}. */
export interface SignalPropagationOptions {
  /** Which modules to report (default: every module without children). */
  layers?: (name: string, module: Module) => boolean
  /**
   * Scalar loss of the model's output to back-propagate (default: none, the output receives a
   * standard normal gradient, so gradient stds read as gains relative to 1).
   */
  loss?: (output: Tensor) => Tensor
  /** Seed of the default output gradient (default 0). */
  seed?: number
  /** Flag a std below `vanishing ×` its reference (default 1e-2). */
  vanishing?: number
  /** Flag a std above `exploding ×` its reference (default 1e2). */
  exploding?: number
  /** Flag a ReLU layer when more than this share of its units is dead (default 0.5). */
  maxDeadFraction?: number
}

function moments(values: ArrayLike<number>): Moments {
  const n = values.length
  if (n === 0) return { mean: Number.NaN, std: Number.NaN }
  let sum = 0
  for (let i = 0; i < n; i++) sum += values[i]!
  const mean = sum / n
  let sq = 0
  for (let i = 0; i < n; i++) {
    const d = values[i]! - mean
    sq += d * d
  }
  return { mean, std: Math.sqrt(sq / n) }
}

/** Share of output positions (all dimensions but the batch) that are 0 for every sample. */
function deadShare(out: Tensor): number {
  const samples = out.ndim === 0 ? 1 : out.shape[0]!
  const units = samples === 0 ? 0 : out.size / samples
  if (units === 0) return 0
  let dead = 0
  for (let u = 0; u < units; u++) {
    let alive = false
    for (let s = 0; s < samples && !alive; s++) alive = out.data[s * units + u]! !== 0
    if (!alive) dead++
  }
  return dead / units
}

/**
 * An identity op on `t` whose backward hands the gradient with respect to `t` to `onGrad`
 * (a tensor that needs no gradient is returned as it is).
 */
function tap(t: Tensor, onGrad: (g: Tensor) => void): Tensor {
  if (!t.requiresGrad) return t
  return recordOp(new Tensor(t.data, t.shape), 'signalTap', [t], (g) => {
    onGrad(g)
    return [g]
  })
}

const fmt = (v: number): string => (Number.isFinite(v) ? v.toExponential(2) : String(v))

function renderTable(report: Omit<SignalReport, 'table'>): string {
  const rows = [
    ['layer', 'type', 'act mean', 'act std', 'grad mean', 'grad std', 'dead', 'flags'],
    ...report.layers.map((l) => [
      l.name,
      l.type,
      fmt(l.activation.mean),
      fmt(l.activation.std),
      l.gradient ? fmt(l.gradient.mean) : '-',
      l.gradient ? fmt(l.gradient.std) : '-',
      l.deadFraction === null ? '' : `${(100 * l.deadFraction).toFixed(0)}%`,
      l.flags.join(' '),
    ]),
  ]
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)))
  const lines = rows.map((r) =>
    r
      .map((cell, c) => cell.padEnd(widths[c]!))
      .join('  ')
      .trimEnd(),
  )
  return [
    `input: mean ${fmt(report.input.mean)}, std ${fmt(report.input.std)}; output gradient std ${fmt(report.outputGradient.std)}`,
    ...lines,
  ].join('\n')
}

/**
 * Pushes `batch` through `model` and back, and reports for every layer the mean and std of its
 * activations (output) and of the gradient reaching them, flagging vanishing or exploding
 * signals (std below `vanishing` or above `exploding` times the reference: the batch's std for
 * activations, the output gradient's for gradients) and `ReLU` layers whose units are mostly
 * dead (0 for the whole batch). Uses forward hooks; the model's parameters, their gradients
 * and its modes are left as they were.
 * @see X. Glorot, Y. Bengio, Understanding the difficulty of training deep feedforward neural networks, AISTATS 2010
 * @see K. He et al., Delving Deep into Rectifiers, https://arxiv.org/abs/1502.01852
 */
export function signalPropagation(
  model: Module,
  batch: Tensor,
  options: SignalPropagationOptions = {},
): SignalReport {
  const { vanishing = 1e-2, exploding = 1e2, maxDeadFraction = 0.5 } = options
  if (!(vanishing > 0 && exploding > vanishing)) {
    throw new ArgumentError(
      'signalPropagation',
      `expected 0 < vanishing < exploding, got vanishing=${vanishing}, exploding=${exploding}`,
    )
  }
  const select =
    options.layers ?? ((_name: string, module: Module) => module.children().length === 0)
  const records: { name: string; module: Module; output: Tensor; grad: Tensor | null }[] = []
  const handles: { remove(): void }[] = []
  for (const [name, module] of model.namedModules()) {
    if (module === model || !select(name, module)) continue
    handles.push(
      module.registerForwardHook((_m, _inputs, output) => {
        if (!(output instanceof Tensor)) return undefined
        const record = { name, module, output, grad: null as Tensor | null }
        records.push(record)
        return tap(output, (g) => {
          record.grad = g
        })
      }),
    )
  }
  const params = model.parameters()
  const savedGrads = params.map((p) => p.grad)
  const savedBuffers = model.buffers().map((b) => [b, b.clone()] as const)
  let outputGrad: Tensor | null = null
  try {
    const x = batch.dtype === 'float32' ? new Tensor(batch.data, batch.shape, true) : batch
    const output = model.forward(x)
    if (!(output instanceof Tensor) || !output.requiresGrad) {
      throw new ArgumentError(
        'signalPropagation',
        output instanceof Tensor
          ? 'the model output does not depend on anything that requires a gradient'
          : 'the model did not return a tensor',
        'unfreeze the parameters, do not call this inside noGrad, and give the model one tensor output',
      )
    }
    const tapped = tap(output, (g) => {
      outputGrad = g
    })
    if (options.loss) {
      options.loss(tapped).backward()
    } else {
      tapped.backward(randn(output.shape, { generator: new Generator(options.seed ?? 0) }))
    }
  } finally {
    for (const handle of handles) handle.remove()
    params.forEach((p, i) => {
      p.grad = savedGrads[i]!
    })
    for (const [buffer, value] of savedBuffers) buffer.copy_(value)
  }
  const outputGradient = moments((outputGrad as Tensor | null)?.data ?? [])
  const input = moments(batch.data)
  const layers: LayerSignal[] = records.map(({ name, module, output, grad }) => {
    const activation = moments(output.data)
    const gradient = grad === null ? null : moments(grad.data)
    const deadFraction = module instanceof ReLU ? deadShare(output) : null
    const flags: SignalFlag[] = []
    if (activation.std < vanishing * input.std) flags.push('vanishing-activations')
    if (activation.std > exploding * input.std) flags.push('exploding-activations')
    if (gradient !== null && gradient.std < vanishing * outputGradient.std) {
      flags.push('vanishing-gradients')
    }
    if (gradient !== null && gradient.std > exploding * outputGradient.std) {
      flags.push('exploding-gradients')
    }
    if (deadFraction !== null && deadFraction > maxDeadFraction) flags.push('dead-relu')
    return {
      name,
      type: module.constructor.name,
      shape: [...output.shape],
      activation,
      gradient,
      deadFraction,
      flags,
    }
  })
  const partial = {
    input,
    outputGradient,
    layers,
    flagged: layers.filter((l) => l.flags.length > 0),
  }
  return { ...partial, table: renderTable(partial) }
}
