import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseRedactConfig } from './config.js';
import { BUILTIN_KINDS } from './kinds.js';
import { POLICIES, POLICY_SETTINGS } from './policy.js';
import { createRedactor } from './redactor.js';

const docPath = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../docs/redaction.md',
);
const doc = readFileSync(docPath, 'utf8');

describe('docs/redaction.md', () => {
  it('names every built-in kind', () => {
    for (const kind of BUILTIN_KINDS) {
      if (kind === 'home-dir' || kind === 'user-name') continue; // documented by their placeholders
      expect(doc, kind).toContain(`\`${kind}\``);
    }
  });

  it('shows a configuration example that parses and behaves as described', () => {
    const json = /```json\n([\s\S]*?)\n```/.exec(doc)![1]!;
    const r = createRedactor(parseRedactConfig(JSON.parse(json)));
    expect(r.redact('ACME-123456 acme_key=abcd1234 AKIAIOSFODNN7EXAMPLE /home/alice/x')).toBe(
      '[REDACTED:acme-ticket] acme_key=[REDACTED:acme-key] AKIAIOSFODNN7EXAMPLE ~/x',
    );
  });

  it('lists the policy limits the code uses', () => {
    for (const p of POLICIES) {
      const { limits } = POLICY_SETTINGS[p];
      for (const v of Object.values(limits))
        if (v > 0) expect(doc, `${p}: ${v}`).toContain(String(v));
    }
  });
});
