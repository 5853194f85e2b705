import { checkInteger, utf8 } from './bytes.js';
import { CryptoError } from './errors.js';
import { requireSodium } from './sodium.js';
import { releaseState } from './wasm-state.js';

/** Shortest and longest keys keyed BLAKE2b accepts. */
const KEY_MIN = 16;
const KEY_MAX = 64;
/** Shortest and longest digests. */
const OUT_MIN = 16;
const OUT_MAX = 64;
/** Bytes the wrapper allocates for a crypto_generichash state. */
const STATE_BYTES = 357;

// A hasher dropped before digest() (say, the file being hashed failed to read) would leave
// its key-derived state in the WebAssembly heap for good; reclaim it when collected.
const abandoned = new FinalizationRegistry<unknown>((state) => {
  releaseState(state, STATE_BYTES);
});

/** Incremental keyed BLAKE2b for inputs too large to hold in memory at once. */
export interface KeyedHasher {
  /** Feeds more input; throws HASHER_FINISHED after {@link KeyedHasher.digest}. */
  update(data: Uint8Array): void;
  /** The digest of everything fed so far; the hasher cannot be used afterwards. */
  digest(): Uint8Array;
}

function checkArgs(key: Uint8Array, outLen: number): void {
  if (!(key instanceof Uint8Array) || key.length < KEY_MIN || key.length > KEY_MAX) {
    throw new CryptoError(
      'INVALID_KEY',
      `a keyed-hash key must be ${KEY_MIN} to ${KEY_MAX} bytes`,
      {
        what: 'keyed-hash key',
      },
    );
  }
  checkInteger(outLen, OUT_MIN, OUT_MAX, 'keyed-hash output length');
}

/**
 * Keyed BLAKE2b (crypto_generichash) of bytes or a UTF-8 string: content-addressed blob ids and
 * opaque ids that reveal nothing to whoever lacks the key.
 */
export function keyedHash(key: Uint8Array, data: Uint8Array | string, outLen = 32): Uint8Array {
  const sodium = requireSodium();
  checkArgs(key, outLen);
  const message = typeof data === 'string' ? utf8(data, 'keyed-hash input') : data;
  return sodium.crypto_generichash(outLen, message, key);
}

/** A streaming {@link keyedHash}: feeding the same bytes in any split gives the same digest. */
export function createKeyedHasher(key: Uint8Array, outLen = 32): KeyedHasher {
  const sodium = requireSodium();
  checkArgs(key, outLen);
  // The wrapper frees the state inside _final; after that the address must never be touched.
  let state: ReturnType<typeof sodium.crypto_generichash_init> | undefined =
    sodium.crypto_generichash_init(key, outLen);
  const token = {};
  const live = (): NonNullable<typeof state> => {
    if (state === undefined) {
      throw new CryptoError('HASHER_FINISHED', 'this hasher already produced its digest');
    }
    return state;
  };
  const hasher: KeyedHasher = {
    update(data: Uint8Array): void {
      sodium.crypto_generichash_update(live(), data);
    },
    digest(): Uint8Array {
      const s = live();
      state = undefined;
      abandoned.unregister(token);
      return sodium.crypto_generichash_final(s, outLen);
    },
  };
  abandoned.register(hasher, state, token);
  return hasher;
}
