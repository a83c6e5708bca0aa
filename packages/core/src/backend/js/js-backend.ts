import type { Backend } from '../backend'
import { jsAdam } from './adam'
import { jsConv2d, jsConv2dBackward } from './conv2d'
import { jsConv2dReluMaxPool2d, jsConv2dReluMaxPool2dBackward } from './conv2d-relu-max-pool2d'
import { jsCol2im, jsIm2col } from './im2col'
import { jsMatmul } from './matmul'
import { jsAvgPool2d, jsAvgPool2dBackward, jsMaxPool2d, jsMaxPool2dBackward } from './pool'
import { jsRelu, jsReluBackward } from './relu'
import { jsAddScaled, jsAllFinite, jsScale } from './vector-ops'

/**
 * The pure-TypeScript reference backend: simple, correct, runs everywhere. Other backends are
 * tested against it.
 */
export const jsBackend: Backend = Object.freeze({
  name: 'js',
  priority: 0,
  threads: 1,
  matmul: jsMatmul,
  im2col: jsIm2col,
  col2im: jsCol2im,
  conv2d: jsConv2d,
  conv2dBackward: jsConv2dBackward,
  conv2dReluMaxPool2d: jsConv2dReluMaxPool2d,
  conv2dReluMaxPool2dBackward: jsConv2dReluMaxPool2dBackward,
  relu: jsRelu,
  reluBackward: jsReluBackward,
  maxPool2d: jsMaxPool2d,
  maxPool2dBackward: jsMaxPool2dBackward,
  avgPool2d: jsAvgPool2d,
  avgPool2dBackward: jsAvgPool2dBackward,
  adam: jsAdam,
  scale: jsScale,
  addScaled: jsAddScaled,
  allFinite: jsAllFinite,
})
