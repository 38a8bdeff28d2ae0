// Names shared by the coordinator and the workers: one queue, and results keyed by deterministic ids so a re-run
// of the same sweep (same spec hash) finds the chunks that already finished.
export const QUEUE_NAME = 'mia-trials';
/** results and specs live this long (seconds): long enough to resume a killed coordinator, short enough to clean up */
export const RESULT_TTL_S = 24 * 3600;

export const specKey = (run: string): string => `mia:fleet:spec:${run}`;
export const resultKey = (jobId: string): string => `mia:fleet:rows:${jobId}`;
/** BullMQ refuses ':' in custom ids; run hash + window + chunk index is unique and stable */
export const chunkJobId = (run: string, view: number, chunk: number): string => `${run}-${view}-${chunk}`;
/** an optimize run's spec (another shape than a sweep's: src/fleet/weights-schema.ts) */
export const weightsSpecKey = (run: string): string => `mia:fleet:ospec:${run}`;
/** a weight-set chunk's id: the run and a hash of its data (window, blocks, weights), so a re-run finds it again */
export const weightsJobId = (run: string, dataHash: string): string => `${run}-w-${dataHash.slice(0, 32)}`;
