import type { Module, Tensor } from '@knack/core'

/** A module that maps one tensor to one tensor: what {@link Sequential} chains. */
export type Layer = Module<[Tensor], Tensor>
