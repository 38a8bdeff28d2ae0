// Black-Scholes gamma (r = q = 0): d(delta)/d(spot) per unit of underlying, the same quantity Cboe quotes per contract.
const INV_SQRT_2PI = 0.3989422804014327;

export function bsGamma(spot: number, strike: number, iv: number, t: number): number {
  if (!(spot > 0 && strike > 0 && iv > 0 && t > 0)) return 0;
  const sq = iv * Math.sqrt(t);
  const d1 = (Math.log(spot / strike) + 0.5 * iv * iv * t) / sq;
  return (INV_SQRT_2PI * Math.exp(-0.5 * d1 * d1)) / (spot * sq);
}
