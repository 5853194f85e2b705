import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { readLines } from './index.js';

const dir = mkdtempSync(join(tmpdir(), 'trail-lines-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function all(content: string | Buffer, highWaterMark?: number) {
  const file = join(dir, `f${Math.random().toString(36).slice(2)}`);
  writeFileSync(file, content);
  const out = [];
  for await (const l of readLines(file, highWaterMark ? { highWaterMark } : {})) out.push(l);
  return { out, size: statSync(file).size };
}

describe('readLines', () => {
  it('splits on LF and CRLF, numbers lines and counts their bytes', async () => {
    const { out, size } = await all('a\r\nbé\n\nlast');
    expect(out).toEqual([
      { line: 'a', no: 1, bytes: 3 },
      { line: 'bé', no: 2, bytes: 4 },
      { line: '', no: 3, bytes: 1 },
      { line: 'last', no: 4, bytes: 4 },
    ]);
    expect(out.reduce((n, l) => n + l.bytes, 0)).toBe(size);
  });

  it('yields nothing for an empty file and no phantom line after a final newline', async () => {
    expect((await all('')).out).toEqual([]);
    expect((await all('x\n')).out.map((l) => l.line)).toEqual(['x']);
  });

  it('joins a line split across many reads, and multi-byte characters split between reads', async () => {
    const long = 'é'.repeat(10_000);
    const { out } = await all(`${long}\n${long}`, 7);
    expect(out.map((l) => l.line)).toEqual([long, long]);
  });

  it('replaces invalid UTF-8 by U+FFFD instead of failing', async () => {
    const { out } = await all(Buffer.from([0x7b, 0xff, 0x7d, 0x0a]));
    expect(out[0]!.line).toBe('{\uFFFD}');
  });

  it('streams a 50 MB line', async () => {
    const big = 'x'.repeat(50 * 1024 * 1024);
    const { out } = await all(`{"a":1}\n${big}\n{"b":2}\n`);
    expect(out.map((l) => l.line.length)).toEqual([7, big.length, 7]);
  });
  it('cuts a small file read whole exactly as it cuts the same bytes streamed', async () => {
    const piece = fc.oneof(
      fc.constantFrom('\n', '\r\n', '\r', '\uFEFF', 'é', '{"a":1}', ' '),
      fc.string({ maxLength: 8 }),
      fc.uint8Array({ maxLength: 4 }).map((b) => Buffer.from(b).toString('latin1')),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { maxLength: 30 }), fc.boolean(), async (parts, raw) => {
        // raw: bytes as written (invalid UTF-8 included); else the UTF-8 of the text
        const content = raw ? Buffer.from(parts.join(''), 'latin1') : parts.join('');
        const whole = await all(content);
        expect((await all(content, 3)).out).toEqual(whole.out);
        expect(whole.out.reduce((n, l) => n + l.bytes, 0)).toBe(whole.size);
      }),
      { numRuns: 200 },
    );
  });
});
