import type { DeviceTag, RelayId, RoutingId } from './ids.js';
import { AUTH_PUBLIC_KEY_BYTES, NONCE_BYTES } from './wire-constants.js';
import { Writer } from './writer.js';

/** Domain separation prefix: a space auth key signs nothing else that could look like this. */
export const AUTH_DOMAIN = 'trail-relay-auth-v1';

/** Everything a device binds into its authentication signature. */
export interface AuthChallengeInput {
  readonly protocolVersion: number;
  readonly relayId: RelayId;
  readonly nonce: Uint8Array;
  readonly routingId: RoutingId;
  readonly deviceTag: DeviceTag;
  readonly authPublicKey: Uint8Array;
}

/**
 * The exact bytes a device signs with its space auth secret key to answer a challenge:
 * the domain string, a zero byte, then the version, relay id, nonce, routing id, device tag
 * and public key, each variable field length-prefixed so no two inputs share an encoding.
 * A signature is therefore useless on another relay, connection (fresh nonce), space or
 * device.
 */
export function authChallengeMessage(input: AuthChallengeInput): Uint8Array {
  const w = new Writer(256);
  for (let i = 0; i < AUTH_DOMAIN.length; i++) w.u8('domain', AUTH_DOMAIN.charCodeAt(i));
  w.u8('separator', 0);
  w.u16('protocolVersion', input.protocolVersion);
  w.id('relayId', input.relayId);
  w.fixed('nonce', input.nonce, NONCE_BYTES);
  w.id('routingId', input.routingId);
  w.id('deviceTag', input.deviceTag);
  w.fixed('authPublicKey', input.authPublicKey, AUTH_PUBLIC_KEY_BYTES);
  return w.finish().slice();
}
