import { constants } from 'node:os';
import { isTrailError } from '@trail/model';
import { ingestSpools, recordTerminal } from '@trail/capture';
import { homeOf } from '../context.js';
import { info, type GlobalOptions } from '../output.js';
import { withStore } from '../store-session.js';

interface RecordOptions extends GlobalOptions {
  name?: string;
}

/**
 * `trail record [--name TITLE] -- <command...>`: runs the command in a pseudo-terminal,
 * records it as a `terminal` session, folds it into the store, and exits with the command's
 * own status (128 + the signal number when a signal killed it), so scripts see it unchanged.
 */
export async function run(command: string[], opts: RecordOptions): Promise<void> {
  const home = homeOf(opts).root;
  let result;
  try {
    result = await recordTerminal({
      command,
      home,
      ...(opts.name ? { title: opts.name } : {}),
      warn: (m) => info(opts, `trail: ${m}`),
    });
  } catch (e) {
    if (!isTrailError(e, 'COMMAND_NOT_FOUND')) throw e;
    // as a shell says it, with a shell's status
    process.stderr.write(`trail: ${e.message}\n`);
    process.exitCode = 127;
    return;
  }
  const id = result.sessionId.slice(0, 8);
  try {
    const report = await withStore(opts, (store) =>
      ingestSpools(store, { sessionId: result.sessionId, final: true }),
    );
    for (const p of report.problems) process.stderr.write(`${p.file}:${p.line}: ${p.reason}\n`);
  } catch (e) {
    process.stderr.write(
      `trail: the recording is kept in the spool; \`trail ingest\` will fold it in (${(e as Error).message})\n`,
    );
  }
  const how = result.signal ? `killed by ${result.signal}` : `exit ${result.exitCode ?? '?'}`;
  info(
    opts,
    `trail: recorded session ${id}: ${result.turns} line${result.turns === 1 ? '' : 's'} submitted, ${how}; see \`trail show ${id}\``,
  );
  const signo = result.signal
    ? (constants.signals as Record<string, number>)[result.signal]
    : undefined;
  process.exitCode = signo !== undefined ? 128 + signo : (result.exitCode ?? 1);
}
