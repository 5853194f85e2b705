import {
  asBoxPublicKey,
  asPublicKey,
  deviceIdFromPublicKey,
  sign,
  verify,
  type BoxPublicKey,
  type DeviceIdentity,
  type PublicKey,
} from '@trail/crypto';
import { ByteReader, MalformedInput } from '../bytes/reader.js';
import { ByteWriter } from '../bytes/writer.js';

/**
 * A device's membership certificate: its public keys and name, signed by the device that paired
 * it (the space's first device signs its own). Receivers accept a certificate only when its
 * issuer is a member they already accept, so membership chains back to devices met in person.
 */
export interface DeviceCert {
  readonly deviceId: string;
  readonly signPublicKey: PublicKey;
  readonly boxPublicKey: BoxPublicKey;
  /** A label chosen by the user (a hostname by default); shown, never trusted. */
  readonly name: string;
  /** Milliseconds since the Unix epoch. */
  readonly addedAt: number;
  /** Device id of the signer. */
  readonly issuer: string;
  readonly signature: Uint8Array;
}

const DOMAIN = new TextEncoder().encode('trail/device-cert/v1\0');
/** Longest device name, in UTF-8 bytes. */
export const DEVICE_NAME_MAX = 64;
const DEVICE_ID = /^[0-9a-hjkmnp-tv-z]{24}$/;

function body(cert: Omit<DeviceCert, 'signature'>): Uint8Array {
  return new ByteWriter(256)
    .raw(DOMAIN)
    .str(cert.deviceId)
    .raw(cert.signPublicKey)
    .raw(cert.boxPublicKey)
    .str(cert.name)
    .u64(cert.addedAt)
    .str(cert.issuer)
    .finish();
}

/** Certifies `subject` as a member, signed by `issuer`. */
export function issueCert(
  issuer: DeviceIdentity,
  subject: { deviceId: string; signPublicKey: PublicKey; boxPublicKey: BoxPublicKey },
  name: string,
  addedAt: number,
): DeviceCert {
  const unsigned = {
    deviceId: subject.deviceId,
    signPublicKey: subject.signPublicKey,
    boxPublicKey: subject.boxPublicKey,
    name: name.slice(0, DEVICE_NAME_MAX),
    addedAt,
    issuer: issuer.deviceId,
  };
  return { ...unsigned, signature: sign(issuer.signSecretKey, body(unsigned)) };
}

/** Whether `cert` is well formed and signed by the holder of `issuerKey`. */
export function certSignedBy(cert: DeviceCert, issuerKey: PublicKey): boolean {
  if (deviceIdFromPublicKey(cert.signPublicKey) !== cert.deviceId) return false;
  return verify(issuerKey, body(cert), cert.signature);
}

/** The wire form of a certificate. */
export function encodeCert(cert: DeviceCert): Uint8Array {
  return new ByteWriter(320).raw(body(cert)).raw(cert.signature).finish();
}

/** Parses a certificate strictly; throws MalformedInput. Does not check the signature. */
export function decodeCert(bytes: Uint8Array): DeviceCert {
  const r = new ByteReader(bytes);
  const domain = r.raw(DOMAIN.length, 'certificate domain');
  if (!domain.every((b, i) => b === DOMAIN[i])) throw new MalformedInput('not a certificate');
  const deviceId = r.str('deviceId', 24, DEVICE_ID);
  const signPublicKey = asPublicKey(r.raw(32, 'signPublicKey'));
  const boxPublicKey = asBoxPublicKey(r.raw(32, 'boxPublicKey'));
  const name = r.str('name', DEVICE_NAME_MAX);
  const addedAt = r.u64('addedAt');
  const issuer = r.str('issuer', 24, DEVICE_ID);
  const signature = r.raw(64, 'signature');
  r.end();
  return { deviceId, signPublicKey, boxPublicKey, name, addedAt, issuer, signature };
}
