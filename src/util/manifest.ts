import { MIA_VERSION, ENGINE_VERSION } from '../version.ts';
import type { SourceInfo } from '../data/types.ts';

/** What every result records about how it was made. No clock: the same inputs give byte-identical output. */
export interface Manifest {
  mia_version: string;
  engine_version: string;
  command: string;
  inputs: SourceInfo[];
  parameters: Record<string, unknown>;
}

export function manifest(command: string, inputs: SourceInfo[], parameters: Record<string, unknown>): Manifest {
  return { mia_version: MIA_VERSION, engine_version: ENGINE_VERSION, command, inputs, parameters };
}
