/**
 * Process-wide manners: a closed pipe (`trail log | head`) ends the command quietly with
 * status 0 instead of an EPIPE stack trace, and automerge-repo's harmless negative-timeout
 * warning never reaches the user's terminal.
 */
export function quietStdio(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw e;
    });
  }
  quietWarnings();
}

/** automerge-repo's harmless negative-timeout warning never reaches the user's terminal. */
export function quietWarnings(): void {
  const emit = process.emitWarning.bind(process);
  process.emitWarning = (warning: string | Error, ...rest: unknown[]) => {
    const name =
      typeof warning === 'string'
        ? typeof rest[0] === 'string'
          ? rest[0]
          : (rest[0] as { type?: string } | undefined)?.type
        : warning.name;
    if (name === 'TimeoutNegativeWarning') return;
    (emit as (...a: unknown[]) => void)(warning, ...rest);
  };
}
