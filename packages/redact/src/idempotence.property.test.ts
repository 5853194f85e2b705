import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ENCODINGS, PLACEMENTS } from './fixtures/embed.js';
import { rng } from './fixtures/rng.js';
import { SECRET_FORMATS } from './fixtures/secrets.js';
import { codeLine, surrounding } from './fixtures/text.js';
import { createRedactor } from './redactor.js';

const redactor = createRedactor({
  homeDir: '/home/alice',
  userName: 'alice',
  maskHostnames: true,
  hostName: 'alice-laptop.local',
  patterns: [{ name: 'acme-ticket', regex: /ACME-\d{6}/ }],
});

const piece = fc.oneof(
  surrounding,
  codeLine,
  fc.constantFrom(
    '/home/alice/src/app.ts',
    'alice@alice-laptop:~$ ls',
    'ssh alice@10.1.2.3',
    'see ACME-123456',
  ),
  fc
    .tuple(fc.constantFrom(...SECRET_FORMATS), fc.integer())
    .map(([f, seed]) => f.generate(rng(seed)).text),
);

const document = fc
  .tuple(
    fc.array(piece, { maxLength: 8 }),
    fc.constantFrom(...PLACEMENTS),
    fc.constantFrom(...ENCODINGS),
  )
  .map(([pieces, placement, encoding]) =>
    encoding.encode(placement.place(pieces.join(' '), '', '')),
  );

describe('redaction', () => {
  it('is idempotent: redacting twice gives the same text as redacting once', () => {
    fc.assert(
      fc.property(document, (text) => {
        const once = redactor.redact(text);
        expect(redactor.redact(once)).toBe(once);
      }),
      { numRuns: Number(process.env['REDACT_FC_RUNS'] ?? 300) },
    );
  });

  it('is idempotent on arbitrary strings, placeholders included', () => {
    const odd = fc.string({
      unit: fc.constantFrom(...'[]REDACT:-ab=\\"\'\n /@.~USE'.split('')),
      maxLength: 80,
    });
    fc.assert(
      fc.property(
        fc.oneof(odd, fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 100 })),
        (text) => {
          const once = redactor.redact(text);
          expect(redactor.redact(once)).toBe(once);
        },
      ),
      { numRuns: Number(process.env['REDACT_FC_RUNS'] ?? 300) },
    );
  });

  it('keeps every character outside the findings', () => {
    fc.assert(
      fc.property(document, (text) => {
        const findings = redactor.scan(text);
        let at = 0;
        for (const f of findings) {
          expect(f.start).toBeGreaterThanOrEqual(at);
          at = f.end;
        }
        const kept = [];
        at = 0;
        for (const f of findings) {
          kept.push(text.slice(at, f.start));
          at = f.end;
        }
        kept.push(text.slice(at));
        const out = redactor.redact(text);
        let from = 0;
        for (const piece of kept) {
          const found = out.indexOf(piece, from);
          expect(found).toBeGreaterThanOrEqual(0);
          from = found + piece.length;
        }
      }),
      { numRuns: 100 },
    );
  });
});
