import { describe, expect, it } from 'vitest';
import { negotiateVersion } from './version.js';

describe('negotiateVersion', () => {
  it('picks the highest version both sides speak', () => {
    expect(negotiateVersion({ min: 1, max: 5 }, { min: 2, max: 3 })).toBe(3);
    expect(negotiateVersion({ min: 1, max: 2 }, { min: 1, max: 4 })).toBe(2);
  });

  it('gives undefined when the ranges do not meet', () => {
    expect(negotiateVersion({ min: 4, max: 6 }, { min: 1, max: 3 })).toBeUndefined();
    expect(negotiateVersion({ min: 1, max: 1 }, { min: 2, max: 3 })).toBeUndefined();
  });

  it('gives undefined for an inverted offer', () => {
    expect(negotiateVersion({ min: 3, max: 1 }, { min: 1, max: 3 })).toBeUndefined();
  });
});
