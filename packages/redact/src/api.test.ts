import os from 'node:os';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redactText, redactValue, redactorFor, scanText } from './api.js';
import { maskValue } from './finding.js';
import { rng } from './fixtures/rng.js';
import { SECRET_FORMATS } from './fixtures/secrets.js';

describe('the top-level functions', () => {
  it('use the OS home directory and user name by default', () => {
    expect(redactText(`${os.homedir()}/project/file.ts`)).toBe('~/project/file.ts');
  });

  it('report findings with a masked preview that never shows a whole value', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SECRET_FORMATS), fc.integer(), (format, seed) => {
        const { text } = format.generate(rng(seed));
        for (const f of scanText(text, { homeDir: '', userName: '' })) {
          const value = text.slice(f.start, f.end);
          expect(f.masked.endsWith('…')).toBe(true);
          expect(f.masked.length).toBeLessThanOrEqual(5);
          expect(value.startsWith(f.masked.slice(0, -1))).toBe(true);
        }
      }),
    );
    expect(maskValue('abcd')).toBe('ab…');
    expect(maskValue('a')).toBe('…');
  });

  it('compile options once per options object', () => {
    const options = { homeDir: '/home/zed', userName: 'zed' };
    expect(redactorFor(options)).toBe(redactorFor(options));
    expect(redactValue({ path: '/home/zed/x' }, options)).toEqual({ path: '~/x' });
  });
});
