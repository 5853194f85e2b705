import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { EXPORT_FORMATS, buildSessionExport, renderExport } from '@trail/export';
import { FsBlobStore } from '@trail/store/blobs';
import { listSessions, openIndex, sessionEvents } from '@trail/store/query';
import { POLICIES, createRedactor } from '@trail/redact';
import { describe, expect, it } from 'vitest';
import { CORPUS, tempDir, trail } from './helpers.js';

// Real public transcripts (../shared/corpus): thinking-block signatures, base64 images, encrypted
// Codex reasoning, long tool outputs. Exported under every policy, the only findings are the
// e-mail addresses of people named in one session's Kubernetes manifests (real addresses,
// docs/redaction.md); nothing base64, no signature and no image is taken for a secret.

const present = existsSync(CORPUS);

describe.skipIf(!present)('exports of the real corpus', () => {
  it(
    'redact nothing but real e-mail addresses, whatever the policy or format',
    { timeout: 120_000 },
    () => {
      const home = join(tempDir(), 'home');
      for (const agent of ['claude', 'codex']) {
        for (const label of readdirSync(join(CORPUS, agent))) {
          const r = trail(home, ['import', agent, '--from', join(CORPUS, agent, label)]);
          expect(r.status, r.stderr).toBe(0);
        }
      }
      const { db } = openIndex(join(home, 'index.sqlite'));
      const blobs = new FsBlobStore(join(home, 'blobs'), () => '');
      const text = (ref: { hash: string }) => {
        try {
          return blobs.getText(ref.hash as never);
        } catch {
          return undefined;
        }
      };
      const redactor = createRedactor({ homeDir: null, userName: null, hostName: null });
      const found: Record<string, Record<string, number>> = {};
      try {
        const sessions = listSessions(db, { includeHidden: true });
        expect(sessions.length).toBeGreaterThanOrEqual(8);
        for (const summary of sessions) {
          const events = sessionEvents(db, summary.id);
          for (const policy of POLICIES) {
            const x = buildSessionExport({ summary, events, text }, { redactor, policy });
            for (const format of EXPORT_FORMATS)
              expect(renderExport(x, format).length).toBeGreaterThan(0);
            if (Object.keys(x.redactions).length)
              found[`${summary.id.slice(0, 8)} ${policy}`] = { ...x.redactions };
          }
        }
      } finally {
        db.close();
      }
      // only the dotsv2 session (1c066e59) names people, by e-mail address
      expect(Object.keys(found).sort()).toEqual(['1c066e59 summary', '1c066e59 trace']);
      for (const kinds of Object.values(found)) expect(Object.keys(kinds)).toEqual(['email']);
    },
  );
});

describe.skipIf(present)('exports of the real corpus', () => {
  it.skip(`need the shared corpus at ${CORPUS}, which is absent`, () => undefined);
});
