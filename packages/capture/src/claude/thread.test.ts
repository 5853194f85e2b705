import { describe, expect, it } from 'vitest';
import { threadStatuses, type ThreadNode } from './thread.js';

let seq = 0;
const n = (
  uuid: string,
  parent: string | undefined,
  role: ThreadNode['role'] = 'other',
  messageId?: string,
): ThreadNode => ({
  uuid,
  ...(parent ? { parent } : {}),
  seq: seq++,
  role,
  ...(messageId ? { messageId } : {}),
});
const statuses = (nodes: ThreadNode[], hint?: { uuid: string; seq: number }) =>
  Object.fromEntries(threadStatuses(nodes, hint));

describe('threadStatuses', () => {
  it('puts every record of a linear conversation on the chain', () => {
    expect(
      statuses([n('p', undefined, 'prompt'), n('a', 'p', 'response', 'm1'), n('r', 'a')]),
    ).toEqual({ p: 'chain', a: 'chain', r: 'chain' });
  });

  it('attaches the side children of parallel tool calls instead of abandoning them', () => {
    // a1 (tool 1) -> a2 (tool 2, same response) -> r2 -> next response; r1 and a hook progress hang off a1
    const nodes = [
      n('p', undefined, 'prompt'),
      n('a1', 'p', 'response', 'm1'),
      n('a2', 'a1', 'response', 'm1'),
      n('hook', 'a1'),
      n('r1', 'a1'),
      n('r2', 'a2'),
      n('b', 'r2', 'response', 'm2'),
    ];
    expect(statuses(nodes)).toEqual({
      p: 'chain',
      a1: 'chain',
      a2: 'chain',
      hook: 'attached',
      r1: 'attached',
      r2: 'chain',
      b: 'chain',
    });
  });

  it('abandons a branch a rewind left behind, down to its last record', () => {
    const nodes = [
      n('p1', undefined, 'prompt'),
      n('a1', 'p1', 'response', 'm1'),
      n('old', 'a1', 'prompt'),
      n('oa', 'old', 'response', 'm2'),
      n('or', 'oa'),
      n('new', 'a1', 'prompt'),
      n('na', 'new', 'response', 'm3'),
    ];
    expect(statuses(nodes)).toEqual({
      p1: 'chain',
      a1: 'chain',
      old: 'abandoned',
      oa: 'abandoned',
      or: 'abandoned',
      new: 'chain',
      na: 'chain',
    });
  });

  it('abandons a retried response that is not on the chain', () => {
    const nodes = [
      n('p', undefined, 'prompt'),
      n('try1', 'p', 'response', 'm1'),
      n('try2', 'p', 'response', 'm2'),
    ];
    expect(statuses(nodes)).toEqual({ p: 'chain', try1: 'abandoned', try2: 'chain' });
  });

  it('never lets a progress chain (a background agent still reporting) pick the leaf', () => {
    const nodes = [
      n('p', undefined, 'prompt'),
      n('a', 'p', 'response', 'm1'),
      n('pr1', 'a', 'progress'),
      n('r', 'a'),
      n('q', 'r', 'prompt'),
      n('b', 'q', 'response', 'm2'),
      n('pr2', 'pr1', 'progress'),
    ];
    expect(statuses(nodes)).toEqual({
      p: 'chain',
      a: 'chain',
      pr1: 'attached',
      r: 'chain',
      q: 'chain',
      b: 'chain',
      pr2: 'attached',
    });
    expect(statuses([n('x', undefined, 'progress'), n('y', 'x', 'progress')])).toEqual({
      x: 'chain',
      y: 'chain',
    });
  });

  it('follows the last-prompt leaf when it was written after the latest record', () => {
    const nodes = [
      n('p', undefined, 'prompt'),
      n('a', 'p', 'response', 'm1'),
      n('x', 'a', 'prompt'),
      n('y', 'a', 'prompt'),
    ];
    expect(statuses(nodes, { uuid: 'x', seq: 100 })).toEqual({
      p: 'chain',
      a: 'chain',
      x: 'chain',
      y: 'abandoned',
    });
    expect(statuses(nodes, { uuid: 'x', seq: 0 })).toEqual({
      p: 'chain',
      a: 'chain',
      x: 'abandoned',
      y: 'chain',
    });
  });

  it('continues through a compact boundary given its logical parent', () => {
    const nodes = [
      n('p', undefined, 'prompt'),
      n('a', 'p', 'response', 'm1'),
      n('cb', 'a'),
      n('q', 'cb', 'prompt'),
    ];
    expect(statuses(nodes)).toEqual({ p: 'chain', a: 'chain', cb: 'chain', q: 'chain' });
  });

  it('gives separate trees their own chains and survives a parent cycle', () => {
    expect(statuses([n('a', undefined, 'prompt'), n('b', undefined, 'prompt')])).toEqual({
      a: 'chain',
      b: 'chain',
    });
    expect(statuses([n('x', 'y'), n('y', 'x')])).toEqual({ x: 'chain', y: 'chain' });
  });
});
