// Checks a Parquet data page's run-length/bit-packed streams (definition levels, dictionary indices) before
// hyparquet decodes them: its decoder loops without end on a run header that makes no progress or overflows
// (a corrupted varint), so every run here must fit in the bytes and move forward.
import { lazyModule } from '../util/lazy-module.ts';
import type { PageHeader, ColumnDecoder } from 'hyparquet/src/types.js';

const datapage = lazyModule<typeof import('hyparquet/src/datapage.js')>('hyparquet/src/datapage.js');

type Bad = (what: string) => never;

/** One RLE / bit-packed hybrid stream of `count` values of `width` bits: bounded, each run advancing. */
export function checkHybrid(b: Uint8Array, width: number, count: number, bad: Bad): void {
  if (!(width >= 0 && width <= 32)) bad(`bit width ${width}`);
  let pos = 0;
  let seen = 0;
  while (seen < count) {
    let header = 0;
    let shift = 0;
    for (;;) {
      if (pos >= b.length) bad('run-length stream ends before its values');
      const byte = b[pos++]!;
      header += (byte & 0x7f) * 2 ** shift;
      if (!(byte & 0x80)) break;
      shift += 7;
      if (shift > 28) bad('run header too long');
    }
    if (header > 2 ** 31 - 1) bad('run header out of range');
    const n = Math.floor(header / 2);
    if (n === 0) bad('empty run');
    if (header % 2) {
      pos += n * width;
      seen += n * 8;
    } else {
      pos += (width + 7) >> 3;
      seen += n;
    }
    if (pos > b.length) bad('run beyond the end of its stream');
  }
}

/** The streams of one flat column's data page (v1 or v2), `bytes` being the page as stored. */
export function checkDataPage(bytes: Uint8Array, h: PageHeader, d: ColumnDecoder, bad: Bad): void {
  const optional = d.element.repetition_type === 'OPTIONAL';
  const dict = (enc: string | undefined): boolean => enc === 'RLE_DICTIONARY' || enc === 'PLAIN_DICTIONARY';
  if (h.type === 'DATA_PAGE_V2' && h.data_page_header_v2) {
    const v2 = h.data_page_header_v2;
    const rep = Number(v2.repetition_levels_byte_length);
    const def = Number(v2.definition_levels_byte_length);
    if (!(rep >= 0 && def >= 0 && rep + def <= bytes.length)) bad('level lengths beyond the page');
    if (optional) checkHybrid(bytes.subarray(rep, rep + def), 1, v2.num_values, bad);
    if (dict(v2.encoding)) {
      const size = Number(h.uncompressed_page_size) - rep - def;
      const vals = v2.is_compressed !== false && size ? datapage().decompressPage(bytes.subarray(rep + def), size, d.codec, d.compressors) : bytes.subarray(rep + def);
      if (vals.length && vals[0]) checkHybrid(vals.subarray(1), vals[0], v2.num_values - v2.num_nulls, bad);
    }
  } else if (h.type === 'DATA_PAGE' && h.data_page_header) {
    const v1 = h.data_page_header;
    const page = datapage().decompressPage(bytes, Number(h.uncompressed_page_size), d.codec, d.compressors);
    let off = 0;
    if (optional) {
      if (page.length < 4) bad('page too short for its levels');
      const len = new DataView(page.buffer, page.byteOffset, page.byteLength).getUint32(0, true);
      if (4 + len > page.length) bad('levels beyond the page');
      checkHybrid(page.subarray(4, 4 + len), 1, v1.num_values, bad);
      off = 4 + len;
    }
    if (dict(v1.encoding) && off < page.length && page[off]) checkHybrid(page.subarray(off + 1), page[off]!, v1.num_values, bad);
  }
}
