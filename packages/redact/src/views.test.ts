import { describe, expect, it } from 'vitest';
import { createRedactor } from './redactor.js';
import { decodeEscapes } from './views/escapes.js';
import { rawView } from './views/view.js';
import { joinWrappedLines } from './views/wraps.js';

const r = createRedactor({ homeDir: '', userName: '' });
const token = 'ghp_Zq8LmN3vB7xK1pR9tY4wH6sD2fG5jC0aE8uI';

describe('escaped text', () => {
  it('decodes JSON and shell escapes and maps every character back', () => {
    const raw = 'a\\nb\\u002fc\\x41\\\\d\\"e\\u{1F600}f';
    const view = decodeEscapes(rawView(raw))!;
    expect(view.text).toBe('a\nb/cA\\d"e😀f');
    expect(view.toRaw(2, 3)).toEqual([3, 4]); // b
    expect(view.toRaw(3, 4)).toEqual([4, 10]); // \u002f
    expect(view.toRaw(0, view.text.length)).toEqual([0, raw.length]);
  });

  it('leaves unknown escapes as they are', () => {
    expect(decodeEscapes(rawView('C:\\Users\\q'))).toBeUndefined();
  });

  it('finds a token glued to an escape (`\\n` then the token)', () => {
    expect(r.redact(`"line one\\n${token}\\nline three"`)).toBe(
      '"line one\\n[REDACTED:github-token]\\nline three"',
    );
  });

  it('finds a URL whose slashes are escaped', () => {
    expect(r.redact('"https:\\u002f\\u002fdeploy:S3cretPassw0rd@ci.acme.dev"')).toBe(
      '"https:\\u002f\\u002f[REDACTED:url-credentials]@ci.acme.dev"',
    );
  });
});

describe('wrapped lines', () => {
  it('joins a token that a terminal wrapped at its width', () => {
    // an 80-column terminal: the token starts at column 60 and continues on the next row
    const shown = `${' '.repeat(54)}echo ${token} done`;
    const wrapped = `${shown.slice(0, 80)}\n${shown.slice(80)}`;
    expect(wrapped.split('\n')[1]!.startsWith(token.slice(21))).toBe(true);
    expect(r.redact(wrapped)).toBe(`${' '.repeat(54)}echo [REDACTED:github-token] done`);
  });

  it('does not glue the next .env line onto a long value', () => {
    const env = `LONG_SETTING_VALUE_THAT_IS_WIDE=${'a'.repeat(40)}\nNEXT_VAR=1\nAPI_TOKEN=abc123def456\nOTHER=2`;
    expect(r.redact(env)).toBe(
      `LONG_SETTING_VALUE_THAT_IS_WIDE=${'a'.repeat(40)}\nNEXT_VAR=1\nAPI_TOKEN=[REDACTED:secret-assignment]\nOTHER=2`,
    );
  });

  it('only looks at breaks between token characters', () => {
    expect(joinWrappedLines(rawView('a();\n}\nfoo\n  bar'))).toBeUndefined();
  });

  it('does not join short ordinary lines into a finding', () => {
    for (const text of [
      'see the\nbearer-of news today',
      'the\n@app.route("/login")',
      'db_password\n=1 and 2',
    ]) {
      expect(r.redact(text), text).toBe(text);
    }
  });
});
