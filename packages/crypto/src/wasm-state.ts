import { requireSodium } from './sodium.js';

/** The two members of the raw Emscripten module we need; absent from the wrapper's typings. */
interface RawModule {
  readonly HEAPU8: Uint8Array;
  _free(address: number): void;
}

function rawModule(): RawModule | undefined {
  const raw: unknown = (requireSodium() as unknown as { libsodium?: unknown }).libsodium;
  if (typeof raw !== 'object' || raw === null) return undefined;
  const candidate = raw as { HEAPU8?: unknown; _free?: unknown };
  if (!(candidate.HEAPU8 instanceof Uint8Array) || typeof candidate._free !== 'function') {
    return undefined;
  }
  return raw as RawModule;
}

/**
 * Zeroes and frees a state that libsodium-wrappers allocated in WebAssembly memory but never
 * releases (secretstream, up to 0.8.4: jedisct1/libsodium.js#380). Without this every blob
 * stream leaks its key-derived state into the heap of a long-running sync process.
 */
export function releaseState(state: unknown, size: number): void {
  const address = typeof state === 'number' ? state : undefined;
  const raw = rawModule();
  if (address === undefined || raw === undefined || address <= 0) return;
  // HEAPU8 is re-read here because the module replaces it when memory grows.
  if (address + size > raw.HEAPU8.length) return;
  raw.HEAPU8.fill(0, address, address + size);
  raw._free(address);
}
