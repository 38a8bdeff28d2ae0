// Minimal flatbuffer table access for Arrow IPC metadata, with every offset and length checked against the bytes
// (a corrupted count must end in a named error, never a long loop or a read past the end).
export class FB {
  private readonly dv: DataView;
  constructor(
    readonly b: Uint8Array,
    private readonly bad: (what: string) => never,
  ) {
    this.dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  }

  private need(pos: number, len: number): void {
    if (!(pos >= 0 && len >= 0 && pos + len <= this.b.length)) this.bad(`metadata offset ${pos}+${len} outside the ${this.b.length}-byte message`);
  }

  private u32(pos: number): number {
    this.need(pos, 4);
    return this.dv.getUint32(pos, true);
  }

  /** position of the root table */
  root(): number {
    return this.tableAt(0);
  }

  private tableAt(refPos: number): number {
    const t = refPos + this.u32(refPos);
    this.need(t, 4);
    return t;
  }

  /** absolute position of field `k` of the table at `t`, or -1 when absent */
  private field(t: number, k: number): number {
    this.need(t, 4);
    const vt = t - this.dv.getInt32(t, true);
    this.need(vt, 4);
    const vtSize = this.dv.getUint16(vt, true);
    if (4 + 2 * k + 2 > vtSize) return -1;
    this.need(vt, 4 + 2 * k + 2);
    const off = this.dv.getUint16(vt + 4 + 2 * k, true);
    return off === 0 ? -1 : t + off;
  }

  u8(t: number, k: number, dflt: number): number {
    const p = this.field(t, k);
    if (p < 0) return dflt;
    this.need(p, 1);
    return this.b[p]!;
  }

  bool(t: number, k: number): boolean {
    return this.u8(t, k, 0) !== 0;
  }

  i16(t: number, k: number, dflt: number): number {
    const p = this.field(t, k);
    if (p < 0) return dflt;
    this.need(p, 2);
    return this.dv.getInt16(p, true);
  }

  i32(t: number, k: number, dflt: number): number {
    const p = this.field(t, k);
    if (p < 0) return dflt;
    this.need(p, 4);
    return this.dv.getInt32(p, true);
  }

  i64(t: number, k: number, dflt: number): number {
    const p = this.field(t, k);
    return p < 0 ? dflt : this.rawI64(p);
  }

  /** a little-endian int64 at an absolute position, as a safe number (else a named error) */
  rawI64(p: number): number {
    this.need(p, 8);
    const v = this.dv.getBigInt64(p, true);
    if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < -BigInt(Number.MAX_SAFE_INTEGER)) this.bad(`integer ${v} out of range`);
    return Number(v);
  }

  /** sub-table of field k, or -1 */
  table(t: number, k: number): number {
    const p = this.field(t, k);
    return p < 0 ? -1 : this.tableAt(p);
  }

  str(t: number, k: number): string {
    const p = this.field(t, k);
    if (p < 0) return '';
    const s = p + this.u32(p);
    const len = this.u32(s);
    this.need(s + 4, len);
    return new TextDecoder().decode(this.b.subarray(s + 4, s + 4 + len));
  }

  private vec(t: number, k: number, elem: number): { at: number; len: number } {
    const p = this.field(t, k);
    if (p < 0) return { at: 0, len: 0 };
    const v = p + this.u32(p);
    const len = this.u32(v);
    // the length is checked against the bytes before anything loops over it
    this.need(v + 4, len * elem);
    return { at: v + 4, len };
  }

  vecLen(t: number, k: number): number {
    return this.vec(t, k, 4).len;
  }

  /** table element i of a vector of tables */
  vecTable(t: number, k: number, i: number): number {
    const { at, len } = this.vec(t, k, 4);
    if (i >= len) this.bad('vector index out of range');
    return this.tableAt(at + 4 * i);
  }

  /** absolute position of struct element i (inline, `size` bytes each) */
  vecStruct(t: number, k: number, i: number, size: number): number {
    const { at, len } = this.vec(t, k, size);
    if (i >= len) this.bad('vector index out of range');
    return at + size * i;
  }
}
