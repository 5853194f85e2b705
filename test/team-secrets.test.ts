import * as A from '@automerge/automerge';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { CapturedSession } from '@trail/model';
import { SECRET_FORMATS, SENTINEL, rng, secretForms } from '@trail/redact/testing';
import { describe, expect, it } from 'vitest';
import { runTrail, startRelayProcess } from './sync-support.js';
import { createTeam, invite, json, member, record, teamLog, teamSync } from './team-support.js';

interface Planted {
  readonly secret: string;
  readonly name: string;
}

/** Sessions whose prompts, commands and file paths carry every secret of the corpus. */
function sessionsWithSecrets(): {
  sessions: CapturedSession[];
  planted: Planted[];
  context: string;
} {
  const planted: Planted[] = [];
  const contexts: string[] = [];
  const sessions: CapturedSession[] = [];
  const per = 30;
  for (let at = 0, n = 0; at < SECRET_FORMATS.length; at += per, n++) {
    const id = `5ec7e7${String(n).padStart(2, '0')}-0000-4000-8000-000000000000`;
    const cwd = `/work/app-${n}`;
    const events: CapturedSession['events'][number][] = [];
    SECRET_FORMATS.slice(at, at + per).forEach((format, k) => {
      const { text, secret } = format.generate(rng(1000 + at + k));
      planted.push({ secret, name: format.name });
      const oneLine = !text.includes('\n');
      const t0 = Date.UTC(2026, 10, 2, 9, 0, 0) + (at + k) * 10_000;
      const ts = (s: number) => new Date(t0 + s * 1000).toISOString();
      const prompt = `check format-${at + k} please:\n${text}\nthanks`;
      const command = oneLine ? `echo "${text}"` : `bash -c '${text}'`;
      const path =
        format.inline && oneLine ? `${cwd}/src/${text}/config.json` : `${cwd}/src/plain-${k}.ts`;
      contexts.push([prompt, command, path].join('\n').replaceAll(secret, SENTINEL));
      events.push(
        { kind: 'prompt', id: `p-${id}-${k}`, ts: ts(0), text: prompt },
        {
          kind: 'tool',
          id: `c-${id}-${k}`,
          ts: ts(1),
          name: 'Bash',
          category: 'command',
          input: { command },
          command,
          status: 'ok',
          exitCode: 0,
          output: `ran with ${text}`,
        },
        {
          kind: 'tool',
          id: `e-${id}-${k}`,
          ts: ts(2),
          name: 'Edit',
          category: 'edit',
          input: { file_path: path },
          status: 'ok',
          changes: [
            {
              path,
              op: 'modify',
              added: 1,
              removed: 0,
              patch: `+${text}\n`,
              before: 'a\n',
              after: `a\n${text}\n`,
            },
          ],
        },
      );
    });
    sessions.push({
      id,
      agent: 'claude-code',
      cwd,
      model: 'claude-sonnet-4-6',
      title: `secrets ${n}`,
      events,
    });
  }
  return { sessions, planted, context: [...contexts, ...sessions.map((s) => s.id)].join('\n') };
}

/** Every entry's signed JSON in a saved team document, as text. */
function entriesText(file: string): string {
  const doc = A.load<Record<string, Uint8Array>>(readFileSync(file));
  // An envelope is version (1) | key (32) | signature (64) | payload.
  return Object.values(doc)
    .map((v) => Buffer.from(v.subarray(97)).toString('utf8'))
    .join('\n');
}

/**
 * Eight-character windows of the secret (in any of its escaped forms) found in `text` but not in
 * the context the secret sat in. Eight, not five: the documents are full of millisecond times
 * and base64 keys, where five digits of a numeric token turn up by chance.
 */
function leaked(text: string, secret: string, context: string): string[] {
  const found = new Set<string>();
  for (const form of secretForms(secret))
    for (let i = 0; i + 8 <= form.length; i++) {
      const w = form.slice(i, i + 8);
      if (text.includes(w) && !context.includes(w)) found.add(w);
    }
  return [...found];
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

describe('a summary with secrets in its prompts, commands and paths', () => {
  it('reaches a teammate with none of them, and none is in any team document or on the relay', async () => {
    const relay = await startRelayProcess();
    const [alice, bob] = [member('alice'), member('bob')];
    const { sessions, planted, context } = sessionsWithSecrets();
    await record(alice, sessions);
    const teamId = createTeam(alice, 'acme', relay.url);
    invite(alice, 'acme', bob);
    for (const s of sessions) {
      const dry = json<{ summary: { prompts: unknown[] } }>(alice, [
        'share',
        s.id,
        '--team',
        'acme',
        '--dry-run',
      ]);
      expect(dry.summary.prompts.length).toBe(s.events.filter((e) => e.kind === 'prompt').length);
      json(alice, ['share', s.id, '--team', 'acme']);
    }
    teamSync(bob, 'acme');
    const log = teamLog(bob, 'acme');
    expect(log.summaries.map((s) => s.session).sort()).toEqual(sessions.map((s) => s.id).sort());

    const shown = sessions.map(
      (s) => runTrail(bob.home, ['team', 'show', 'acme', s.id, '--json']).stdout,
    );
    const docs = [alice, bob].map((m) => join(m.home, 'teams', teamId, 'team.automerge'));
    const decoded = docs.map(entriesText).join('\n');
    // Not vacuous: every prompt arrived, each with its secret replaced by a placeholder.
    for (let i = 0; i < planted.length; i++) expect(decoded).toContain(`check format-${i} please`);
    expect((decoded.match(/\[REDACTED:/g) ?? []).length).toBeGreaterThanOrEqual(planted.length * 2);
    const raw = [
      ...docs,
      ...[alice, bob].map((m) => join(m.home, 'teams', teamId, 'index.sqlite')),
      ...filesUnder(relay.dataDir),
    ].map((f) => readFileSync(f).toString('latin1'));
    const leaks = planted.flatMap(({ secret, name }) => {
      const found = [decoded, ...shown, ...raw].flatMap((text) => leaked(text, secret, context));
      return found.length > 0 ? [`${name}: ${found.slice(0, 3).join(' ')}`] : [];
    });
    expect(leaks).toEqual([]);
  });
});
