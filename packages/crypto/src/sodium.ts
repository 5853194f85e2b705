import sodium from 'libsodium-wrappers';
import { CryptoError } from './errors.js';

/** The libsodium API object; internal to this package. */
export type Sodium = typeof sodium;

let loading: Promise<void> | undefined;
let loaded = false;

/** Loads libsodium's WebAssembly once (memoised); every other crypto function needs it resolved. */
export function ready(): Promise<void> {
  loading ??= sodium.ready.then(
    () => {
      loaded = true;
    },
    (cause: unknown) => {
      loading = undefined;
      throw new CryptoError('CRYPTO_NOT_READY', 'libsodium failed to load', {}, { cause });
    },
  );
  return loading;
}

/** Whether {@link ready} has resolved, so the synchronous functions may be called. */
export function isReady(): boolean {
  return loaded;
}

/** libsodium itself, or CRYPTO_NOT_READY when {@link ready} has not resolved yet. */
export function requireSodium(): Sodium {
  if (!loaded) {
    throw new CryptoError(
      'CRYPTO_NOT_READY',
      'libsodium is not loaded yet: await ready() from @trail/crypto before calling it',
    );
  }
  return sodium;
}
