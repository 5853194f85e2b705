import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createRedactor } from './redactor.js';

// The shared corpus of real transcripts sits next to the repository: <repo>/../shared/corpus.
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const corpus = path.resolve(repoRoot, '../shared/corpus');
const present = existsSync(corpus);

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]))
    .sort();
}

// Inspected by hand (docs/redaction.md): every finding in these public transcripts is an e-mail
// address of a person named in Kubernetes RBAC manifests; there are no secrets and no false
// positives. Home directory and user name are set to values absent from the corpus.
const EXPECTED: Record<string, Record<string, number>> = {
  'README.md': {},
  'claude/bradymholt-dotfiles/-Users-bholt-dev-evergreen/69bc027a-1faa-4590-b2b5-6384f3af279d.jsonl':
    {},
  'claude/bradymholt-dotfiles/-Users-bholt-dev-evergreen/d91b43b5-0317-49e3-9497-309100180632.jsonl':
    {},
  'claude/claude-code-viewer/sample-project/5c0375b4-57a5-4f26-b12d-d022ee4e51b7.jsonl': {},
  'claude/claude-code-viewer/sample-project/fe5e1c67-53e7-4862-81ae-d0e013e3270b.jsonl': {},
  'claude/dotsv2/-Users-dumitruvulpe-uw-kubernetes-manifests/1c066e59-e52f-4c36-a16d-995355aff606.jsonl':
    { email: 1183 },
  'claude/omarchy-backup/-home-vwestberg-Claude/44ef5cbf-9cc3-4f7b-ac40-337a4d39713b.jsonl': {},
  'claude/omarchy-backup/-home-vwestberg-Claude/44ef5cbf-9cc3-4f7b-ac40-337a4d39713b/subagents/agent-a71969c1296961234.jsonl':
    {},
  'claude/omarchy-backup/-home-vwestberg-Claude/44ef5cbf-9cc3-4f7b-ac40-337a4d39713b/subagents/agent-a71969c1296961234.meta.json':
    {},
  'codex/CodeGandee-auto-quantize-model/sessions/2025/11/28/rollout-2025-11-28T03-40-25-019ac88c-3f80-7990-a29a-d20399dcab74.jsonl':
    {},
  'codex/SproutSeeds-coda/sessions/2025/10/04/rollout-2025-10-04T22-31-15-0199b26c-737a-71a2-9939-52ce68c95cbe.jsonl':
    {},
  'codex/blubber-dotfiles/sessions/2026/02/10/rollout-2026-02-10T04-57-33-019c45b2-846a-7fa1-9ed7-42354e9982fd.jsonl':
    {},
};

// A real e-mail address: a person's name at the organisation's domain, as the RBAC manifests list them.
const PERSON_AT_ORG = /^[a-z]+(?:\.[a-z]+)?@uw\.co\.uk$/;

describe.skipIf(!present)(`the real transcripts in ${corpus}`, () => {
  const redactor = createRedactor({
    homeDir: '/home/nobody-in-the-corpus',
    userName: 'nobody-in-the-corpus',
  });

  it('contain the files whose counts were inspected', () => {
    expect(files(corpus).map((f) => path.relative(corpus, f))).toEqual(
      Object.keys(EXPECTED).sort(),
    );
  });

  describe.each(Object.entries(EXPECTED))('%s', (name, expected) => {
    const text = present ? readFileSync(path.join(corpus, name), 'utf8') : '';

    it('has exactly the findings inspected by hand, each a real e-mail address', () => {
      const findings = redactor.scan(text);
      const counts: Record<string, number> = {};
      for (const f of findings) counts[f.kind] = (counts[f.kind] ?? 0) + 1;
      expect(counts).toEqual(expected);
      for (const f of findings) expect(text.slice(f.start, f.end)).toMatch(PERSON_AT_ORG);
    });

    it('finds the same in every parsed line as in the raw file', () => {
      let emails = 0;
      for (const line of text.split('\n')) {
        if (!line.trim() || !name.endsWith('.jsonl')) continue;
        const out = JSON.stringify(redactor.redactValue(JSON.parse(line) as unknown));
        emails += out.split('[REDACTED:email]').length - 1;
        expect(out).not.toMatch(/\[REDACTED:(?!email\])/);
      }
      expect(emails).toBe(name.endsWith('.jsonl') ? (expected['email'] ?? 0) : 0);
    });
  });
});

describe.skipIf(present)('the real-transcript corpus', () => {
  it(`is not checked: ${corpus} does not exist (it lives beside the repository, not in it)`, () => {
    expect(present).toBe(false);
  });
});
