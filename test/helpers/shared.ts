import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

// Tests on the real 5-year data run when ../shared exists (CI has it) and say so plainly when skipped.
export const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const SHARED_REAL = join(REPO, '..', 'shared', 'data', 'real');
export const HAS_SHARED = existsSync(SHARED_REAL);
export const SKIP_SHARED: string | false = HAS_SHARED ? false : `skipped: ../shared/data/real not found (real-data tests run where it exists, e.g. CI)`;
export const ES_5M_FILES = [
  join(SHARED_REAL, 'es', 'es_5m_orderflow_2019-12_2021-12.csv'),
  join(SHARED_REAL, 'es', 'es_5m_orderflow_2021-12_2024-09.csv'),
];
