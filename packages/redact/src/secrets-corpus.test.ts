import { describe, expect, it } from 'vitest';
import { createRedactor } from './redactor.js';
import { rng } from './fixtures/rng.js';
import { SECRET_FORMATS } from './fixtures/secrets.js';
import { survivingWindows } from './fixtures/survival.js';

const redactor = createRedactor({ homeDir: '/home/nobody-here', userName: 'nobody-here' });

describe('the secret corpus', () => {
  it('has at least forty formats, each with a distinct name', () => {
    expect(SECRET_FORMATS.length).toBeGreaterThanOrEqual(40);
    expect(new Set(SECRET_FORMATS.map((f) => f.name)).size).toBe(SECRET_FORMATS.length);
  });

  describe.each(SECRET_FORMATS.map((f) => [f.name, f] as const))('%s', (_name, format) => {
    it(`is found as ${format.kind} and covered by one finding`, () => {
      for (let seed = 1; seed <= 5; seed++) {
        const { text, secret } = format.generate(rng(seed));
        const at = text.indexOf(secret);
        const findings = redactor.scan(text);
        const covering = findings.filter((f) => f.start <= at && f.end >= at + secret.length);
        expect(
          covering.map((f) => f.kind),
          text,
        ).toEqual([format.kind]);
      }
    });

    it('leaves no five characters of the secret after redaction', () => {
      for (let seed = 1; seed <= 5; seed++) {
        const { text, secret } = format.generate(rng(seed));
        const out = redactor.redact(text);
        expect(survivingWindows(out, secret, text.replace(secret, '\u0007')), out).toEqual([]);
        expect(out).toContain(`[REDACTED:${format.kind}]`);
      }
    });
  });
});
