import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ENCODINGS, PLACEMENTS, SENTINEL, terminalWrap } from './fixtures/embed.js';
import { rng } from './fixtures/rng.js';
import { SECRET_FORMATS } from './fixtures/secrets.js';
import { survivingWindows } from './fixtures/survival.js';
import { surrounding } from './fixtures/text.js';
import { createRedactor } from './redactor.js';

const redactor = createRedactor({ homeDir: '/home/nobody-here', userName: 'nobody-here' });

describe.each(SECRET_FORMATS.map((f) => [f.name, f] as const))('a %s', (_name, format) => {
  const placements = PLACEMENTS.filter((p) => format.inline || !p.inlineOnly);

  it('leaves at most four consecutive characters wherever and however it is embedded', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...placements),
        fc.constantFrom(...ENCODINGS),
        fc.integer(),
        surrounding,
        surrounding,
        fc.boolean(),
        (placement, encoding, seed, before, after, wrap) => {
          const r = rng(seed);
          const { text, secret } = format.generate(r);
          let shown = placement.place(text, before, after);
          let context = placement.place(text.replace(secret, SENTINEL), before, after);
          // a terminal wraps what it shows (multi-line secrets such as PEM keys are wrapped
          // already); the transcript then encodes it
          if (wrap && !secret.includes('\n')) {
            const wrapped = terminalWrap(shown, placement.form(secret), r);
            shown = wrapped.text;
            context = shown.replace(wrapped.placed, SENTINEL);
          }
          const input = encoding.encode(shown);
          context = encoding.encode(context);
          const out = redactor.redact(input);
          const label = `${placement.name}, ${encoding.name}${wrap ? ', wrapped' : ''}: ${out}`;
          expect(survivingWindows(out, secret, context), label).toEqual([]);
          expect(redactor.redact(out)).toBe(out);
        },
      ),
      { numRuns: Number(process.env['REDACT_FC_RUNS'] ?? 60) },
    );
  });
});
