import { describe, expect, it } from 'vitest';
import type { IndexedEvent } from '@trail/api';
import { timelineRows } from './timeline.js';

let seq = 0;
const ev = (id: string, extra: Partial<IndexedEvent> = {}): IndexedEvent => ({
  id,
  kind: 'tool',
  ts: '',
  preview: id,
  seq: seq++,
  promptNo: 1,
  ...extra,
});

describe('timeline rows', () => {
  it('nests each subagent’s events under the call that started it, recursively, losing none', () => {
    const events = [
      ev('p1', { kind: 'prompt' }),
      ev('t-task', { spawnedAgentId: 'a1' }),
      ev('main-after'),
      ev('a1-prompt', { kind: 'prompt', agentId: 'a1' }),
      ev('t-inner', { agentId: 'a1', spawnedAgentId: 'a2' }),
      ev('a2-work', { agentId: 'a2' }),
      ev('a1-done', { agentId: 'a1' }),
      ev('orphan', { agentId: 'zz' }),
    ];
    const rows = timelineRows(events);
    expect(rows.map((r) => [r.event.id, r.depth, r.nested ?? 0])).toEqual([
      ['p1', 0, 0],
      ['t-task', 0, 4],
      ['a1-prompt', 1, 0],
      ['t-inner', 1, 1],
      ['a2-work', 2, 0],
      ['a1-done', 1, 0],
      ['main-after', 0, 0],
      ['orphan', 1, 0],
    ]);
  });

  it('links a subagent by its parent tool id when the call did not name it', () => {
    const rows = timelineRows([
      ev('t-toolu_1'),
      ev('x', { agentId: 'b', parentToolId: 'toolu_1' }),
      ev('y'),
    ]);
    expect(rows.map((r) => [r.event.id, r.depth])).toEqual([
      ['t-toolu_1', 0],
      ['x', 1],
      ['y', 0],
    ]);
  });

  it('leaves out assistant records that only carried a tool call', () => {
    const rows = timelineRows([
      ev('a', { kind: 'assistant', preview: '' }),
      ev('b', { kind: 'assistant', preview: 'hi' }),
    ]);
    expect(rows.map((r) => r.event.id)).toEqual(['b']);
  });
});
