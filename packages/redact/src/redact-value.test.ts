import { describe, expect, it } from 'vitest';
import { createRedactor } from './redactor.js';

const r = createRedactor({ homeDir: '/home/alice', userName: 'alice' });
const token = 'ghp_Zq8LmN3vB7xK1pR9tY4wH6sD2fG5jC0aE8uI';

describe('redactValue', () => {
  it('redacts every string of a transcript line and returns a copy', () => {
    const line = {
      type: 'user',
      cwd: '/home/alice/work/api',
      message: { content: [{ type: 'tool_result', content: `token is ${token}` }] },
      count: 3,
      ok: true,
      nothing: null,
    };
    const before = JSON.stringify(line);
    expect(r.redactValue(line)).toEqual({
      type: 'user',
      cwd: '~/work/api',
      message: { content: [{ type: 'tool_result', content: 'token is [REDACTED:github-token]' }] },
      count: 3,
      ok: true,
      nothing: null,
    });
    expect(JSON.stringify(line)).toBe(before);
  });

  it('redacts keys too, since they are often paths', () => {
    const snapshot = { trackedFileBackups: { '/home/alice/work/api/src/a.ts': { version: 1 } } };
    expect(r.redactValue(snapshot)).toEqual({
      trackedFileBackups: { '~/work/api/src/a.ts': { version: 1 } },
    });
  });

  it('keeps both values when two keys redact to the same text', () => {
    expect(r.redactValue({ '/home/alice/x': 1, '~/x': 2 })).toEqual({ '~/x': 1, '~/x#2': 2 });
  });

  it('replaces whole values stored under secret names', () => {
    expect(
      r.redactValue({
        env: { API_KEY: 'k9x8c7', PORT: '8080' },
        password: 'letmein',
        token_type: 'Bearer',
      }),
    ).toEqual({
      env: { API_KEY: '[REDACTED:secret-assignment]', PORT: '8080' },
      password: '[REDACTED:password-assignment]',
      token_type: 'Bearer',
    });
  });

  it('replaces the argument after a secret-named flag in argv arrays', () => {
    expect(
      r.redactValue({
        command: 'npx',
        args: ['-y', 'server', '--api-key', 'k9x8c7v6', '--port', '3000'],
      }),
    ).toEqual({
      command: 'npx',
      args: ['-y', 'server', '--api-key', '[REDACTED:secret-assignment]', '--port', '3000'],
    });
  });

  it('replaces the value of {name, value} pairs whose name is secret', () => {
    expect(
      r.redactValue([
        { name: 'DB_PASSWORD', value: 'pgpass' },
        { name: 'DB_HOST', value: 'db' },
      ]),
    ).toEqual([
      { name: 'DB_PASSWORD', value: '[REDACTED:password-assignment]' },
      { name: 'DB_HOST', value: 'db' },
    ]);
  });

  it('leaves image data, thinking signatures and ids untouched', () => {
    const data = Buffer.alloc(4096, 0x5a).toString('base64');
    const line = {
      message: {
        id: 'msg_01ABCdefGHIjklMNOpqrSTU',
        content: [
          { type: 'image', source: { type: 'base64', media_type: 'image/png', data } },
          {
            type: 'thinking',
            thinking: '',
            signature: 'EqQBCkgIBxABGAIqQL2jX1Q+8bYyR0sV0qz4oQ5nY3m1yqXJ3eC3bD5a',
          },
        ],
      },
      uuid: '6f1e2d3c-4b5a-4987-a6b5-c4d3e2f1a0b9',
      requestId: 'req_011CUxYz9AbCdEfGhIjKlMn',
    };
    expect(r.redactValue(line)).toEqual(line);
  });

  it('does not let a __proto__ key change the prototype of the copy', () => {
    const parsed = JSON.parse('{"__proto__": {"polluted": true}, "a": "b"}') as Record<
      string,
      unknown
    >;
    const out = r.redactValue(parsed);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(out)).toEqual(['__proto__', 'a']);
  });
});
