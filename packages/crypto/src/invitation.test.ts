import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { CROCKFORD_ALPHABET, symbolOf } from './base32.js';
import {
  asInviteSecret,
  createInvitation,
  encodeInvitation,
  INVITE_PAYLOAD_MAX_BYTES,
  invitationKeys,
  parseInvitation,
  ready,
  toHex,
} from './index.js';
import type { Invitation } from './index.js';

beforeAll(async () => {
  await ready();
});

const invitation: fc.Arbitrary<Invitation> = fc.record(
  {
    secret: fc.uint8Array({ minLength: 32, maxLength: 32 }).map(asInviteSecret),
    relayUrl: fc.oneof(fc.webUrl(), fc.string({ minLength: 1, maxLength: 40, unit: 'grapheme' })),
    payload: fc.uint8Array({ maxLength: 64 }),
  },
  { requiredKeys: ['secret', 'payload'] },
);

const malformed = (reason: string) =>
  expect.objectContaining({ code: 'INVITE_MALFORMED', data: expect.objectContaining({ reason }) });

// Characters a person might type by mistake: the alphabet, its aliases, and a few others.
const typo = fc.constantFrom(...CROCKFORD_ALPHABET, ...'oilu*#.é');

describe('invitation codes', () => {
  it('parse(encode(x)) = x', () => {
    fc.assert(
      fc.property(invitation, (x) => {
        expect(parseInvitation(encodeInvitation(x))).toEqual(x);
      }),
    );
  });

  it('detect any single changed character (or read it the same when it is an alias)', () => {
    fc.assert(
      fc.property(invitation, fc.nat(), typo, (x, n, replacement) => {
        const code = encodeInvitation(x);
        const at = 5 + (n % (code.length - 5));
        const original = code.charAt(at);
        fc.pre(replacement !== original);
        const changed = code.slice(0, at) + replacement + code.slice(at + 1);
        if (symbolOf(replacement) === symbolOf(original)) {
          expect(parseInvitation(changed)).toEqual(x);
        } else {
          expect(() => parseInvitation(changed)).toThrow(
            expect.objectContaining({ code: 'INVITE_MALFORMED' }),
          );
        }
      }),
      { numRuns: 300 },
    );
  });

  it('detect a deleted, inserted or swapped character', () => {
    fc.assert(
      fc.property(invitation, fc.nat(), fc.constantFrom(...CROCKFORD_ALPHABET), (x, n, extra) => {
        const code = encodeInvitation(x);
        const at = 5 + (n % (code.length - 5));
        const deleted = code.slice(0, at) + code.slice(at + 1);
        const inserted = code.slice(0, at) + extra + code.slice(at);
        expect(() => parseInvitation(deleted)).toThrow(
          expect.objectContaining({ code: 'INVITE_MALFORMED' }),
        );
        expect(() => parseInvitation(inserted)).toThrow(
          expect.objectContaining({ code: 'INVITE_MALFORMED' }),
        );
        if (at + 1 < code.length && code[at] !== code[at + 1]) {
          const swapped =
            code.slice(0, at) + code.charAt(at + 1) + code.charAt(at) + code.slice(at + 2);
          expect(() => parseInvitation(swapped)).toThrow(
            expect.objectContaining({ code: 'INVITE_MALFORMED' }),
          );
        }
      }),
      { numRuns: 200 },
    );
  });

  it('forgive lowercase, spaces, dashes and line breaks from copy-pasting', () => {
    const created = createInvitation({
      relayUrl: 'wss://relay.example',
      payload: Uint8Array.of(1),
    });
    const messy = `  ${created.code
      .toLowerCase()
      .replace(/(.{8})/g, '$1-')
      .replace(/(.{30})/g, '$1\n')}  `;
    expect(parseInvitation(messy)).toEqual(parseInvitation(created.code));
  });

  it('explain what is wrong with a clear reason', () => {
    const { code } = createInvitation({ payload: new Uint8Array(0) });
    expect(() => parseInvitation('hello world')).toThrow(malformed('prefix'));
    expect(() => parseInvitation(`${code.slice(0, 20)}U${code.slice(21)}`)).toThrow(
      malformed('character'),
    );
    const last = code.charAt(code.length - 1) === '0' ? '1' : '0';
    expect(() => parseInvitation(code.slice(0, -1) + last)).toThrow(malformed('checksum'));
    expect(() => parseInvitation(code.slice(0, 30))).toThrow(malformed('checksum'));
    expect(() => parseInvitation('TRAIL')).toThrow(malformed('layout'));
    // Only ASCII: a Turkish dotless ı upper-cases to I, but is not an alias for 1.
    expect(() => parseInvitation(`${code.slice(0, 20)}ı${code.slice(21)}`)).toThrow(
      malformed('character'),
    );
    expect(() => parseInvitation(code.slice(0, -1) + last)).toThrow(/typo/);
  });

  it('refuse to encode an empty relay URL or an oversized payload', () => {
    const secret = asInviteSecret(new Uint8Array(32));
    const invalid = expect.objectContaining({ code: 'INVALID_ARGUMENT' });
    expect(() => encodeInvitation({ secret, relayUrl: '', payload: new Uint8Array(0) })).toThrow(
      invalid,
    );
    expect(() =>
      encodeInvitation({ secret, payload: new Uint8Array(INVITE_PAYLOAD_MAX_BYTES + 1) }),
    ).toThrow(invalid);
  });
});

describe('createInvitation', () => {
  it('makes a fresh 256-bit secret every time and a code that parses back to it', () => {
    const a = createInvitation({ relayUrl: 'wss://relay.example', payload: Uint8Array.of(5) });
    const b = createInvitation({ relayUrl: 'wss://relay.example', payload: Uint8Array.of(5) });
    expect(a.secret).toHaveLength(32);
    expect(toHex(a.secret)).not.toBe(toHex(b.secret));
    expect(a.code).toMatch(/^TRAIL[0-9A-HJKMNP-TV-Z]+$/);
    expect(parseInvitation(a.code)).toEqual({
      secret: a.secret,
      relayUrl: a.relayUrl,
      payload: a.payload,
    });
  });

  it('omits the relay URL when there is none', () => {
    const created = createInvitation({ payload: new Uint8Array(0) });
    expect('relayUrl' in parseInvitation(created.code)).toBe(false);
  });
});

describe('invitationKeys', () => {
  it('gives both devices the same mailbox id and pairing key from the secret alone', () => {
    const created = createInvitation({ payload: new Uint8Array(0) });
    const inviter = invitationKeys(created.secret);
    const joiner = invitationKeys(parseInvitation(created.code).secret);
    expect(joiner.mailboxId).toBe(inviter.mailboxId);
    expect(joiner.pairingKey).toEqual(inviter.pairingKey);
  });

  it('keeps the mailbox id independent of the pairing key and the secret', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (bytes) => {
        const secret = asInviteSecret(bytes);
        const { mailboxId, pairingKey } = invitationKeys(secret);
        expect(mailboxId).toMatch(/^[A-Za-z0-9_-]{43}$/);
        expect(Buffer.from(mailboxId, 'base64url').toString('hex')).not.toBe(toHex(pairingKey));
        expect(toHex(pairingKey)).not.toBe(toHex(secret));
      }),
      { numRuns: 50 },
    );
  });
});
