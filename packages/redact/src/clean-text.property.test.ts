import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codeLine, words } from './fixtures/text.js';
import { createRedactor } from './redactor.js';

const redactor = createRedactor({ homeDir: '/home/dana', userName: 'dana' });

const hex = (n: number) =>
  fc.uint8Array({ minLength: n, maxLength: n }).map((b) => Buffer.from(b).toString('hex'));
const base64 = fc
  .uint8Array({ minLength: 1, maxLength: 3000 })
  .map((b) => Buffer.from(b).toString('base64'));
const base64url = fc
  .uint8Array({ minLength: 1, maxLength: 300 })
  .map((b) => Buffer.from(b).toString('base64url'));
const gitSha = hex(20);
const sha256 = hex(32);
const shortSha = hex(4).map((s) => s.slice(0, 7));
const png = fc
  .uint8Array({ minLength: 64, maxLength: 4000 })
  .map((b) =>
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.from(b),
    ]).toString('base64'),
  );
const signature = fc
  .uint8Array({ minLength: 200, maxLength: 1200 })
  .map((b) => 'E' + Buffer.from(b).toString('base64').slice(1));

const clean = fc.oneof(
  words,
  codeLine,
  fc.uuid().map(String),
  gitSha,
  sha256,
  shortSha,
  base64,
  base64url,
  png,
  signature,
  fc.tuple(gitSha, words).map(([sha, w]) => `commit ${sha}\nAuthor: someone\n\n    ${w}`),
  fc
    .uuid()
    .map(
      (id) =>
        `{"sessionId":"${id}","uuid":"${id}","requestId":"req_011CU${id.replace(/-/g, '').slice(0, 19)}"}`,
    ),
  png.map((data) =>
    JSON.stringify({ type: 'image', source: { type: 'base64', media_type: 'image/png', data } }),
  ),
  signature.map((s) => JSON.stringify({ type: 'thinking', thinking: '', signature: s })),
);

describe('text without secrets', () => {
  it('comes out unchanged: words, code, UUIDs, SHA-1/SHA-256, base64 blobs, images, signatures', () => {
    fc.assert(
      fc.property(
        fc.array(clean, { minLength: 1, maxLength: 6 }),
        fc.constantFrom(' ', '\n', '\n\n'),
        (parts, sep) => {
          const text = parts.join(sep);
          expect(redactor.scan(text)).toEqual([]);
          expect(redactor.redact(text)).toBe(text);
        },
      ),
      { numRuns: Number(process.env['REDACT_FC_RUNS'] ?? 300) },
    );
  });

  it('changes only by home-directory and user-name masking', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(words, codeLine, gitSha), { maxLength: 6 }), (parts) => {
        const text = `cd /home/dana/work && ${parts.join(' ')} # dana`;
        const expected = `cd ~/work && ${parts.join(' ')} # [USER]`;
        expect(redactor.redact(text)).toBe(expected);
      }),
    );
  });

  it('redacts a base64 image value in a transcript line without scanning it', () => {
    const data = Buffer.alloc(300_000, 7).toString('base64');
    const line = {
      type: 'user',
      message: {
        content: [{ type: 'image', source: { type: 'base64', media_type: 'image/png', data } }],
      },
    };
    expect(redactor.redactValue(line)).toEqual(line);
  });
});
