import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { drainJournal } from './journal-drain.js';
import { SyncState } from './sync-state.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('drainJournal', () => {
  it('queues each changed document and blob once for every known relay, ignores a torn line, and empties the journal', () => {
    const dir = mkdtempSync(join(tmpdir(), 'trail-journal-'));
    dirs.push(dir);
    const state = new SyncState(join(dir, 'state.sqlite'));
    state.addRelay('relay-a', 'ws://a');
    state.addRelay('relay-b', 'ws://b');
    const journal = join(dir, 'journal');
    writeFileSync(
      journal,
      'd docOne\nb abcdef0123456789\nd docOne\nd docTwo\nb ../etc/passwd\nd docTh',
    );
    expect(drainJournal(journal, state)).toBe(3);
    expect(state.dirty('relay-a', 'd')).toEqual(['docOne', 'docTwo']);
    expect(state.dirty('relay-b', 'b')).toEqual(['abcdef0123456789']);
    expect(readFileSync(journal, 'utf8')).toBe('');
    state.close();
  });

  it('queues deletions to announce, the last thing done to an id winning', () => {
    const dir = mkdtempSync(join(tmpdir(), 'trail-journal-'));
    dirs.push(dir);
    const state = new SyncState(join(dir, 'state.sqlite'));
    state.addRelay('relay-a', 'ws://a');
    const journal = join(dir, 'journal');
    writeFileSync(
      journal,
      'b aaaa0000aaaa0000\nB aaaa0000aaaa0000\nB bbbb1111bbbb1111\nb bbbb1111bbbb1111\nD oldDoc\n',
    );
    drainJournal(journal, state);
    expect(state.dirty('relay-a', 'B')).toEqual(['aaaa0000aaaa0000']);
    expect(state.dirty('relay-a', 'b')).toEqual(['bbbb1111bbbb1111']);
    expect(state.dirty('relay-a', 'D')).toEqual(['oldDoc']);
    // A later write cancels an announced deletion still waiting to go up.
    writeFileSync(journal, 'b aaaa0000aaaa0000\n');
    drainJournal(journal, state);
    expect(state.dirty('relay-a', 'B')).toEqual([]);
    expect(state.dirty('relay-a', 'b')).toEqual(['aaaa0000aaaa0000', 'bbbb1111bbbb1111']);
    state.close();
  });
});
