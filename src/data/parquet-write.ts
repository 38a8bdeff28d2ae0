// Columns → Parquet bytes (hyparquet-writer, pure JS; ../shared/DEPENDENCIES.md §7), for the tables other tools
// read: bars, replays, trades, ledgers. Key-value metadata sorted, so the same table gives the same bytes.
import { lazyModule } from '../util/lazy-module.ts';

// loaded when a Parquet file is written, not by every command that may write one
const writer = lazyModule<typeof import('hyparquet-writer')>('hyparquet-writer');

export interface ParquetColumn {
  name: string;
  data: ArrayLike<number> | ArrayLike<string> | ArrayLike<bigint>;
  type: 'DOUBLE' | 'INT32' | 'STRING' | 'TIMESTAMP';
}

export function columnsToParquet(cols: ParquetColumn[], metadata: Record<string, string> = {}): Uint8Array {
  const buf = writer().parquetWriteBuffer({
    columnData: cols.map((c) => ({ name: c.name, data: Array.from(c.data as ArrayLike<unknown>) as never, type: c.type })),
    kvMetadata: Object.keys(metadata).sort().map((key) => ({ key, value: metadata[key]! })),
    createdBy: 'mia',
  });
  return new Uint8Array(buf);
}
