import type { ClientFrame, HelloFrame } from './frames.js';
import { FRAME_CODES } from './frames.js';
import type { BundleId, Cursor, DeviceTag, InvitationId, RoutingId } from './ids.js';
import { ID_LENGTHS } from './ids.js';
import { ProtocolError } from './protocol-error.js';
import { Reader } from './reader.js';
import { describeVersions, negotiateVersion, SUPPORTED_VERSIONS } from './version.js';
import {
  AUTH_PUBLIC_KEY_BYTES,
  MAX_DELETE_IDS,
  MAX_PULL_LIMIT,
  SIGNATURE_BYTES,
} from './wire-constants.js';
import { Writer } from './writer.js';

type Codec<F> = {
  encode(w: Writer, frame: F): void;
  decode(r: Reader): F;
};
type Codecs = { [K in ClientFrame['type']]: Codec<Extract<ClientFrame, { type: K }>> };

const HELLO_GUEST = 0;
const HELLO_SPACE = 1;

const codecs: Codecs = {
  hello: {
    encode(w, f) {
      w.u16('protocolVersion', f.protocolVersion).u16('minProtocolVersion', f.minProtocolVersion);
      if (f.space === undefined) return void w.u8('mode', HELLO_GUEST);
      w.u8('mode', HELLO_SPACE).id('routingId', f.space.routingId);
      w.fixed('authPublicKey', f.space.authPublicKey, AUTH_PUBLIC_KEY_BYTES);
      w.id('deviceTag', f.space.deviceTag);
    },
    decode(r) {
      // Frozen across versions: type, max version, min version. Check them before the rest.
      const protocolVersion = r.u16('protocolVersion');
      const minProtocolVersion = r.u16('minProtocolVersion');
      const offered = { min: minProtocolVersion, max: protocolVersion };
      if (negotiateVersion(offered) === undefined) {
        throw new ProtocolError(
          'unsupported_version',
          `client offers ${describeVersions(offered)}; this relay speaks ${describeVersions(SUPPORTED_VERSIONS)}`,
          { min: minProtocolVersion, max: protocolVersion },
        );
      }
      const mode = r.u8('mode');
      const frame: HelloFrame = { type: 'hello', protocolVersion, minProtocolVersion };
      if (mode === HELLO_GUEST) return frame;
      if (mode !== HELLO_SPACE) throw new ProtocolError('malformed_frame', 'mode: unknown');
      const routingId = r.id<RoutingId>('routingId');
      const authPublicKey = r.fixed('authPublicKey', AUTH_PUBLIC_KEY_BYTES);
      const deviceTag = r.id<DeviceTag>('deviceTag');
      return { ...frame, space: { routingId, authPublicKey, deviceTag } };
    },
  },
  auth: {
    encode: (w, f) => void w.fixed('signature', f.signature, SIGNATURE_BYTES),
    decode: (r) => ({ type: 'auth', signature: r.fixed('signature', SIGNATURE_BYTES) }),
  },
  put: {
    encode: (w, f) =>
      void w.u32('requestId', f.requestId).id('bundleId', f.bundleId).blob('bytes', f.bytes),
    decode: (r) => ({
      type: 'put',
      requestId: r.u32('requestId'),
      bundleId: r.id<BundleId>('bundleId'),
      bytes: r.blob('bytes'),
    }),
  },
  pull: {
    encode(w, f) {
      if (f.limit < 1) throw new ProtocolError('invalid_frame', 'pull limit must be at least 1');
      w.u32('requestId', f.requestId).id('cursor', f.after).u16('limit', f.limit);
      w.u8('excludeOwn', f.excludeOwn ? 1 : 0);
    },
    decode(r) {
      const requestId = r.u32('requestId');
      const after = r.id<Cursor>('cursor');
      const limit = r.u16('limit');
      if (limit < 1 || limit > MAX_PULL_LIMIT) {
        throw new ProtocolError('malformed_frame', 'limit: must be at least 1');
      }
      return { type: 'pull', requestId, after, limit, excludeOwn: r.bool('excludeOwn') };
    },
  },
  delete: {
    encode(w, f) {
      if (f.bundleIds.length < 1 || f.bundleIds.length > MAX_DELETE_IDS) {
        throw new ProtocolError('invalid_frame', `delete names 1..${MAX_DELETE_IDS} bundle ids`);
      }
      w.u32('requestId', f.requestId).u16('count', f.bundleIds.length);
      for (const id of f.bundleIds) w.id('bundleId', id);
    },
    decode(r) {
      const requestId = r.u32('requestId');
      const count = r.count('count', MAX_DELETE_IDS, 1 + ID_LENGTHS.bundleId.min);
      if (count < 1) throw new ProtocolError('malformed_frame', 'count: must be at least 1');
      const bundleIds: BundleId[] = [];
      for (let i = 0; i < count; i++) bundleIds.push(r.id<BundleId>('bundleId'));
      return { type: 'delete', requestId, bundleIds };
    },
  },
  deleteSpace: {
    encode: (w, f) => void w.u32('requestId', f.requestId),
    decode: (r) => ({ type: 'deleteSpace', requestId: r.u32('requestId') }),
  },
  forward: {
    encode(w, f) {
      w.u32('requestId', f.requestId);
      if (f.to === undefined) w.u8('hasTarget', 0);
      else w.u8('hasTarget', 1).id('deviceTag', f.to);
      w.blob('bytes', f.bytes);
    },
    decode(r) {
      const requestId = r.u32('requestId');
      const to = r.bool('hasTarget') ? r.id<DeviceTag>('deviceTag') : undefined;
      const bytes = r.blob('bytes');
      return to === undefined
        ? { type: 'forward', requestId, bytes }
        : { type: 'forward', requestId, to, bytes };
    },
  },
  invitePut: {
    encode(w, f) {
      w.u32('requestId', f.requestId).id('invitationId', f.invitationId).blob('bytes', f.bytes);
    },
    decode: (r) => ({
      type: 'invitePut',
      requestId: r.u32('requestId'),
      invitationId: r.id<InvitationId>('invitationId'),
      bytes: r.blob('bytes'),
    }),
  },
  invitePull: {
    encode(w, f) {
      w.u32('requestId', f.requestId).id('invitationId', f.invitationId);
      w.u16('after', f.after);
    },
    decode: (r) => ({
      type: 'invitePull',
      requestId: r.u32('requestId'),
      invitationId: r.id<InvitationId>('invitationId'),
      after: r.u16('after'),
    }),
  },
  inviteDelete: {
    encode: (w, f) => void w.u32('requestId', f.requestId).id('invitationId', f.invitationId),
    decode: (r) => ({
      type: 'inviteDelete',
      requestId: r.u32('requestId'),
      invitationId: r.id<InvitationId>('invitationId'),
    }),
  },
};

