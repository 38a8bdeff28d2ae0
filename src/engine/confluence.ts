// D1: the side is the sign of the weighted vote of the directional features, with a dead band; the score is
// then computed for that side (directional features mirrored as 1 - f for a short, unsigned unchanged), so a
// short setup scores like its mirrored long. Direction-0 bars are scored as long (for the distribution).

/**
 * f: the ten feature values, w: their weights, dirMask: 1 for directional features.
 * Writes the side into out[0] (1, -1 or 0) and returns the score clip01(sum w f').
 */
export function sideAlignedScore(f: Float64Array, w: Float64Array, dirMask: Uint8Array, deadBand: number, out: Int8Array): number {
  const n = f.length;
  let vote = 0;
  for (let k = 0; k < n; k++) if (dirMask[k]) vote += w[k]! * 2 * (f[k]! - 0.5);
  const side = vote > 0 && vote >= deadBand ? 1 : vote < 0 && vote <= -deadBand ? -1 : 0;
  // |V| < deadBand is no trade; exactly at the band it trades (the spec's strict "<")
  out[0] = side;
  let s = 0;
  if (side === -1) {
    for (let k = 0; k < n; k++) s += w[k]! * (dirMask[k] ? 1 - f[k]! : f[k]!);
  } else {
    for (let k = 0; k < n; k++) s += w[k]! * f[k]!;
  }
  return s < 0 ? 0 : s > 1 ? 1 : s;
}
