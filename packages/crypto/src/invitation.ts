import { bytesToSymbols, symbolOf, symbolsToBytes, symbolsToText } from './base32.js';
import { concatBytes, utf8 } from './bytes.js';
import { CHECKSUM_SYMBOLS, checksumSymbols, checksumValid } from './checksum.js';
import { CryptoError } from './errors.js';
import { randomBytes } from './random.js';
import { SYMMETRIC_KEY_BYTES } from './sizes.js';
import type { InvitationCode, InviteSecret } from './types.js';

/** What an invitation carries: a one-time 256-bit secret, where to meet, and opaque app data. */
export interface Invitation {
  /** The one-time secret; {@link invitationKeys} turns it into a mailbox id and a pairing key. */
  readonly secret: InviteSecret;
  /** The relay both devices use for pairing; absent for LAN pairing. */
  readonly relayUrl?: string;
  /** Opaque bytes for the caller (for example an expiry and the inviter's device id). */
  readonly payload: Uint8Array;
}

/** A new invitation and its copy-paste code. */
export interface CreatedInvitation extends Invitation {
  /** The text to show, copy and paste (or put in a QR code). */
  readonly code: InvitationCode;
}

/** Longest relay URL, in UTF-8 bytes. */
export const INVITE_RELAY_URL_MAX_BYTES = 512;
/** Longest payload, in bytes; codes should stay pasteable. */
export const INVITE_PAYLOAD_MAX_BYTES = 1024;

const PREFIX = 'TRAIL';
const VERSION = 1;
const decoder = new TextDecoder('utf-8', { fatal: true });

function malformed(
  reason: string,
  message: string,
  data: Record<string, string | number> = {},
): never {
  throw new CryptoError('INVITE_MALFORMED', message, { reason, ...data });
}

function u16(n: number): Uint8Array {
  return Uint8Array.of(n >> 8, n & 0xff);
}

/**
 * The copy-paste code of an invitation: "TRAIL", then Crockford base32 of (version 1 | secret |
 * u16 relay-URL length | relay URL | u16 payload length | payload), then a 6-symbol bech32m
 * checksum, so a typo gives INVITE_MALFORMED instead of a wrong secret.
 */
export function encodeInvitation(invitation: Invitation): InvitationCode {
  const { secret, relayUrl, payload } = invitation;
  if (!(secret instanceof Uint8Array) || secret.length !== SYMMETRIC_KEY_BYTES) {
    throw new CryptoError('INVALID_KEY', 'an invitation secret must be 32 bytes', {
      what: 'secret',
    });
  }
  const url = relayUrl === undefined ? new Uint8Array(0) : utf8(relayUrl, 'relayUrl');
  if (relayUrl !== undefined && (url.length === 0 || url.length > INVITE_RELAY_URL_MAX_BYTES)) {
    throw new CryptoError(
      'INVALID_ARGUMENT',
      `relayUrl must be 1 to ${INVITE_RELAY_URL_MAX_BYTES} bytes (omit it for none)`,
      { what: 'relayUrl' },
    );
  }
  if (!(payload instanceof Uint8Array) || payload.length > INVITE_PAYLOAD_MAX_BYTES) {
    throw new CryptoError(
      'INVALID_ARGUMENT',
      `payload must be a Uint8Array of at most ${INVITE_PAYLOAD_MAX_BYTES} bytes`,
      { what: 'payload' },
    );
  }
  const data = bytesToSymbols(
    concatBytes(Uint8Array.of(VERSION), secret, u16(url.length), url, u16(payload.length), payload),
  );
  return (PREFIX + symbolsToText([...data, ...checksumSymbols(PREFIX, data)])) as InvitationCode;
}

/** A fresh invitation with a random 256-bit one-time secret, and its code. */
export function createInvitation(options: {
  relayUrl?: string;
  payload: Uint8Array;
}): CreatedInvitation {
  const invitation: Invitation = {
    secret: randomBytes(SYMMETRIC_KEY_BYTES) as InviteSecret,
    ...(options.relayUrl === undefined ? {} : { relayUrl: options.relayUrl }),
    payload: options.payload,
  };
  return { ...invitation, code: encodeInvitation(invitation) };
}

function symbolsOf(code: string): number[] {
  const compact = code.replace(/[\s-]/g, '');
  if (compact.slice(0, PREFIX.length).toUpperCase() !== PREFIX) {
    malformed('prefix', 'this is not a trail invitation code (codes start with TRAIL)');
  }
  const symbols: number[] = [];
  for (const ch of compact.slice(PREFIX.length)) {
    const symbol = symbolOf(ch);
    if (symbol === undefined) {
      malformed(
        'character',
        `the invitation code contains "${ch}", which never appears in a code: check for a typo`,
        { character: ch },
      );
    }
    symbols.push(symbol);
  }
  return symbols;
}

/**
 * Reads an invitation code (case, spaces, dashes, O/0 and I/L/1 confusions forgiven).
 * INVITE_MALFORMED with a reason (prefix, character, checksum, version, layout) otherwise.
 */
export function parseInvitation(code: string): Invitation {
  if (typeof code !== 'string') malformed('prefix', 'an invitation code must be text');
  const symbols = symbolsOf(code);
  if (symbols.length <= CHECKSUM_SYMBOLS) malformed('layout', 'the invitation code is too short');
  if (!checksumValid(PREFIX, symbols)) {
    malformed(
      'checksum',
      'the invitation code has a typo or is incomplete (its checksum does not match): copy it again',
    );
  }
  const bytes = symbolsToBytes(symbols.slice(0, -CHECKSUM_SYMBOLS));
  if (bytes === undefined) malformed('layout', 'the invitation code has an impossible length');
  if (bytes[0] !== VERSION) {
    malformed('version', 'this invitation code was made by a newer trail; upgrade to use it');
  }
  const layout = (): never => malformed('layout', 'the invitation code is damaged');
  let at = 1 + SYMMETRIC_KEY_BYTES;
  const take = (): Uint8Array => {
    if (at + 2 > bytes.length) layout();
    const length = ((bytes[at] ?? 0) << 8) | (bytes[at + 1] ?? 0);
    if (at + 2 + length > bytes.length) layout();
    at += 2 + length;
    return bytes.slice(at - length, at);
  };
  const url = take();
  const payload = take();
  if (at !== bytes.length || url.length > INVITE_RELAY_URL_MAX_BYTES) layout();
  if (payload.length > INVITE_PAYLOAD_MAX_BYTES) layout();
  let relayUrl: string | undefined;
  try {
    relayUrl = url.length === 0 ? undefined : decoder.decode(url);
  } catch {
    layout();
  }
  const secret = bytes.slice(1, 1 + SYMMETRIC_KEY_BYTES) as InviteSecret;
  return relayUrl === undefined ? { secret, payload } : { secret, relayUrl, payload };
}
