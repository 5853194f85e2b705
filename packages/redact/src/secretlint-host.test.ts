import { lintSource } from '@secretlint/core';
import { rules as recommended } from '@secretlint/secretlint-rule-preset-recommend';
import type { SecretLintRuleCreator } from '@secretlint/types';
import { describe, expect, it } from 'vitest';
import { rng } from './fixtures/rng.js';
import { SECRET_FORMATS } from './fixtures/secrets.js';
import { createRedactor } from './redactor.js';
import { hostRule } from './secretlint/host.js';
import {
  EXCLUDED_RULES,
  RULE_SPECS,
  SECRETLINT_RULE_IDS,
  secretlintRules,
} from './secretlint/rules.js';
import { TextSource } from './secretlint/source-code.js';

const rules = secretlintRules();
const ids = rules.map((r) => r.meta.id);
const redactor = createRedactor({ homeDir: '', userName: '' });

const samples = SECRET_FORMATS.flatMap((f) => [1, 2, 3].map((seed) => f.generate(rng(seed)).text));
samples.push(
  'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYzzzzzzzzzz and aws_account_id: 1234-5678-9012',
  '"repository": "https://ghp_0123456789abcdef0123456789abcdef0123:x-oauth-basic@github.com/acme/api.git"',
  'curl https://deploy:S3cretPassw0rd@ci.acme.dev/hooks',
  'no secrets here at all',
);

async function viaLintSource(rule: SecretLintRuleCreator<never>, text: string): Promise<string[]> {
  const result = await lintSource({
    source: { content: text, filePath: '', ext: '.txt', contentType: 'text' },
    options: {
      config: {
        rules: [
          { id: rule.meta.id, rule, options: (RULE_SPECS[rule.meta.id]?.options ?? {}) as never },
        ],
      },
      noPhysicFilePath: true,
    },
  });
  return result.messages.map((m) => `${m.messageId}@${m.range[0]}-${m.range[1]}`).sort();
}

function viaHost(rule: SecretLintRuleCreator<never>, text: string): string[] {
  const out: string[] = [];
  hostRule(rule, (RULE_SPECS[rule.meta.id]?.options ?? {}) as never).run(
    new TextSource(text),
    (id, s, e) => out.push(`${id}@${s}-${e}`),
  );
  return out.sort();
}

describe('the secretlint rule host', () => {
  it('runs every rule of the recommended preset except the two it must not run', () => {
    const preset = (recommended as SecretLintRuleCreator<never>[]).map((r) => r.meta.id);
    expect(ids.sort()).toEqual(preset.filter((id) => !(id in EXCLUDED_RULES)).sort());
    expect(Object.keys(EXCLUDED_RULES).sort()).toEqual([
      '@secretlint/secretlint-rule-filter-comments',
      '@secretlint/secretlint-rule-gcp',
    ]);
  });

  it('knows the rules of the installed secretlint, in order, without loading them', () => {
    // on a secretlint upgrade that changes this, update SECRETLINT_RULE_IDS and RULE_SPECS
    expect(SECRETLINT_RULE_IDS).toEqual(rules.map((r) => r.meta.id));
  });

  it('includes the Anthropic, OpenAI, database-connection-string and private-key rules', () => {
    for (const id of ['anthropic', 'openai', 'database-connection-string', 'privatekey']) {
      expect(ids).toContain(`@secretlint/secretlint-rule-${id}`);
    }
  });

  it('maps every message of every rule to a finding kind and has anchors for every rule', () => {
    for (const rule of rules) {
      const spec = RULE_SPECS[rule.meta.id];
      expect(spec, rule.meta.id).toBeDefined();
      expect(Object.keys(spec!.kinds).sort(), rule.meta.id).toEqual(
        Object.keys(rule.messages).sort(),
      );
      expect(
        (spec!.anchors?.length ?? 0) + (spec!.anchorsIgnoringCase?.length ?? 0),
        rule.meta.id,
      ).toBeGreaterThan(0);
    }
  });

  it('reports exactly what lintSource reports for the same text', async () => {
    for (const rule of rules) {
      for (const text of samples)
        expect(viaHost(rule, text), `${rule.meta.id}: ${text}`).toEqual(
          await viaLintSource(rule, text),
        );
    }
  });

  it('only runs a rule when one of its anchors occurs, without changing any result', () => {
    const always = createRedactor({ homeDir: '', userName: '' });
    for (const text of samples) {
      for (const rule of rules) {
        const reports = viaHost(rule, text);
        if (reports.length === 0) continue;
        const spec = RULE_SPECS[rule.meta.id]!;
        const lower = text.toLowerCase();
        const anchored =
          (spec.anchors ?? []).some((a) => text.includes(a)) ||
          (spec.anchorsIgnoringCase ?? []).some((a) => lower.includes(a.toLowerCase()));
        expect(anchored, `${rule.meta.id} reported on a text without its anchors: ${text}`).toBe(
          true,
        );
        expect(always.scan(text).length).toBeGreaterThan(0);
      }
    }
  });

  it('corrects the range secretlint reports for an AWS secret access key', async () => {
    const key = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzzzzzzzzzz';
    const text = `aws_secret_access_key = ${key}`;
    const aws = rules.find((r) => r.meta.id === '@secretlint/secretlint-rule-aws')!;
    // secretlint 13.0.7 starts the range at the name but gives it the key's length
    expect(await viaLintSource(aws, text)).toEqual(['AWSSecretAccessKey@0-40']);
    expect(redactor.redact(text)).toBe('aws_secret_access_key = [REDACTED:aws-secret-key]');
  });

  it('ignores secretlint-disable comments: recorded text cannot switch redaction off', () => {
    const token = `ghp_${'a1B2c3D4e5'.repeat(3)}a1B2c3`;
    expect(redactor.redact(`// secretlint-disable\nconst t = "${token}";`)).toBe(
      '// secretlint-disable\nconst t = "[REDACTED:github-token]";',
    );
  });
});
