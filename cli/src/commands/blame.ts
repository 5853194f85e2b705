import { createHash } from 'node:crypto';
import { TrailError } from '@trail/model';
import { blame, type BlameLine, type Origin } from '@trail/history';
import { blameLineJson, type BlameJson } from '@trail/api';
import { readIndex } from '../context.js';
import { out, palette, printJson, shortTime, type GlobalOptions } from '../output.js';

interface BlameOptions extends GlobalOptions {
  L?: string;
  porcelain?: boolean;
}

/** `trail blame <file>`: who produced each line of the file as it is on disk now. */
export async function run(file: string, opts: BlameOptions): Promise<void> {
  const range = opts.L !== undefined ? parseRange(opts.L) : undefined;
  const { db, paths, text } = await readIndex(opts);
  let result;
  try {
    result = blame({
      db,
      blobText: text,
      checkpointsDir: paths.checkpoints,
      file,
      ...(range ? { range } : {}),
    });
  } finally {
    db.close();
  }
  if (opts.json) {
    printJson({
      file: result.path,
      root: result.root,
      total: result.total,
      lines: result.lines.map(blameLineJson),
    } satisfies Omit<BlameJson, 'version'>);
    return;
  }
  if (opts.porcelain) {
    porcelain(result.lines);
    return;
  }
  const c = palette(process.stdout, opts);
  const width = String(result.lines.at(-1)?.line ?? 1).length;
  for (const l of result.lines) {
    const o = l.origin;
    const when = o.ts ? shortTime(o.ts) : ''.padEnd(16);
    const mark = o.inferred ? '*' : ' ';
    let who: string;
    if (o.kind === 'human') who = c.magenta('human'.padEnd(38));
    else if (o.kind === 'before') who = c.dim('before trail'.padEnd(38));
    else
      who = `${c.yellow((o.sessionId ?? '').slice(0, 8))} ${`p${o.prompt ?? '?'}`.padEnd(4)} ${agentOf(o).padEnd(14).slice(0, 14)} ${(o.kind === 'turn' ? 'turn' : (o.tool ?? '')).padEnd(9).slice(0, 9)}`;
    out(
      `${who}${mark}${o.kind === 'before' ? ''.padEnd(16) : when} ${String(l.line).padStart(width)}) ${l.text}`,
    );
  }
  if (result.lines.some((l) => l.origin.inferred) && !opts.quiet) {
    process.stderr.write(
      '* inferred from recorded patches: no checkpoint confirms it (imported session, or a file outside any checkpointed tree)\n',
    );
  }
}

function agentOf(o: Origin): string {
  return o.agentId ? `${o.agent ?? ''}/${o.agentId.slice(0, 6)}` : (o.agent ?? '');
}

/** Parses -L like git: `start,end`, `start,+count`, or `start` (to the end). */
export function parseRange(spec: string): { start: number; end: number } {
  const m = /^(\d+)(?:,(\+?)(\d+))?$/.exec(spec.trim());
  const start = m ? Number(m[1]) : NaN;
  if (!m || start < 1)
    throw new TrailError(
      'USAGE',
      `-L needs start,end (or start,+count), not ${JSON.stringify(spec)}`,
      { range: spec },
    );
  const end =
    m[3] === undefined ? Number.MAX_SAFE_INTEGER : m[2] ? start + Number(m[3]) - 1 : Number(m[3]);
  if (end < start)
    throw new TrailError('USAGE', `-L ${spec}: the end comes before the start`, { range: spec });
  return { start, end };
}

/** The stable 40-hex key of an origin, as git's porcelain names a commit. */
function keyOf(o: Origin): string {
  return createHash('sha1')
    .update(JSON.stringify([o.kind, o.sessionId, o.prompt, o.toolCallId, o.ts, o.inferred]))
    .digest('hex');
}

/**
 * git's porcelain shape: `<key> <origin line> <final line> [<lines in group>]`, then, the
 * first time a key appears, one `name value` line per known field, then a tab and the line.
 */
function porcelain(lines: readonly BlameLine[]): void {
  const described = new Set<string>();
  let prev: string | undefined;
  lines.forEach((l, i) => {
    const key = keyOf(l.origin);
    let header = `${key} ${l.originLine} ${l.line}`;
    if (key !== prev) {
      let n = 1;
      while (lines[i + n] && keyOf(lines[i + n]!.origin) === key) n++;
      header += ` ${n}`;
    }
    prev = key;
    out(header);
    if (!described.has(key)) {
      described.add(key);
      const o = l.origin;
      const fields: [string, string | number | undefined][] = [
        ['kind', o.kind],
        ['session', o.sessionId],
        ['prompt', o.prompt],
        ['prompt-text', o.promptText],
        ['tool', o.tool],
        ['tool-call', o.toolCallId],
        ['agent', o.agent],
        ['agent-id', o.agentId],
        ['model', o.model],
        ['time', o.ts],
        ['inferred', o.inferred ? 1 : 0],
      ];
      for (const [k, v] of fields)
        if (v !== undefined && v !== '') out(`${k} ${String(v).replace(/\s+/g, ' ')}`);
    }
    out(`\t${l.text}`);
  });
}
