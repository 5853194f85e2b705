import { describe, expect, it } from 'vitest';
import { TokenBucket } from './token-bucket.js';

describe('TokenBucket', () => {
  it('allows a full burst at once, then refuses', () => {
    const bucket = new TokenBucket(10, 3, 0);
    expect([1, 2, 3, 4].map(() => bucket.take(1, 0))).toEqual([true, true, true, false]);
  });

  it('refills at the configured rate up to the burst size', () => {
    const bucket = new TokenBucket(10, 3, 0);
    for (let i = 0; i < 3; i++) bucket.take(1, 0);
    expect(bucket.take(1, 50)).toBe(false);
    expect(bucket.take(1, 100)).toBe(true);
    expect(bucket.take(3, 10_000)).toBe(true);
    expect(bucket.take(1, 10_000)).toBe(false);
  });

  it('ignores a clock that goes backwards', () => {
    const bucket = new TokenBucket(10, 1, 1000);
    expect(bucket.take(1, 1000)).toBe(true);
    expect(bucket.take(1, 0)).toBe(false);
  });

  it('never grants more than it holds for a large request', () => {
    const bucket = new TokenBucket(1000, 100, 0);
    expect(bucket.take(101, 0)).toBe(false);
    expect(bucket.take(100, 0)).toBe(true);
  });

  it('reports when it has refilled completely', () => {
    const bucket = new TokenBucket(10, 2, 0);
    bucket.take(2, 0);
    expect(bucket.isFull(100)).toBe(false);
    expect(bucket.isFull(200)).toBe(true);
  });
});
