import fc from 'fast-check';
import { POLICIES, createRedactor } from '@trail/redact';
import {
  SECRET_FORMATS,
  SENTINEL,
  rng,
  surrounding,
  survivingWindows,
} from '@trail/redact/testing';
import { describe, expect, it } from 'vitest';
import { buildSessionExport } from './build.js';
import { EXPORT_FORMATS, renderExport } from './render/index.js';
import { FIELDS, TOKEN_ONLY_FIELDS, sessionWith, type Field } from './testing/session.js';

// No secret of the corpus survives an export, in any field, format or policy: at most four
// consecutive characters of it may appear (a window that also appears when the secret is
// replaced by a sentinel is the surrounding text, not a leak).

const redactor = createRedactor({ homeDir: '/home/dev', userName: 'dev', hostName: '' });
const RUNS = Number(process.env['EXPORT_FC_RUNS'] ?? 2);

/** Every rendering of a session with `text` in `field`, across policies and formats. */
function renderAll(field: Field, text: string): string[] {
  const out: string[] = [];
  for (const policy of POLICIES) {
    const x = buildSessionExport(sessionWith(field, text), { redactor, policy });
    for (const format of EXPORT_FORMATS) out.push(renderExport(x, format));
  }
  return out;
}

/** HTML and JSON escape some characters; a leak check must look at their unescaped forms too. */
function unescaped(rendered: string): string {
  return rendered
    .replace(/&#(\d+);/g, (_m, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

describe.each(SECRET_FORMATS.map((f) => [f.name, f] as const))('a %s', (_name, format) => {
  const fields = FIELDS.filter((f) => format.inline || !TOKEN_ONLY_FIELDS.has(f));

  it.each(fields)('never leaves through an export when it sits in the %s', (field) => {
    fc.assert(
      fc.property(fc.integer(), surrounding, surrounding, (seed, before, after) => {
        const { text, secret } = format.generate(rng(seed));
        // a path holds one line (a directory named like the token); other fields hold the
        // secret in its setting, with words around it
        if (field === 'path' && text.includes('\n')) return;
        const placed = field === 'path' ? text : `${before}\n${text}\n${after}`;
        const context = placed.replace(secret, SENTINEL);
        const clean = renderAll(field, context).map(unescaped).join('\n');
        for (const rendered of renderAll(field, placed)) {
          const leaks = survivingWindows(unescaped(rendered), secret, clean);
          expect(leaks, `${field}: ${rendered.slice(0, 400)}`).toEqual([]);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
