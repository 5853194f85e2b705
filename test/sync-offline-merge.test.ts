import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers.js';
import {
  indexedSessions,
  makeSession,
  pairDevices,
  runTrail,
  startRelayProcess,
  storeSnapshot,
  writeSessions,
} from './sync-support.js';

interface Annotations {
  tags: Record<string, true>;
  note: string;
  status: string;
  hidden: boolean;
}

function annotations(home: string, id: string): Annotations {
  return (
    JSON.parse(runTrail(home, ['annotate', id, '--json']).stdout) as { annotations: Annotations }
  ).annotations;
}

describe('offline edits on two devices (end to end)', () => {
  for (const order of ['laptop first', 'desktop first'] as const) {
    it(`merges divergent imports and annotations of the same session, syncing ${order}`, async () => {
      const relay = await startRelayProcess();
      const root = tempDir('trail-sync-merge-');
      const laptop = join(root, 'laptop');
      const desktop = join(root, 'desktop');
      const shared = makeSession('shared-session', { contentBytes: 2048 });
      await writeSessions(laptop, [shared]);
      runTrail(laptop, ['sync', '--relay', relay.url]);
      await pairDevices('', laptop, desktop, 'desktop');
      runTrail(desktop, ['sync']);

      // Both offline: different imports, different annotations of the same session.
      await writeSessions(laptop, [makeSession('laptop-1'), makeSession('laptop-2')]);
      await writeSessions(desktop, [
        makeSession('desktop-1'),
        makeSession('desktop-2'),
        makeSession('desktop-3'),
      ]);
      runTrail(laptop, [
        'annotate',
        'shared-session',
        '--tag',
        'auth',
        '--note',
        'written on the laptop',
        '--status',
        'reviewed',
      ]);
      runTrail(desktop, [
        'annotate',
        'shared-session',
        '--tag',
        'perf',
        '--tag',
        'flaky',
        '--note',
        'desktop says hi',
        '--hide',
      ]);
      runTrail(desktop, ['annotate', 'shared-session', '--untag', 'flaky']);

      const [first, second] = order === 'laptop first' ? [laptop, desktop] : [desktop, laptop];
      runTrail(first, ['sync']);
      runTrail(second, ['sync']);
      runTrail(first, ['sync']);

      const [a, b] = [await storeSnapshot(laptop), await storeSnapshot(desktop)];
      expect(b).toEqual(a);
      expect(Object.keys(a.docs)).toHaveLength(7);
      const expected = [
        'desktop-1',
        'desktop-2',
        'desktop-3',
        'laptop-1',
        'laptop-2',
        'shared-session',
      ];
      for (const home of [laptop, desktop]) {
        expect(indexedSessions(home)).toEqual(expected);
        const notes = annotations(home, 'shared-session');
        expect(Object.keys(notes.tags).sort()).toEqual(['auth', 'perf']);
        expect(notes.status).toBe('reviewed');
        expect(notes.hidden).toBe(true);
        // Concurrent edits of the note are merged, not one of them dropped.
        for (const word of ['laptop', 'desktop']) expect(notes.note).toContain(word);
        expect(indexedSessions(home, ['--tag', 'perf'])).toEqual(['shared-session']);
      }
    });
  }
});
