import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRedactor } from '@trail/redact';
import { describe, expect, it } from 'vitest';
import { buildSessionExport } from './build.js';
import { buildPrSummary } from './pr/build.js';
import { sessionWith } from './testing/session.js';

// docs/export-schema.md names every field an export or a PR summary can hold.

const DOC = readFileSync(
  join(import.meta.dirname, '..', '..', '..', 'docs', 'export-schema.md'),
  'utf8',
);
const redactor = createRedactor({ homeDir: '/home/dev', userName: 'dev' });

function keys(v: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(v)) for (const x of v) keys(x, out);
  else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      out.add(k);
      if (k !== 'redactions') keys(x, out);
    }
  }
  return out;
}

describe('docs/export-schema.md', () => {
  it('documents every field of a trace export', () => {
    const x = buildSessionExport(sessionWith(undefined), { redactor, policy: 'trace' });
    const missing = [...keys(x)].filter(
      (k) => !DOC.includes(`\`${k}\``) && !DOC.includes(`"${k}"`),
    );
    expect(missing).toEqual([]);
    expect(DOC).toContain(`"schema": "${x.schema}"`);
    expect(DOC).toContain(`## \`${x.schema}\` version ${x.version}`);
  });

  it('documents every field of a PR summary', () => {
    const s = sessionWith(undefined);
    const x = buildPrSummary(
      {
        root: s.summary.cwd,
        base: { ref: 'main', sha: 'a'.repeat(40), time: s.summary.startedAt },
        head: { ref: 'feature', sha: 'b'.repeat(40) },
        commits: [
          { sha: 'c'.repeat(40), time: s.summary.endedAt, subject: 'fix', files: ['src/auth.ts'] },
        ],
        sessions: [s],
      },
      { redactor },
    );
    const missing = [...keys(x)].filter((k) => !DOC.includes(`\`${k}\``));
    expect(missing).toEqual([]);
    expect(x.commits[0]!.sessions).toEqual([s.summary.id]);
  });
});