const byCode = new Map<number, ClientFrame['type']>(
  (Object.keys(codecs) as ClientFrame['type'][]).map((type) => [FRAME_CODES[type], type]),
);

function payloadSize(frame: ClientFrame): number {
  return 'bytes' in frame ? frame.bytes.length : 0;
}

/** Encodes a client → relay frame; throws ProtocolError `invalid_frame` on bad values. */
export function encodeClientFrame(frame: ClientFrame): Uint8Array {
  const w = new Writer(256 + payloadSize(frame));
  w.u8('type', FRAME_CODES[frame.type]);
  (codecs[frame.type] as Codec<ClientFrame>).encode(w, frame);
  return w.finish();
}

/**
 * Decodes an untrusted client → relay frame. Throws ProtocolError with code
 * `unknown_frame_type`, `unsupported_version` or `malformed_frame`, and nothing else.
 * Byte fields are views into `bytes`.
 */
export function decodeClientFrame(bytes: Uint8Array): ClientFrame {
  const r = new Reader(bytes);
  const code = r.u8('type');
  const type = byCode.get(code);
  if (type === undefined) {
    throw new ProtocolError(
      'unknown_frame_type',
      `unknown client frame type 0x${code.toString(16)}`,
      {
        frameType: code,
      },
    );
  }
  const frame = (codecs[type] as Codec<ClientFrame>).decode(r);
  r.end();
  return frame;
}

const WITH_REQUEST_ID = new Set<number>(
  (
    [
      'put',
      'pull',
      'delete',
      'deleteSpace',
      'forward',
      'invitePut',
      'invitePull',
      'inviteDelete',
    ] as const
  ).map((type) => FRAME_CODES[type]),
);

/**
 * The request id of a client frame without decoding it (0 if it has none or is too short),
 * so a relay can name the request it refuses before spending effort on the frame.
 */
export function peekRequestId(bytes: Uint8Array): number {
  if (bytes.length < 5 || !WITH_REQUEST_ID.has(bytes[0]!)) return 0;
  return new DataView(bytes.buffer, bytes.byteOffset, 5).getUint32(1);
}
