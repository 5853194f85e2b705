import { ProtocolError } from './protocol-error.js';

declare const brand: unique symbol;

/** A string that has passed validation for one kind of identifier. */
export type Branded<T, B extends string> = T & { readonly [brand]: B };

/** Opaque id of a space on the relay, derived by clients from the space key (base64url). */
export type RoutingId = Branded<string, 'RoutingId'>;
/** Opaque tag of one device inside a space (base64url). */
export type DeviceTag = Branded<string, 'DeviceTag'>;
/** Client-chosen opaque id of a bundle, unique within its space (base64url). */
export type BundleId = Branded<string, 'BundleId'>;
/** High-entropy opaque id of a pairing invitation, known only to inviter and invitee. */
export type InvitationId = Branded<string, 'InvitationId'>;
/** The relay's own opaque id, bound into every authentication signature. */
export type RelayId = Branded<string, 'RelayId'>;
/** Opaque, relay-issued position in a space's mailbox; the empty string means "the start". */
export type Cursor = Branded<string, 'Cursor'>;

/** The kinds of identifier on the wire. */
export type IdKind = 'routingId' | 'deviceTag' | 'bundleId' | 'invitationId' | 'relayId' | 'cursor';

/**
 * Length bounds (characters) of each identifier. Routing and invitation ids need at least
 * 22 base64url characters (128 bits) so they cannot be guessed.
 */
export const ID_LENGTHS: Readonly<Record<IdKind, { readonly min: number; readonly max: number }>> =
  {
    routingId: { min: 22, max: 86 },
    deviceTag: { min: 1, max: 64 },
    bundleId: { min: 1, max: 128 },
    invitationId: { min: 22, max: 86 },
    relayId: { min: 1, max: 64 },
    cursor: { min: 0, max: 64 },
  };

/** The cursor that starts a pull from the oldest bundle. */
export const START_CURSOR = '' as Cursor;

const BASE64URL = /^[A-Za-z0-9_-]*$/;
const CURSOR = /^[A-Za-z0-9._-]*$/;

/** Whether a byte is allowed in an identifier of the given kind (ASCII only). */
export function isIdByte(kind: IdKind, byte: number): boolean {
  if ((byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5a)) return true;
  if ((byte >= 0x61 && byte <= 0x7a) || byte === 0x2d || byte === 0x5f) return true;
  return kind === 'cursor' && byte === 0x2e;
}

/** Whether a string is a valid identifier of the given kind. */
export function isValidId(kind: IdKind, value: string): boolean {
  const { min, max } = ID_LENGTHS[kind];
  if (value.length < min || value.length > max) return false;
  return (kind === 'cursor' ? CURSOR : BASE64URL).test(value);
}

function parse<T extends string>(kind: IdKind, value: string): T {
  if (!isValidId(kind, value)) {
    const { min, max } = ID_LENGTHS[kind];
    throw new ProtocolError(
      'invalid_id',
      `${kind} must be ${min}-${max} characters of the ${kind === 'cursor' ? 'cursor' : 'base64url'} alphabet`,
      { kind, length: value.length },
    );
  }
  return value as T;
}

/** Validates a routing id; throws ProtocolError `invalid_id`. */
export function parseRoutingId(value: string): RoutingId {
  return parse<RoutingId>('routingId', value);
}

/** Validates a device tag; throws ProtocolError `invalid_id`. */
export function parseDeviceTag(value: string): DeviceTag {
  return parse<DeviceTag>('deviceTag', value);
}

/** Validates a bundle id; throws ProtocolError `invalid_id`. */
export function parseBundleId(value: string): BundleId {
  return parse<BundleId>('bundleId', value);
}

/** Validates an invitation id; throws ProtocolError `invalid_id`. */
export function parseInvitationId(value: string): InvitationId {
  return parse<InvitationId>('invitationId', value);
}

/** Validates a relay id; throws ProtocolError `invalid_id`. */
export function parseRelayId(value: string): RelayId {
  return parse<RelayId>('relayId', value);
}

/** Validates a cursor received earlier from a relay; throws ProtocolError `invalid_id`. */
export function parseCursor(value: string): Cursor {
  return parse<Cursor>('cursor', value);
}
