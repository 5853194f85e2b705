import type { InvitationMessage, PulledBundle, RelayFrame } from './frames.js';
import { FRAME_CODES } from './frames.js';
import type { BundleId, Cursor, DeviceTag, InvitationId, RelayId } from './ids.js';
import { ProtocolError } from './protocol-error.js';
import { Reader } from './reader.js';
import { SESSION_LIMIT_FIELDS, type SessionLimits } from './session-limits.js';
import {
  MAX_ERROR_CODE_LENGTH,
  MAX_ERROR_MESSAGE_BYTES,
  MAX_INVITATION_SEQ,
  MAX_ONLINE_TAGS,
  NONCE_BYTES,
} from './wire-constants.js';
import { Writer } from './writer.js';

type Codec<F> = {
  encode(w: Writer, frame: F): void;
  decode(r: Reader): F;
};
type Codecs = { [K in RelayFrame['type']]: Codec<Extract<RelayFrame, { type: K }>> };

const ERROR_CODE_PATTERN = /^[a-z0-9_]+$/;
const utf8 = new TextEncoder();

function encodeErrorCode(w: Writer, code: string): void {
  if (code.length < 1 || code.length > MAX_ERROR_CODE_LENGTH || !ERROR_CODE_PATTERN.test(code)) {
    throw new ProtocolError('invalid_frame', 'error code must be 1-64 of [a-z0-9_]');
  }
  w.u8('codeLength', code.length);
  w.fixed('code', utf8.encode(code), code.length);
}

function decodeErrorCode(r: Reader): string {
  const length = r.u8('codeLength');
  if (length < 1 || length > MAX_ERROR_CODE_LENGTH) {
    throw new ProtocolError('malformed_frame', 'code: bad length');
  }
  const code = String.fromCharCode(...r.fixed('code', length));
  if (!ERROR_CODE_PATTERN.test(code))
    throw new ProtocolError('malformed_frame', 'code: bad characters');
  return code;
}

/** Shortens a message to the wire maximum at a character boundary. */
function clampMessage(message: string): string {
  if (utf8.encode(message).length <= MAX_ERROR_MESSAGE_BYTES) return message;
  let end = Math.min(message.length, MAX_ERROR_MESSAGE_BYTES);
  while (utf8.encode(message.slice(0, end)).length > MAX_ERROR_MESSAGE_BYTES) end--;
  return message.slice(0, end);
}

/** Smallest encoding of one pulled bundle: ids of minimum length, empty payload. */
const MIN_PULLED_BUNDLE_BYTES = 1 + 1 + 1 + 1 + 1 + 8 + 4;

