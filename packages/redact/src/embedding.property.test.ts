import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EMBEDDINGS, SENTINEL, wrapSecret } from './fixtures/embed.js';
import { rng } from './fixtures/rng.js';
import { SECRET_FORMATS } from './fixtures/secrets.js';
import { survivingWindows } from './fixtures/survival.js';
import { surrounding } from './fixtures/text.js';
import { createRedactor } from './redactor.js';

const redactor = createRedactor({ homeDir: '/home/nobody-here', userName: 'nobody-here' });

describe.each(SECRET_FORMATS.map((f) => [f.name, f] as const))('a %s', (_name, format) => {
  const embeddings = EMBEDDINGS.filter((e) => format.inline || !e.inlineOnly);

  it('leaves at most four consecutive characters wherever it is embedded', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...embeddings),
        fc.integer(),
        surrounding,
        surrounding,
        fc.boolean(),
        (embedding, seed, before, after, wrap) => {
          const r = rng(seed);
          const sample = format.generate(r);
          const { text, secret: placed } =
            wrap && !sample.secret.includes('\n')
              ? wrapSecret(sample.text, sample.secret, r)
              : { text: sample.text, secret: sample.secret };
          const input = embedding.apply(text, before, after);
          const context = embedding.apply(text.replace(placed, SENTINEL), before, after);
          const out = redactor.redact(input);
          expect(
            survivingWindows(out, sample.secret, context),
            `${embedding.name}: ${out}`,
          ).toEqual([]);
          expect(redactor.redact(out)).toBe(out);
        },
      ),
      { numRuns: Number(process.env['REDACT_FC_RUNS'] ?? 60) },
    );
  });
});
