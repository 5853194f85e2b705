import type { AssistantEvent } from '@trail/model';
import { expect, test } from 'vitest';
import { UsageAttribution } from './usage.js';

const text = (id: string): AssistantEvent => ({ id, kind: 'assistant', ts: 't', text: id });
const u = (input: number, output: number) => ({ input, output, cacheRead: 0, cacheCreate: 0 });

test('running totals are charged to the text of each response, tool-only responses carried forward', () => {
  const split = new UsageAttribution();
  split.total(u(100, 10)); // a response that only called tools
  const a = text('a');
  split.assistant(a);
  split.total(u(250, 30));
  split.total(u(250, 30)); // Codex repeats a total: nothing new
  split.total(u(400, 35)); // tools again
  const b = text('b');
  split.assistant(b);
  split.finish();
  expect(a.usage).toEqual(u(250, 30));
  expect(b.usage).toEqual(u(150, 5));
});

test('a total that goes down starts a fresh count', () => {
  const split = new UsageAttribution();
  const a = text('a');
  split.assistant(a);
  split.total(u(500, 50));
  const b = text('b');
  split.assistant(b);
  split.total(u(40, 4));
  expect([a.usage, b.usage]).toEqual([u(500, 50), u(40, 4)]);
});
