import type {
  BundleId,
  ClientFrame,
  Cursor,
  DeviceTag,
  InvitationId,
  RoutingId,
} from '@trail/protocol';
import { encodeClientFrame, FRAME_CODES } from '@trail/protocol';

/** A small seeded PRNG (mulberry32), so a failing fuzz run can be replayed from its seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Random inputs for hostile frames. */
export class FuzzSource {
  constructor(readonly random: () => number) {}

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.random() * n);
  }

  /** Random bytes. */
  bytes(length: number): Uint8Array {
    const out = new Uint8Array(length);
    for (let i = 0; i < length; i++) out[i] = this.int(256);
    return out;
  }

  /** A valid base64url id of a length in [min, max]. */
  id(min: number, max: number): string {
    let s = '';
    const length = min + this.int(max - min + 1);
    for (let i = 0; i < length; i++) s += ALPHABET[this.int(64)];
    return s;
  }

  /** A bundle id from a small set, so duplicates and deletes hit existing bundles. */
  bundleId(): BundleId {
    return `fz${this.int(40)}` as BundleId;
  }

  /**
   * A well-formed request a hostile but authenticated client could send: random cursors
   * (mostly not issued by the relay), random targets, tiny payloads, odd limits.
   */
  request(): ClientFrame {
    const requestId = this.int(2 ** 32);
    switch (this.int(9)) {
      case 0:
        return {
          type: 'put',
          requestId,
          bundleId: this.bundleId(),
          bytes: this.bytes(this.int(64)),
        };
      case 1: {
        const after = (this.int(3) === 0 ? '' : this.id(1, 30).replace(/^(.{4})/, '$1.')) as Cursor;
        return {
          type: 'pull',
          requestId,
          after,
          limit: 1 + this.int(0xffff),
          excludeOwn: this.int(2) === 0,
        };
      }
      case 2:
        return {
          type: 'delete',
          requestId,
          bundleIds: Array.from({ length: 1 + this.int(20) }, () => this.bundleId()),
        };
      case 3: {
        const to = this.int(2) === 0 ? (this.id(1, 64) as DeviceTag) : undefined;
        return to === undefined
          ? { type: 'forward', requestId, bytes: this.bytes(this.int(256)) }
          : { type: 'forward', requestId, to, bytes: this.bytes(this.int(256)) };
      }
      case 4:
        return {
          type: 'invitePut',
          requestId,
          invitationId: this.id(22, 86) as InvitationId,
          bytes: this.bytes(this.int(64)),
        };
      case 5:
        return {
          type: 'invitePull',
          requestId,
          invitationId: this.id(22, 86) as InvitationId,
          after: this.int(0x10000),
        };
      case 6:
        return { type: 'inviteDelete', requestId, invitationId: this.id(22, 86) as InvitationId };
      case 7:
        // Rare: it ends the session (and erases the fuzzer's own space).
        if (this.int(40) === 0) return { type: 'deleteSpace', requestId };
        return { type: 'delete', requestId, bundleIds: [this.bundleId()] };
      default:
        return {
          type: 'pull',
          requestId,
          after: '' as Cursor,
          limit: 1 + this.int(5),
          excludeOwn: false,
        };
    }
  }

  /** An unknown frame type with a random body: answered with an error, never fatal. */
  unknownType(): Uint8Array {
    const known = new Set<number>(Object.values(FRAME_CODES));
    let type: number;
    do type = this.int(256);
    while (known.has(type));
    const frame = this.bytes(1 + this.int(48));
    frame[0] = type;
    return frame;
  }

  /** A fatal frame: truncated, bit-flipped, lying about lengths, or pure noise. */
  malformed(): Uint8Array | string {
    const valid = encodeClientFrame(this.int(4) === 0 ? this.hello() : this.request());
    switch (this.int(6)) {
      case 0:
        return valid.subarray(0, this.int(valid.length));
      case 1: {
        const copy = valid.slice();
        for (let i = 0; i < 1 + this.int(4); i++) {
          const at = this.int(copy.length);
          copy[at] = copy[at]! ^ (1 + this.int(255));
        }
        return copy;
      }
      case 2: {
        const copy = new Uint8Array(valid.length + 1 + this.int(8));
        copy.set(valid);
        return copy;
      }
      case 3: {
        const copy = valid.slice();
        if (copy.length >= 9)
          new DataView(copy.buffer).setUint32(copy.length - 4 - this.int(4), 0xffffffff);
        return copy;
      }
      case 4:
        return this.int(2) === 0 ? 'not binary' : new Uint8Array(0);
      default:
        return this.bytes(this.int(200));
    }
  }

  /** A hello with random but well-formed fields. */
  hello(): ClientFrame {
    const version = this.int(4);
    return {
      type: 'hello',
      protocolVersion: Math.max(1, version),
      minProtocolVersion: 1,
      space: {
        routingId: this.id(22, 86) as RoutingId,
        authPublicKey: this.bytes(32),
        deviceTag: this.id(1, 64) as DeviceTag,
      },
    };
  }
}
