/** First index i < len with a[i] >= x in an ascending array (len when none; len defaults to a.length): binary search. */
export function lowerBound(a: ArrayLike<number>, x: number, len = a.length): number {
  let lo = 0;
  let hi = len;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
