/** The training tricks the demo stacks, each of which `--ablate` switches off in turn. */
export const TRICKS = [
  'heInit',
  'augmentation',
  'batchNorm',
  'dropout',
  'adamwWarmupCosine',
  'gradientClipping',
  'earlyStopping',
  'polyak',
] as const

export type Trick = (typeof TRICKS)[number]
export type TrickSet = Readonly<Record<Trick, boolean>>

/** What each trick is, and what replaces it when it is switched off. */
export const TRICK_DESCRIPTIONS: Readonly<Record<Trick, { on: string; off: string }>> = {
  heInit: { on: 'He (Kaiming) normal init for ReLU', off: "PyTorch's default layer init" },
  augmentation: {
    on: 'random affine augmentation (±10°, ±10% shift and scale)',
    off: 'no augmentation',
  },
  batchNorm: {
    on: 'batch norm after each convolution',
    off: 'convolutions with bias, no normalization',
  },
  dropout: { on: 'dropout 0.3 before the classifier', off: 'no dropout' },
  adamwWarmupCosine: {
    on: 'AdamW (lr 3e-3, wd 0.01), linear warmup then cosine decay',
    off: 'plain SGD at a constant lr 0.05',
  },
  gradientClipping: { on: 'global gradient norm clipped at 2', off: 'no clipping' },
  earlyStopping: {
    on: 'early stopping on val_accuracy (patience 3), best weights restored',
    off: 'all epochs, final weights',
  },
  polyak: {
    on: 'Polyak (EMA 0.99 with warmup) weights for eval and the final model',
    off: 'raw weights',
  },
}

/** Every trick on. */
export const ALL_TRICKS: TrickSet = Object.fromEntries(TRICKS.map((t) => [t, true])) as TrickSet

/** Every trick on except `trick`. */
export function without(trick: Trick): TrickSet {
  return { ...ALL_TRICKS, [trick]: false }
}
