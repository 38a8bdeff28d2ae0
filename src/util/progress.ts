import cliProgress from 'cli-progress';

export interface Progress {
  update(done: number): void;
  stop(): void;
}

const SILENT: Progress = { update() {}, stop() {} };

// Progress goes to stderr and only to a terminal: piped output and --quiet stay clean for machines.
export function progress(label: string, total: number, quiet = false): Progress {
  if (quiet || !process.stderr.isTTY || total <= 0) return SILENT;
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | ETA {eta_formatted} | {value}/{total}`,
      stream: process.stderr,
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  let last = 0;
  return {
    update(done: number) {
      // redraw at most every 1% so the bar never costs more than the work it reports
      if (done - last >= total / 100 || done === total) {
        bar.update(done);
        last = done;
      }
    },
    stop() {
      bar.stop();
    },
  };
}
