import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRedactor } from '@trail/redact';
import { SECRET_FORMATS, rng } from '@trail/redact/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { sessionWith } from '../../export/src/testing/session.js';
import { isTeamError } from './errors.js';
import { publishSummary } from './share-ops.js';
import {
  assertClean,
  buildSharedSummary,
  isSharedSummary,
  type SharedSummary,
  type SummaryPayload,
} from './summary.js';

const redactor = createRedactor({ homeDir: '/home/dev', userName: 'dev' });
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A session with `text` in a prompt, a command or a path (the export package's test session). */
function input(field: 'prompt' | 'command' | 'path', text: string) {
  return sessionWith(field, text);
}

describe('the redaction gate', () => {
  it('only buildSharedSummary makes a publishable summary, and it carries no secret of the corpus', () => {
    for (const [i, format] of SECRET_FORMATS.entries()) {
      const { text, secret } = format.generate(rng(i + 1));
      const fields =
        format.inline && !text.includes('\n')
          ? (['prompt', 'command', 'path'] as const)
          : (['prompt', 'command'] as const);
      for (const field of fields) {
        for (const policy of ['summary', 'trace'] as const) {
          const s = buildSharedSummary(input(field, text), { redactor, policy });
          expect(isSharedSummary(s)).toBe(true);
          expect(JSON.stringify(s).includes(secret), `${format.name} in ${field}`).toBe(false);
          expect(() => assertClean(s, redactor)).not.toThrow();
        }
      }
    }
  });

  it('refuses to publish a summary that did not come from the redactor', async () => {
    const home = mkdtempSync(join(tmpdir(), 'trail-team-gate-'));
    dirs.push(home);
    const genuine = buildSharedSummary(input('prompt', 'hello'), { redactor });
    // A copy is no longer the minted object: the type says SharedSummary only through a cast.
    const forged = JSON.parse(JSON.stringify(genuine)) as SharedSummary;
    const error = await publishSummary(home, 'acme', forged, redactor).catch((e: unknown) => e);
    expect(isTeamError(error, 'TEAM_REDACTION_REQUIRED')).toBe(true);
    const plain: SummaryPayload = JSON.parse(JSON.stringify(genuine)) as SummaryPayload;
    // @ts-expect-error a plain object is not a SharedSummary: publishing it does not type-check.
    const untyped = publishSummary(home, 'acme', plain, redactor).catch((e: unknown) => e);
    expect(isTeamError(await untyped, 'TEAM_REDACTION_REQUIRED')).toBe(true);
  });

  it('re-scans before signing: a summary the redactor still finds something in is refused', () => {
    const leaky = {
      prompts: [
        {
          text: 'AKIAIOSFODNN7EXAMPLE aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
        },
      ],
    };
    expect(() => assertClean(leaky, redactor)).toThrow(/refusing to publish/);
  });
});

describe('every code path that writes a summary', () => {
  it('goes through publishSummary, which takes only a SharedSummary', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const here = import.meta.dirname;
    const sources = readdirSync(here).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    const writers = sources.filter((f) =>
      /\bt: 'summary',/.test(readFileSync(join(here, f), 'utf8')),
    );
    expect(writers).toEqual(['share-ops.ts']);
    const cli = join(here, '..', '..', '..', 'cli', 'src', 'commands');
    const callers = readdirSync(cli).filter((f) =>
      readFileSync(join(cli, f), 'utf8').includes('publishSummary('),
    );
    expect(callers).toEqual(['share.ts']);
    expect(readFileSync(join(cli, 'share.ts'), 'utf8')).toMatch(/buildSharedSummary\(/);
  });
});
