import {
  existsSync,
  readFileSync,
  readdirSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { replaceDeep, type Matcher } from './matcher.js';

function rewrite(file: string, body: string): void {
  const tmp = `${file}.${process.pid}.purge.tmp`;
  writeFileSync(tmp, body, { mode: 0o600 });
  renameSync(tmp, file);
}

function replaceLine(line: string, matcher: Matcher): string {
  if (!matcher.test(line)) return line;
  try {
    const out = JSON.stringify(replaceDeep(JSON.parse(line), (s) => matcher.replace(s)));
    if (!matcher.test(out)) return out;
  } catch {
    // a torn or foreign line: replace in the raw text
  }
  return matcher.replace(line);
}

/**
 * Rewrites the capture spools under `spoolDir` (hook payloads not yet discarded, their state
 * files, which key prompts by their text, and rejected payloads) with every match replaced.
 * A spool's read offset is moved to the same line in the rewritten file, so nothing is
 * ingested twice or skipped. With `sessions`, only those sessions' spools. Returns the files
 * that held the secret.
 */
export function purgeSpools(
  spoolDir: string,
  matcher: Matcher,
  dryRun: boolean,
  sessions?: readonly string[],
): string[] {
  if (!existsSync(spoolDir)) return [];
  const touched: string[] = [];
  for (const agent of readdirSync(spoolDir)) {
    const dir = join(spoolDir, agent);
    if (!statSync(dir).isDirectory()) continue;
    for (const name of readdirSync(dir)) {
      const file = join(dir, name);
      if (name.endsWith('.tmp') || !statSync(file).isFile()) continue;
      if (sessions && !sessions.some((id) => name === `${id}.jsonl` || name === `${id}.state.json`))
        continue;
      const raw = readFileSync(file, 'utf8');
      if (!matcher.test(raw)) continue;
      touched.push(file);
      if (dryRun) continue;
      if (name.endsWith('.jsonl')) rewriteSpool(file, raw, matcher);
      else if (name.endsWith('.json'))
        rewrite(file, replaceLine(raw.trim(), matcher) + (raw.endsWith('\n') ? '\n' : ''));
      else rewrite(file, matcher.replace(raw));
    }
  }
  return touched;
}

function rewriteSpool(file: string, raw: string, matcher: Matcher): void {
  const stateFile = file.replace(/\.jsonl$/, '.state.json');
  let state: { offset?: number } | undefined;
  try {
    state = JSON.parse(readFileSync(stateFile, 'utf8')) as { offset?: number };
  } catch {
    state = undefined;
  }
  const bytes = Buffer.from(raw, 'utf8');
  const offset = Math.min(state?.offset ?? 0, bytes.length);
  const head = bytes.subarray(0, offset).toString('utf8');
  const tail = bytes.subarray(offset).toString('utf8');
  const fix = (part: string) =>
    part
      .split('\n')
      .map((l) => replaceLine(l, matcher))
      .join('\n');
  const newHead = fix(head);
  rewrite(file, newHead + fix(tail));
  if (state && state.offset !== undefined && state.offset > 0) {
    const next = replaceDeep({ ...state, offset: Buffer.byteLength(newHead) }, (s) =>
      matcher.replace(s),
    );
    rewrite(stateFile, JSON.stringify(next));
  }
}
