export type { BlobsOptions } from './blobs'
export { blobs } from './blobs'
export type { DataLoaderOptions } from './data-loader'
export { DataLoader } from './data-loader'
export type { Dataset } from './dataset'
export type { LinearTeacherOptions, LinearTeacherSet } from './linear-teacher'
export { linearTeacher } from './linear-teacher'
export type { MnistArrays, MnistOptions, MnistSplits } from './mnist'
export {
  MNIST_PIXELS,
  MNIST_SHUFFLE_SEED,
  MNIST_SIZE,
  MNIST_TRAIN_SIZE,
  mnist,
  mnistArrays,
  mnistFromDigits,
} from './mnist'
export { mulberry32 } from './mulberry32'
export type { SpiralsOptions } from './spirals'
export { spirals } from './spirals'
export { randomSplit, stratifiedSplit } from './split'
export { Subset } from './subset'
export { TensorDataset } from './tensor-dataset'
