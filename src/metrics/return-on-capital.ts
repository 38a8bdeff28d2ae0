// Return on capital = net pnl / starting capital (simple, not compounded: size does not grow with equity).
// Capital <= 0 -> null.
export function returnOnCapital(net: number, capital: number): number | null {
  return capital > 0 ? net / capital : null;
}