const codecs: Codecs = {
  challenge: {
    encode(w, f) {
      w.u16('protocolVersion', f.protocolVersion).id('relayId', f.relayId);
      w.fixed('nonce', f.nonce, NONCE_BYTES);
    },
    decode: (r) => ({
      type: 'challenge',
      protocolVersion: r.u16('protocolVersion'),
      relayId: r.id<RelayId>('relayId'),
      nonce: r.fixed('nonce', NONCE_BYTES),
    }),
  },
  welcome: {
    encode(w, f) {
      w.u16('protocolVersion', f.protocolVersion).u53('serverTime', f.serverTime);
      for (const field of SESSION_LIMIT_FIELDS) w.u53(field, f.limits[field]);
      w.u53('usageBytes', f.usage.bytes).u53('usageBundles', f.usage.bundles);
      if (f.online.length > MAX_ONLINE_TAGS) {
        throw new ProtocolError('invalid_frame', 'too many online device tags');
      }
      w.u16('onlineCount', f.online.length);
      for (const tag of f.online) w.id('deviceTag', tag);
    },
    decode(r) {
      const protocolVersion = r.u16('protocolVersion');
      const serverTime = r.u53('serverTime');
      const limits = {} as Record<keyof SessionLimits, number>;
      for (const field of SESSION_LIMIT_FIELDS) limits[field] = r.u53(field);
      const usage = { bytes: r.u53('usageBytes'), bundles: r.u53('usageBundles') };
      const count = r.count('onlineCount', MAX_ONLINE_TAGS, 2);
      const online: DeviceTag[] = [];
      for (let i = 0; i < count; i++) online.push(r.id<DeviceTag>('deviceTag'));
      return { type: 'welcome', protocolVersion, serverTime, limits, usage, online };
    },
  },
  putOk: {
    encode(w, f) {
      w.u32('requestId', f.requestId)
        .id('cursor', f.cursor)
        .u8('duplicate', f.duplicate ? 1 : 0);
    },
    decode: (r) => ({
      type: 'putOk',
      requestId: r.u32('requestId'),
      cursor: r.id<Cursor>('cursor'),
      duplicate: r.bool('duplicate'),
    }),
  },
  pullOk: {
    encode(w, f) {
      w.u32('requestId', f.requestId)
        .id('cursor', f.cursor)
        .u8('more', f.more ? 1 : 0);
      w.u32('count', f.bundles.length);
      for (const b of f.bundles) {
        w.id('cursor', b.cursor).id('deviceTag', b.deviceTag).id('bundleId', b.bundleId);
        w.u53('storedAt', b.storedAt).blob('bytes', b.bytes);
      }
    },
    decode(r) {
      const requestId = r.u32('requestId');
      const cursor = r.id<Cursor>('cursor');
      const more = r.bool('more');
      const count = r.count('count', 0xffffffff, MIN_PULLED_BUNDLE_BYTES, 4);
      const bundles: PulledBundle[] = [];
      for (let i = 0; i < count; i++) {
        bundles.push({
          cursor: r.id<Cursor>('cursor'),
          deviceTag: r.id<DeviceTag>('deviceTag'),
          bundleId: r.id<BundleId>('bundleId'),
          storedAt: r.u53('storedAt'),
          bytes: r.blob('bytes'),
        });
      }
      return { type: 'pullOk', requestId, cursor, more, bundles };
    },
  },
  deleteOk: {
    encode: (w, f) => void w.u32('requestId', f.requestId).u32('deleted', f.deleted),
    decode: (r) => ({ type: 'deleteOk', requestId: r.u32('requestId'), deleted: r.u32('deleted') }),
  },
  deleteSpaceOk: {
    encode: (w, f) => void w.u32('requestId', f.requestId),
    decode: (r) => ({ type: 'deleteSpaceOk', requestId: r.u32('requestId') }),
  },
  invitePutOk: {
    encode: (w, f) => void w.u32('requestId', f.requestId).u16('seq', f.seq),
    decode: (r) => ({ type: 'invitePutOk', requestId: r.u32('requestId'), seq: r.u16('seq') }),
  },
  invitePullOk: {
    encode(w, f) {
      w.u32('requestId', f.requestId).u16('count', f.messages.length);
      for (const m of f.messages) w.u16('seq', m.seq).blob('bytes', m.bytes);
    },
    decode(r) {
      const requestId = r.u32('requestId');
      const count = r.count('count', MAX_INVITATION_SEQ, 6);
      const messages: InvitationMessage[] = [];
      for (let i = 0; i < count; i++) messages.push({ seq: r.u16('seq'), bytes: r.blob('bytes') });
      return { type: 'invitePullOk', requestId, messages };
    },
  },
  inviteDeleteOk: {
    encode: (w, f) => void w.u32('requestId', f.requestId).u8('existed', f.existed ? 1 : 0),
    decode: (r) => ({
      type: 'inviteDeleteOk',
      requestId: r.u32('requestId'),
      existed: r.bool('existed'),
    }),
  },
  forwarded: {
    encode: (w, f) => void w.id('deviceTag', f.from).blob('bytes', f.bytes),
    decode: (r) => ({
      type: 'forwarded',
      from: r.id<DeviceTag>('deviceTag'),
      bytes: r.blob('bytes'),
    }),
  },
  presence: {
    encode: (w, f) => void w.u8('event', f.event === 'joined' ? 1 : 2).id('deviceTag', f.deviceTag),
    decode(r) {
      const event = r.u8('event');
      if (event !== 1 && event !== 2) throw new ProtocolError('malformed_frame', 'event: unknown');
      return {
        type: 'presence',
        event: event === 1 ? 'joined' : 'left',
        deviceTag: r.id<DeviceTag>('deviceTag'),
      };
    },
  },
  available: {
    encode: (w, f) => void w.id('cursor', f.cursor).id('deviceTag', f.deviceTag),
    decode: (r) => ({
      type: 'available',
      cursor: r.id<Cursor>('cursor'),
      deviceTag: r.id<DeviceTag>('deviceTag'),
    }),
  },
  inviteMessage: {
    encode(w, f) {
      w.id('invitationId', f.invitationId).u16('seq', f.seq).blob('bytes', f.bytes);
    },
    decode: (r) => ({
      type: 'inviteMessage',
      invitationId: r.id<InvitationId>('invitationId'),
      seq: r.u16('seq'),
      bytes: r.blob('bytes'),
    }),
  },
  error: {
    // Frozen across versions, like the start of `hello`: any client can read any relay's refusal.
    encode(w, f) {
      w.u32('requestId', f.requestId);
      encodeErrorCode(w, f.code);
      w.text('message', clampMessage(f.message), MAX_ERROR_MESSAGE_BYTES);
    },
    decode: (r) => ({
      type: 'error',
      requestId: r.u32('requestId'),
      code: decodeErrorCode(r),
      message: r.text('message', MAX_ERROR_MESSAGE_BYTES),
    }),
  },
};

