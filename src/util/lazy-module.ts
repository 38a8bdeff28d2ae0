// A dependency loaded on its first use, synchronously (require of an ES module: Node >= 20.19, the engines floor).
// A command that never reads or writes Parquet then never loads hyparquet (~20-30 ms of every import and replay).
import { createRequire } from 'node:module';

const load = createRequire(import.meta.url);

/** `() => the module`, loaded by the first call; `id` resolves like an import from this package. */
export function lazyModule<T>(id: string): () => T {
  let mod: T | undefined;
  return () => (mod ??= load(id) as T);
}
