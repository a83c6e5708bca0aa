/** Number of entries of the ascending array `sorted` that are `<= x` (Python's `bisect_right`). @internal */
export function bisectRight(sorted: readonly number[], x: number): number {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (sorted[mid]! <= x) lo = mid + 1
    else hi = mid
  }
  return lo
}
