import { randomBytes } from './random.js';
import { SYMMETRIC_KEY_BYTES } from './sizes.js';
import type { SpaceKey } from './types.js';

/** A fresh random 32-byte space key (for a new space, or a rotation after removing a device). */
export function generateSpaceKey(): SpaceKey {
  return randomBytes(SYMMETRIC_KEY_BYTES) as SpaceKey;
}
