import { describe, expect, it } from 'vitest';
import { A, genesis } from './automerge.js';
import { libraryGenesis } from './library.js';
import { sessionGenesis } from './session-writer.js';

/** The genesis as `Automerge.change` makes it: what every device wrote before DocWriter. */
function proxyGenesis(initial: Record<string, unknown>): Uint8Array {
  const doc = A.change(
    A.init<Record<string, unknown>>({ actor: '74726169660000000000000000000000' }),
    { time: undefined, message: 'genesis' },
    (d) => {
      Object.assign(d, initial);
    },
  );
  return A.save(doc);
}

describe('genesis', () => {
  it('is byte-identical to the change Automerge.change makes, for sessions and the library', () => {
    for (const initial of [
      sessionGenesis('11111111-2222-3333-4444-555555555555'),
      sessionGenesis('s-1', 3),
      libraryGenesis(),
    ]) {
      const ours = genesis(initial);
      expect(Buffer.from(ours).equals(Buffer.from(proxyGenesis(initial)))).toBe(true);
      expect(A.toJS(A.load(ours))).toEqual(initial);
    }
  });

  it('differs between sessions, so two sessions never share a document', () => {
    const a = genesis(sessionGenesis('a'));
    const b = genesis(sessionGenesis('b'));
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
  });
});
