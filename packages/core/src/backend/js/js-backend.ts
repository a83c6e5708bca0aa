import type { Backend } from '../backend'
import { jsCol2im, jsIm2col } from './im2col'
import { jsMatmul } from './matmul'
import { jsAvgPool2d, jsAvgPool2dBackward, jsMaxPool2d, jsMaxPool2dBackward } from './pool'

/**
 * The pure-TypeScript reference backend: simple, correct, runs everywhere. Other backends are
 * tested against it.
 */
export const jsBackend: Backend = Object.freeze({
  name: 'js',
  priority: 0,
  matmul: jsMatmul,
  im2col: jsIm2col,
  col2im: jsCol2im,
  maxPool2d: jsMaxPool2d,
  maxPool2dBackward: jsMaxPool2dBackward,
  avgPool2d: jsAvgPool2d,
  avgPool2dBackward: jsAvgPool2dBackward,
})
