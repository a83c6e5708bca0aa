import { formatShape, type Module, noGrad, Tensor, zeros } from '@knack/core'

/** One call of a submodule during {@link summary}'s forward pass. */
export interface SummaryRow {
  /** Dotted name (`features.0`). */
  name: string
  /** Class name (`Conv2d`). */
  type: string
  /** Nesting depth: 0 for the model's children. */
  depth: number
  /** Shape of the output (`[1, 8, 14, 14]`), several for an array output, `null` for another value. */
  outputShape: number[] | number[][] | null
  /** Number of values in the module's own parameters (not its children's). */
  params: number
}

/** What {@link summary} returns: the rows, the parameter counts and the printed table. */
export interface ModelSummary {
  rows: SummaryRow[]
  /** Shape of the model's output, as in {@link SummaryRow.outputShape}. */
  outputShape: number[] | number[][] | null
  /** All parameter values (shared parameters counted once). */
  totalParams: number
  trainableParams: number
  nonTrainableParams: number
  /** The Keras-like table. */
  table: string
}

/** Options of {@link summary}. */
export interface SummaryOptions {
  /** Print the table with `console.log` (default true). */
  print?: boolean
}

function shapeOf(value: unknown): number[] | number[][] | null {
  if (value instanceof Tensor) return [...value.shape]
  if (Array.isArray(value) && value.length > 0 && value.every((v) => v instanceof Tensor)) {
    return value.map((t: Tensor) => [...t.shape])
  }
  return null
}

function formatOutput(shape: number[] | number[][] | null): string {
  if (shape === null) return '?'
  if (shape.length > 0 && Array.isArray(shape[0])) {
    return (shape as number[][]).map((s) => formatShape(s)).join(' ')
  }
  return formatShape(shape as number[])
}

const thousands = (n: number): string => n.toLocaleString('en-US')

function renderTable(title: string, rows: SummaryRow[], s: Omit<ModelSummary, 'table' | 'rows'>) {
  const cells = rows.map((r) => [
    `${'  '.repeat(r.depth)}${r.name} (${r.type})`,
    formatOutput(r.outputShape),
    thousands(r.params),
  ])
  const header = ['Layer (type)', 'Output Shape', 'Param #']
  const widths = header.map((h, c) => Math.max(h.length, ...cells.map((row) => row[c]!.length)))
  const line = (row: string[]) =>
    row
      .map((cell, c) => (c === 2 ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
      .join('   ')
  const width = widths.reduce((a, b) => a + b, 0) + 6
  return [
    `Model: ${title}`,
    '='.repeat(width),
    line(header),
    '='.repeat(width),
    ...cells.map(line),
    '='.repeat(width),
    `Output shape: ${formatOutput(s.outputShape)}`,
    `Total params: ${thousands(s.totalParams)}`,
    `Trainable params: ${thousands(s.trainableParams)}`,
    `Non-trainable params: ${thousands(s.nonTrainableParams)}`,
  ].join('\n')
}

/**
 * Keras-style model summary: runs one forward pass on zeros of `input` (a shape, batch
 * dimension included) or on the given tensor, and lists every submodule call in order, indented
 * by nesting, with its output shape and the number of its own parameters, then the total,
 * trainable and non-trainable counts. Uses forward hooks; runs in evaluation mode without
 * gradients and restores every module's mode, so the model is left as it was.
 * @see https://keras.io/api/models/model/#summary-method
 */
export function summary(
  model: Module,
  input: readonly number[] | Tensor,
  options: SummaryOptions = {},
): ModelSummary {
  const x = input instanceof Tensor ? input : zeros(input)
  const rows: SummaryRow[] = []
  const open: SummaryRow[] = []
  const handles: { remove(): void }[] = []
  for (const [name, module] of model.namedModules()) {
    if (module === model) continue
    const depth = name.split('.').length - 1
    const params = module.parameters(false).reduce((n, p) => n + p.size, 0)
    handles.push(
      module.registerForwardPreHook(() => {
        const row: SummaryRow = {
          name,
          type: module.constructor.name,
          depth,
          outputShape: null,
          params,
        }
        rows.push(row)
        open.push(row)
        return undefined
      }),
      module.registerForwardHook((_m, _inputs, output) => {
        open.pop()!.outputShape = shapeOf(output)
        return undefined
      }),
    )
  }
  const modes = model.modules().map((m) => [m, m.training] as const)
  let output: unknown
  try {
    model.eval()
    output = noGrad(() => model.forward(x))
  } finally {
    for (const handle of handles) handle.remove()
    for (const [m, training] of modes) m.training = training
  }
  const totalParams = model.numParameters()
  const trainableParams = model.numParameters(true)
  const counts = {
    outputShape: shapeOf(output),
    totalParams,
    trainableParams,
    nonTrainableParams: totalParams - trainableParams,
  }
  const table = renderTable(model.constructor.name, rows, counts)
  if (options.print ?? true) console.log(table)
  return { rows, ...counts, table }
}
