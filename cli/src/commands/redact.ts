import { existsSync, readFileSync, statSync } from 'node:fs';
import { scanSession, lineColumn, type SessionFinding } from '@trail/export';
import { TrailError } from '@trail/model';
import type { Redactor } from '@trail/redact';
import { findSession, sessionEvents } from '@trail/store/query';
import { homeOf, readIndex } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { info, out, palette, printJson, type GlobalOptions } from '../output.js';
import { outgoingRedactor, secretsRedactor } from '../redact-config.js';
import { readStdin } from '../read-stdin.js';

interface RedactOptions extends GlobalOptions {
  check?: boolean;
}

/** A finding in a file, on stdin, or in a recorded session. */
export interface CheckFinding {
  readonly target: string;
  readonly kind: string;
  readonly masked: string;
  readonly location: { line: number; column: number } | SessionFinding['location'];
}

/** What `redact --check` looked at. */
export interface CheckedTarget {
  readonly target: string;
  readonly type: 'file' | 'stdin' | 'session';
  readonly findings: number;
  /** Why it was not scanned (a binary file). */
  readonly skipped?: string;
}

function isBinary(bytes: Buffer): boolean {
  return bytes.subarray(0, 8192).includes(0);
}

function scanText(target: string, text: string, redactor: Redactor): CheckFinding[] {
  return redactor
    .scan(text)
    .map((f) => ({ target, kind: f.kind, masked: f.masked, location: lineColumn(text, f.start) }));
}

/**
 * Lists the secrets in files, stdin (`-`) or recorded sessions without changing anything. A
 * target that names an existing file is a file; anything else is a session id or prefix.
 */
export async function check(
  targets: readonly string[],
  opts: GlobalOptions,
): Promise<{ findings: CheckFinding[]; targets: CheckedTarget[] }> {
  const redactor = secretsRedactor(homeOf(opts));
  const findings: CheckFinding[] = [];
  const checked: CheckedTarget[] = [];
  let index: Awaited<ReturnType<typeof readIndex>> | undefined;
  try {
    for (const target of targets) {
      if (target === '-') {
        const found = scanText('-', await readStdin(), redactor);
        findings.push(...found);
        checked.push({ target, type: 'stdin', findings: found.length });
      } else if (existsSync(target) && statSync(target).isFile()) {
        const bytes = readFileSync(target);
        if (isBinary(bytes)) {
          checked.push({ target, type: 'file', findings: 0, skipped: 'binary' });
          continue;
        }
        const found = scanText(target, bytes.toString('utf8'), redactor);
        findings.push(...found);
        checked.push({ target, type: 'file', findings: found.length });
      } else {
        index ??= await readIndex(opts);
        const summary = findSession(index.db, target);
        const events = sessionEvents(index.db, summary.id);
        const found = scanSession({ summary, events, text: index.text }, redactor).map((f) => ({
          target: summary.id,
          ...f,
        }));
        findings.push(...found);
        checked.push({ target: summary.id, type: 'session', findings: found.length });
      }
    }
  } finally {
    index?.db.close();
  }
  return { findings, targets: checked };
}

function where(f: CheckFinding): string {
  const l = f.location;
  if (!('field' in l)) return `${f.target}:${l.line}:${l.column}`;
  const scope =
    l.prompt === null ? 'session' : l.prompt === 0 ? 'before prompt 1' : `prompt ${l.prompt}`;
  return `${f.target.slice(0, 8)} ${scope}${l.event ? ` ${l.event}` : ''} ${l.field}${l.in === 'blob' ? '' : ' (document)'}:${l.line}:${l.column}`;
}

/**
 * `trail redact --check <targets...>`: findings (kind, location, masked value), exit 10 when any;
 * `trail redact <file | ->`: the text with every finding replaced, on stdout.
 */
export async function run(targets: string[], opts: RedactOptions): Promise<void> {
  if (!opts.check) {
    if (targets.length !== 1)
      throw new TrailError('USAGE', 'give one file (or - for stdin) to redact, or use --check');
    const target = targets[0]!;
    if (target !== '-' && !(existsSync(target) && statSync(target).isFile())) {
      throw new TrailError(
        'USAGE',
        `${target} is not a file; to share a session redacted, use \`trail export ${target}\``,
      );
    }
    const text = target === '-' ? await readStdin() : readFileSync(target, 'utf8');
    process.stdout.write(outgoingRedactor(homeOf(opts)).redact(text));
    return;
  }
  const { findings, targets: checked } = await check(targets, opts);
  if (opts.json) printJson({ count: findings.length, findings, targets: checked });
  else {
    const c = palette(process.stdout, opts);
    for (const f of findings) out(`${c.bold(where(f))}: ${c.red(f.kind)} ${f.masked}`);
    for (const t of checked) if (t.skipped) info(opts, `trail: skipped ${t.target} (${t.skipped})`);
    info(
      opts,
      findings.length === 0
        ? `no secrets found in ${plural(checked.length)}`
        : `${findings.length} finding${findings.length === 1 ? '' : 's'} in ${plural(checked.filter((t) => t.findings > 0).length)}`,
    );
  }
  if (findings.length > 0) process.exitCode = EXIT.findings;
}

function plural(n: number): string {
  return `${n} target${n === 1 ? '' : 's'}`;
}
