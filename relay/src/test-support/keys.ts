import type { DeviceTag, RoutingId, SpaceCredentials } from '@trail/protocol';
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';

/** A test space: routing id and an Ed25519 auth key pair made with node:crypto. */
export interface TestSpace {
  readonly routingId: RoutingId;
  readonly authPublicKey: Uint8Array;
  readonly sign: (message: Uint8Array) => Uint8Array;
}

/** A new space with a random routing id and auth key. */
export function newSpace(
  routingId = randomBytes(32).toString('base64url') as RoutingId,
): TestSpace {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const der = publicKey.export({ format: 'der', type: 'spki' });
  return {
    routingId,
    authPublicKey: new Uint8Array(der.subarray(der.length - 32)),
    sign: (message) => new Uint8Array(sign(null, message, privateKey)),
  };
}

/** Credentials of one device of a space. */
export function device(space: TestSpace, deviceTag: string): SpaceCredentials {
  return { ...space, deviceTag: deviceTag as DeviceTag };
}
