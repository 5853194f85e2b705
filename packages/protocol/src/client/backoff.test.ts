import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.js';

const options = { initialDelayMs: 100, maxDelayMs: 1000, factor: 2, jitter: 0.5 };

describe('backoffDelay', () => {
  it('doubles from the initial delay and stops at the maximum', () => {
    const noJitter = () => 0;
    expect([1, 2, 3, 4, 5, 10].map((n) => backoffDelay(n, options, noJitter))).toEqual([
      100, 200, 400, 800, 1000, 1000,
    ]);
  });

  it('removes at most the jitter fraction of each delay', () => {
    expect(backoffDelay(3, options, () => 0.999999)).toBe(200);
    expect(backoffDelay(3, options, () => 0.5)).toBe(300);
  });
});
