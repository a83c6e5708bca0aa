import { ArgumentError } from '@knack/core'

/** The nonlinearities of PyTorch's gain table, by PyTorch's names. */
export type Nonlinearity =
  | 'linear'
  | 'conv1d'
  | 'conv2d'
  | 'conv3d'
  | 'conv_transpose1d'
  | 'conv_transpose2d'
  | 'conv_transpose3d'
  | 'sigmoid'
  | 'tanh'
  | 'relu'
  | 'leaky_relu'
  | 'selu'

const UNIT_GAIN = new Set<string>([
  'linear',
  'conv1d',
  'conv2d',
  'conv3d',
  'conv_transpose1d',
  'conv_transpose2d',
  'conv_transpose3d',
  'sigmoid',
])

/**
 * The recommended gain for a nonlinearity, PyTorch's table: 1 for linear, convolutions and
 * sigmoid; 5/3 for tanh; √2 for relu; `√(2 / (1 + slope²))` for leaky_relu (`param` is the
 * negative slope, default 0.01); 3/4 for selu. Scale a weight's std by it so that activations
 * keep their variance through the nonlinearity.
 * @see https://pytorch.org/docs/stable/nn.init.html#torch.nn.init.calculate_gain
 */
export function calculateGain(nonlinearity: Nonlinearity, param?: number): number {
  if (UNIT_GAIN.has(nonlinearity)) return 1
  switch (nonlinearity) {
    case 'tanh':
      return 5 / 3
    case 'relu':
      return Math.SQRT2
    case 'selu':
      return 3 / 4
    case 'leaky_relu': {
      const slope = param ?? 0.01
      if (typeof slope !== 'number' || !Number.isFinite(slope)) {
        throw new ArgumentError(
          'calculateGain',
          `the negative slope of leaky_relu must be a finite number, got ${String(slope)}`,
        )
      }
      return Math.sqrt(2 / (1 + slope * slope))
    }
    default:
      throw new ArgumentError(
        'calculateGain',
        `unsupported nonlinearity ${JSON.stringify(nonlinearity)}`,
        `use one of ${[...UNIT_GAIN, 'tanh', 'relu', 'leaky_relu', 'selu'].join(', ')}`,
      )
  }
}