const byCode = new Map<number, RelayFrame['type']>(
  (Object.keys(codecs) as RelayFrame['type'][]).map((type) => [FRAME_CODES[type], type]),
);

function sizeHint(frame: RelayFrame): number {
  if (frame.type === 'pullOk') {
    return frame.bundles.reduce((sum, b) => sum + b.bytes.length + 280, 128);
  }
  if (frame.type === 'invitePullOk') {
    return frame.messages.reduce((sum, m) => sum + m.bytes.length + 8, 64);
  }
  return 256 + ('bytes' in frame ? frame.bytes.length : 0);
}

/** Encodes a relay → client frame; throws ProtocolError `invalid_frame` on bad values. */
export function encodeRelayFrame(frame: RelayFrame): Uint8Array {
  const w = new Writer(sizeHint(frame));
  w.u8('type', FRAME_CODES[frame.type]);
  (codecs[frame.type] as Codec<RelayFrame>).encode(w, frame);
  return w.finish();
}

/**
 * Decodes an untrusted relay → client frame. Throws ProtocolError `unknown_frame_type` or
 * `malformed_frame`, and nothing else. Byte fields are views into `bytes`.
 */
export function decodeRelayFrame(bytes: Uint8Array): RelayFrame {
  const r = new Reader(bytes);
  const code = r.u8('type');
  const type = byCode.get(code);
  if (type === undefined) {
    throw new ProtocolError(
      'unknown_frame_type',
      `unknown relay frame type 0x${code.toString(16)}`,
      {
        frameType: code,
      },
    );
  }
  const frame = (codecs[type] as Codec<RelayFrame>).decode(r);
  r.end();
  return frame;
}

/** Encoded size of one bundle inside a `pullOk` frame, to fill pages up to maxFrameBytes. */
export function pulledBundleSize(bundle: PulledBundle): number {
  return (
    3 +
    bundle.cursor.length +
    bundle.deviceTag.length +
    bundle.bundleId.length +
    12 +
    bundle.bytes.length
  );
}
