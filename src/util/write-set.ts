// A multi-file output written as a whole or not at all: every file goes to a temporary sibling first; only
// when all are written are they renamed into place. If a rename fails, the files already replaced are
// restored from hard-link backups, and folders this call created are removed: nothing half written remains.
import { existsSync, linkSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { writeData, type FileData } from './atomic-write.ts';

export interface OutputFile {
  path: string;
  data: FileData;
}

export function writeFileSet(files: OutputFile[]): void {
  const tag = `${process.pid}.tmp`;
  const created: string[] = [];
  const temps: string[] = [];
  const backups: { path: string; backup: string }[] = [];
  const placed: string[] = [];
  try {
    for (const f of files) {
      const made = mkdirSync(dirname(f.path) || '.', { recursive: true });
      if (made !== undefined) created.push(made);
      const tmp = `${f.path}.${tag}`;
      temps.push(tmp);
      writeData(tmp, f.data);
    }
    for (const [i, f] of files.entries()) {
      if (existsSync(f.path)) {
        const backup = `${f.path}.${process.pid}.bak`;
        linkSync(f.path, backup);
        backups.push({ path: f.path, backup });
      }
      renameSync(temps[i]!, f.path);
      placed.push(f.path);
    }
  } catch (err) {
    for (const t of temps) rmSync(t, { force: true });
    for (const p of placed) rmSync(p, { force: true });
    for (const b of backups) renameSync(b.backup, b.path);
    for (const d of created.reverse()) rmSync(d, { recursive: true, force: true });
    throw err;
  }
  for (const b of backups) rmSync(b.backup, { force: true });
}
