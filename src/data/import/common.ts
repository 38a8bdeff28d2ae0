// Shared pieces of every CSV dialect reader: the row-error sink (fail or skip) and line scanning over a Buffer.
import { InputError, MiaError } from '../../util/errors.ts';

export interface SkippedRow {
  file: string;
  line: number;
  field: string;
  message: string;
  /** 'row' for columnar files (the line is a row number) */
  unit?: 'row';
}

export class Ctx {
  skipped: SkippedRow[] = [];
  /** columnar files (Arrow, Parquet): their `line` is a row number, named `file:row N` */
  columnar = new Set<string>();
  constructor(readonly skip: boolean) {}
  fail(file: string, line: number, field: string, msg: string): void {
    const rowUnit = this.columnar.has(file);
    if (!this.skip) throw rowUnit ? new MiaError(`${file}:row ${line}: ${field}: ${msg}`) : new InputError(file, line, field, msg);
    this.skipped.push(rowUnit ? { file, line, field, message: msg, unit: 'row' } : { file, line, field, message: msg });
  }
}

/** `file:line` or `file:row N` of a skipped row, for messages. */
export function skippedWhere(s: SkippedRow): string {
  return s.unit === 'row' ? `${s.file}:row ${s.line}` : `${s.file}:${s.line}`;
}

/** The bytes after a UTF-8 byte order mark (EF BB BF), if any. */
export function stripBom(buf: Buffer): Buffer {
  return buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? buf.subarray(3) : buf;
}

/** The line starting at pos: where its content ends (before any CR), where the next line starts, and whether it had a newline. */
export function lineAt(buf: Buffer, pos: number, len: number): { end: number; next: number; hasNl: boolean } {
  let eol = buf.indexOf(10, pos);
  const hasNl = eol >= 0;
  if (!hasNl) eol = len;
  return { end: eol > pos && buf[eol - 1] === 13 ? eol - 1 : eol, next: eol + 1, hasNl };
}

/** Blank lines are tolerated only at the very end of a file: true when nothing but newlines and spaces follows pos. */
export function onlyBlankFrom(buf: Buffer, pos: number, len: number): boolean {
  let rest = pos;
  while (rest < len && (buf[rest] === 10 || buf[rest] === 13 || buf[rest] === 32)) rest++;
  return rest >= len;
}

/** Upper bound on data rows from byte offset `pos`: the newline count plus a possible unterminated last line. */
export function countLines(buf: Buffer, pos: number): number {
  let c = 1;
  for (let i = buf.indexOf(10, pos); i >= 0; i = buf.indexOf(10, i + 1)) c++;
  return c;
}

/** ISO text of a UTC ms instant for messages; a value outside Date's range (a 17-digit time_unix) must not throw. */
export function isoTime(t: number): string {
  return Math.abs(t) <= 8.64e15 ? new Date(t).toISOString() : `${t} ms (outside the date range)`;
}
