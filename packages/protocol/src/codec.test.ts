import { describe, expect, it } from 'vitest';
import { decodeClientFrame, encodeClientFrame } from './client-codec.js';
import { FRAME_CODES } from './frames.js';
import type { BundleId, Cursor, DeviceTag, RoutingId } from './ids.js';
import { decodeRelayFrame, encodeRelayFrame, pulledBundleSize } from './relay-codec.js';

const routingId = 'r'.repeat(43) as RoutingId;
const deviceTag = 'laptop' as DeviceTag;
const key = new Uint8Array(32).fill(7);

function hello(max: number, min = 1): Uint8Array {
  return encodeClientFrame({
    type: 'hello',
    protocolVersion: max,
    minProtocolVersion: min,
    space: { routingId, authPublicKey: key, deviceTag },
  });
}

function code(error: unknown): string {
  return (error as { code: string }).code;
}

function decodeError(
  bytes: Uint8Array,
  decode: (bytes: Uint8Array) => unknown = decodeClientFrame,
): string {
  try {
    decode(bytes);
  } catch (error) {
    return code(error);
  }
  return 'decoded';
}

describe('client frame decoding', () => {
  it('rejects an empty frame as malformed', () => {
    expect(decodeError(new Uint8Array())).toBe('malformed_frame');
  });

  it('reports an unknown type byte as unknown_frame_type, not malformed', () => {
    expect(decodeError(Uint8Array.of(0x7e, 1, 2, 3))).toBe('unknown_frame_type');
  });

  it('treats relay frame types sent by a client as unknown', () => {
    expect(decodeError(Uint8Array.of(FRAME_CODES.welcome))).toBe('unknown_frame_type');
  });

  it('answers a hello with no common version with unsupported_version, whatever follows', () => {
    const future = Uint8Array.of(FRAME_CODES.hello, 0, 9, 0, 7, 0xde, 0xad);
    expect(decodeError(future)).toBe('unsupported_version');
    expect(decodeError(hello(1))).toBe('decoded');
    expect(decodeError(hello(5, 1))).toBe('decoded');
  });

  it('rejects a hello whose minimum version is above its maximum', () => {
    expect(decodeError(Uint8Array.of(FRAME_CODES.hello, 0, 1, 0, 2, 0))).toBe(
      'unsupported_version',
    );
  });

  it('rejects identifiers with characters outside base64url', () => {
    const wire = encodeClientFrame({
      type: 'put',
      requestId: 1,
      bundleId: 'abc' as BundleId,
      bytes: new Uint8Array(1),
    });
    const bad = wire.slice();
    bad[6] = '/'.charCodeAt(0);
    expect(decodeError(wire)).toBe('decoded');
    expect(decodeError(bad)).toBe('malformed_frame');
  });

  it('rejects a routing id shorter than 128 bits of base64url', () => {
    expect(() =>
      encodeClientFrame({
        type: 'hello',
        protocolVersion: 1,
        minProtocolVersion: 1,
        space: { routingId: 'short' as RoutingId, authPublicKey: key, deviceTag },
      }),
    ).toThrow(expect.objectContaining({ code: 'invalid_frame' }));
  });

  it('rejects a payload length that claims more bytes than the frame holds', () => {
    const wire = encodeClientFrame({
      type: 'put',
      requestId: 1,
      bundleId: 'a' as BundleId,
      bytes: new Uint8Array(4),
    });
    const view = new DataView(wire.buffer, wire.byteOffset);
    view.setUint32(7, 0xffffffff);
    expect(decodeError(wire)).toBe('malformed_frame');
  });

  it('rejects a delete frame whose count exceeds the protocol maximum without allocating', () => {
    const wire = Uint8Array.of(FRAME_CODES.delete, 0, 0, 0, 1, 0xff, 0xff);
    expect(decodeError(wire)).toBe('malformed_frame');
  });

  it('rejects a pull with limit zero and booleans other than 0 or 1', () => {
    const pull = encodeClientFrame({
      type: 'pull',
      requestId: 1,
      after: '' as Cursor,
      limit: 1,
      excludeOwn: true,
    });
    const zero = pull.slice();
    zero[6] = 0;
    zero[7] = 0;
    const two = pull.slice();
    two[8] = 2;
    expect(decodeError(pull)).toBe('decoded');
    expect(decodeError(zero)).toBe('malformed_frame');
    expect(decodeError(two)).toBe('malformed_frame');
  });

  it('returns byte fields as views into the input rather than copies', () => {
    const wire = encodeClientFrame({
      type: 'put',
      requestId: 9,
      bundleId: 'b' as BundleId,
      bytes: Uint8Array.of(1, 2, 3),
    });
    const frame = decodeClientFrame(wire);
    expect(frame.type === 'put' && frame.bytes.buffer).toBe(wire.buffer);
  });
});

describe('relay frame encoding', () => {
  it('rejects 64-bit integers above 2^53-1 when decoding', () => {
    const wire = encodeRelayFrame({ type: 'available', cursor: '1' as Cursor, deviceTag });
    expect(decodeError(wire, decodeRelayFrame)).toBe('decoded');
    const welcome = new Uint8Array(1 + 2 + 8);
    welcome[0] = FRAME_CODES.welcome;
    welcome[3] = 0xff;
    expect(decodeError(welcome, decodeRelayFrame)).toBe('malformed_frame');
  });

  it('truncates over-long error messages at a character boundary instead of failing', () => {
    const frame = decodeRelayFrame(
      encodeRelayFrame({
        type: 'error',
        requestId: 0,
        code: 'internal_error',
        message: 'é'.repeat(2000),
      }),
    );
    expect(frame.type === 'error' && frame.message).toBe('é'.repeat(512));
  });

  it('rejects error codes outside [a-z0-9_] when encoding', () => {
    expect(() =>
      encodeRelayFrame({ type: 'error', requestId: 0, code: 'Bad Code', message: '' }),
    ).toThrow(expect.objectContaining({ code: 'invalid_frame' }));
  });

  it('predicts the encoded size of a pulled bundle exactly', () => {
    const bundle = {
      cursor: 'c.12' as Cursor,
      deviceTag,
      bundleId: 'bid' as BundleId,
      storedAt: 5,
      bytes: new Uint8Array(100),
    };
    const one = encodeRelayFrame({
      type: 'pullOk',
      requestId: 1,
      cursor: bundle.cursor,
      more: false,
      bundles: [bundle],
    });
    const none = encodeRelayFrame({
      type: 'pullOk',
      requestId: 1,
      cursor: bundle.cursor,
      more: false,
      bundles: [],
    });
    expect(one.length - none.length).toBe(pulledBundleSize(bundle));
  });
});
