import { describe, expect, it } from 'vitest';
import { KeyedRateLimiter } from './keyed-rate-limiter.js';

describe('KeyedRateLimiter', () => {
  it('gives each key its own hourly budget', () => {
    const limiter = new KeyedRateLimiter(2);
    expect([limiter.take('a', 0), limiter.take('a', 0), limiter.take('a', 0)]).toEqual([
      true,
      true,
      false,
    ]);
    expect(limiter.take('b', 0)).toBe(true);
    expect(limiter.take('a', 2_000_000)).toBe(true);
  });

  it('forgets keys whose budget has refilled', () => {
    const limiter = new KeyedRateLimiter(1);
    limiter.take('a', 0);
    limiter.prune(1_000);
    expect(limiter.size).toBe(1);
    limiter.prune(3_600_000);
    expect(limiter.size).toBe(0);
  });

  it('never tracks more keys than its maximum', () => {
    const limiter = new KeyedRateLimiter(1, 3);
    for (const key of ['a', 'b', 'c', 'd', 'e']) limiter.take(key, 0);
    expect(limiter.size).toBe(3);
  });
});
