import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { POLICIES, POLICY_SETTINGS, isPolicy, parsePolicy } from './policy.js';
import { redactPreview } from './preview.js';
import { isRedactError } from './redact-error.js';
import { truncate } from './truncate.js';

describe('sharing policies', () => {
  it('go from counts only to redacted traces, each including what the one before does', () => {
    const order = POLICIES.map((p) => POLICY_SETTINGS[p]);
    for (let i = 1; i < order.length; i++) {
      for (const [k, v] of Object.entries(order[i - 1]!.include)) {
        if (v)
          expect(
            order[i]!.include[k as keyof (typeof order)[0]['include']],
            `${order[i]!.policy}.${k}`,
          ).toBe(true);
      }
    }
    expect(POLICY_SETTINGS.metadata.include).toMatchObject({
      counts: true,
      prompts: false,
      outputs: false,
    });
    expect(POLICY_SETTINGS.summary.include).toMatchObject({
      prompts: true,
      diffstat: true,
      exitStatus: true,
      outputs: false,
      patches: false,
    });
    expect(POLICY_SETTINGS.trace.include).toMatchObject({ patches: true, outputs: true });
  });

  it('never include whole file contents', () => {
    for (const p of POLICIES) expect(POLICY_SETTINGS[p].include.fileContents).toBe(false);
  });

  it('have a limit of zero for everything they exclude', () => {
    for (const p of POLICIES) {
      const { include, limits } = POLICY_SETTINGS[p];
      expect(limits.outputChars > 0).toBe(include.outputs);
      expect(limits.patchChars > 0).toBe(include.patches);
      expect(limits.promptChars > 0).toBe(include.prompts);
    }
  });

  it('are frozen data', () => {
    expect(Object.isFrozen(POLICY_SETTINGS.trace.limits)).toBe(true);
  });

  it('parse from a flag value, suggesting the closest name on a typo', () => {
    expect(isPolicy('trace')).toBe(true);
    expect(parsePolicy('summary')).toBe('summary');
    try {
      parsePolicy('sumary');
      expect.unreachable();
    } catch (e) {
      expect(isRedactError(e, 'REDACT_UNKNOWN_POLICY')).toBe(true);
      expect((e as Error).message).toBe(
        'unknown policy "sumary" (did you mean "summary"?); expected one of metadata, summary, trace',
      );
    }
  });
});

describe('truncate', () => {
  it('leaves short text alone and marks what it cut', () => {
    expect(truncate('short', 10)).toBe('short');
    expect(truncate('a'.repeat(100), 30)).toBe('a'.repeat(13) + '… [87 more chars]');
  });

  it('never returns more than the limit, and always a prefix of the text plus a marker', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.nat(400), (text, max) => {
        const out = truncate(text, max);
        expect(out.length).toBeLessThanOrEqual(Math.max(max, 0));
        const kept = out === text ? text : out.replace(/(… \[\d+ more chars\]|…)$/, '');
        expect(text.startsWith(kept)).toBe(true);
      }),
    );
  });

  it('never cuts a placeholder or a surrogate pair in half', () => {
    const text = 'token [REDACTED:github-token] and 😀 end'.repeat(3);
    for (let max = 0; max <= text.length; max++) {
      const out = truncate(text, max);
      expect(out).not.toMatch(/\[REDACTED:[a-z-]*(?!\])(?:…|$)/);
      expect(out).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
    }
  });
});

describe('redactPreview', () => {
  it('redacts before it cuts, so a secret at the edge never leaves half of itself', () => {
    const token = 'ghp_Zq8LmN3vB7xK1pR9tY4wH6sD2fG5jC0aE8uI';
    const text = `${'x'.repeat(180)} ${token} and more`;
    const out = redactPreview(text, 200, { homeDir: '', userName: '' });
    expect(out).not.toContain('ghp_Zq8');
    expect(out.length).toBeLessThanOrEqual(200);
  });
});
