// Growable column store for rows as they are parsed (typed arrays, doubled on demand).
export class Rows {
  n = 0;
  ts: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
  bid: Float64Array;
  ask: Float64Array;
  trades: Float64Array;
  /** contract id (index into the importer's contract list), -1 = infer from the date */
  cid: Int32Array;
  file: Int32Array;
  line: Int32Array;
  /** declared roll_week column value, -1 = none */
  rollDecl: Int8Array;

  constructor(cap: number) {
    cap = Math.max(16, cap);
    this.ts = new Float64Array(cap);
    this.open = new Float64Array(cap);
    this.high = new Float64Array(cap);
    this.low = new Float64Array(cap);
    this.close = new Float64Array(cap);
    this.volume = new Float64Array(cap);
    this.bid = new Float64Array(cap);
    this.ask = new Float64Array(cap);
    this.trades = new Float64Array(cap);
    this.cid = new Int32Array(cap);
    this.file = new Int32Array(cap);
    this.line = new Int32Array(cap);
    this.rollDecl = new Int8Array(cap);
  }

  /** Append one row (capacity must have been ensured); readers outside the CSV hot loop use this. */
  push(t: number, o: number, h: number, l: number, c: number, v: number, bid: number, ask: number, trades: number, cid: number, file: number, line: number): void {
    const i = this.n++;
    this.ts[i] = t;
    this.open[i] = o;
    this.high[i] = h;
    this.low[i] = l;
    this.close[i] = c;
    this.volume[i] = v;
    this.bid[i] = bid;
    this.ask[i] = ask;
    this.trades[i] = trades;
    this.cid[i] = cid;
    this.file[i] = file;
    this.line[i] = line;
    this.rollDecl[i] = -1;
  }

  ensure(extra: number): void {
    const need = this.n + extra;
    if (need <= this.ts.length) return;
    const cap = Math.max(need, this.ts.length * 2);
    const g = <T extends Float64Array | Int32Array | Int8Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(cap);
      b.set(a.subarray(0, this.n) as never);
      return b;
    };
    this.ts = g(this.ts);
    this.open = g(this.open);
    this.high = g(this.high);
    this.low = g(this.low);
    this.close = g(this.close);
    this.volume = g(this.volume);
    this.bid = g(this.bid);
    this.ask = g(this.ask);
    this.trades = g(this.trades);
    this.cid = g(this.cid);
    this.file = g(this.file);
    this.line = g(this.line);
    this.rollDecl = g(this.rollDecl);
  }
}
