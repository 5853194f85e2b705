import cliProgress from 'cli-progress';

/** A progress bar on stderr, only when stderr is a terminal and not in CI. */
export function progressBar(
  label: string,
): { update: (done: number, total: number) => void; stop: () => void } | undefined {
  if (!process.stderr.isTTY || process.env.CI) return undefined;
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {value}/{total} files`,
      stream: process.stderr,
      hideCursor: true,
      clearOnComplete: true,
      fps: 10,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total) {
      if (!started) {
        bar.start(total, done);
        started = true;
      } else bar.update(done);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
