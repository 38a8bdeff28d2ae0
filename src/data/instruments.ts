// The one instrument table (D18): contract economics by name — tick size, dollars per tick and per point (CME
// specifications), and a default commission per side: $2.25 for the full-size contracts (the original system's),
// $0.62 for the micros, whose fees are a quarter of the full size's or less — charging a micro $2.25 would bury
// its $1.25 tick. The importer checks prices against `tick`; the simulator books P&L with the rest.
import { MiaError } from '../util/errors.ts';

export interface Instrument {
  symbol: string;
  tick: number;
  /** dollars per tick */
  tickValue: number;
  /** dollars per full point */
  pointValue: number;
  /** default commission, dollars per contract per side (a typical all-in retail rate; --commission overrides) */
  commission: number;
}

export const INSTRUMENTS: Readonly<Record<string, Instrument>> = {
  ES: { symbol: 'ES', tick: 0.25, tickValue: 12.5, pointValue: 50, commission: 2.25 },
  NQ: { symbol: 'NQ', tick: 0.25, tickValue: 5, pointValue: 20, commission: 2.25 },
  YM: { symbol: 'YM', tick: 1, tickValue: 5, pointValue: 5, commission: 2.25 },
  RTY: { symbol: 'RTY', tick: 0.1, tickValue: 5, pointValue: 50, commission: 2.25 },
  MES: { symbol: 'MES', tick: 0.25, tickValue: 1.25, pointValue: 5, commission: 0.62 },
  MNQ: { symbol: 'MNQ', tick: 0.25, tickValue: 0.5, pointValue: 2, commission: 0.62 },
  MYM: { symbol: 'MYM', tick: 1, tickValue: 0.5, pointValue: 0.5, commission: 0.62 },
  M2K: { symbol: 'M2K', tick: 0.1, tickValue: 0.5, pointValue: 5, commission: 0.62 },
};

/** Case-insensitive lookup; an unknown name is a user error that lists the known ones. */
export function getInstrument(name: string): Instrument {
  const inst = INSTRUMENTS[name.trim().toUpperCase()];
  if (!inst) throw new MiaError(`unknown instrument "${name}" (known: ${Object.keys(INSTRUMENTS).join(', ')})`);
  return inst;
}

/** Price tick of a symbol, or undefined for a symbol mia does not know (the importer then assumes 0.25). */
export function tickOf(symbol: string): number | undefined {
  return INSTRUMENTS[symbol]?.tick;
}
