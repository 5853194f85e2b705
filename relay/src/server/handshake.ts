import type { AuthFrame, HelloFrame } from '@trail/protocol';
import { authChallengeMessage, CLOSE_CODES, NONCE_BYTES, negotiateVersion } from '@trail/protocol';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Session } from './session.js';
import { verifyEd25519 } from './verify-signature.js';

/** `hello`: a guest session opens at once; a space session gets a fresh random challenge. */
export function handleHello(session: Session, frame: HelloFrame): void {
  // The decoder already refused offers with no common version.
  const protocolVersion = negotiateVersion({
    min: frame.minProtocolVersion,
    max: frame.protocolVersion,
  })!;
  const { ctx } = session;
  if (frame.space === undefined) {
    session.state = 'guest';
    session.opened();
    ctx.log.info('auth_ok', { conn: session.id, guest: true, version: protocolVersion });
    session.send({
      type: 'welcome',
      protocolVersion,
      serverTime: ctx.now(),
      limits: ctx.sessionLimits,
      online: [],
      usage: { bytes: 0, bundles: 0 },
    });
    return;
  }
  // Copy the key: the frame's bytes are a view into the socket's receive buffer.
  const hello = { ...frame.space, authPublicKey: frame.space.authPublicKey.slice() };
  const nonce = new Uint8Array(randomBytes(NONCE_BYTES));
  session.challenge = { nonce, protocolVersion, hello };
  session.state = 'challenged';
  session.send({ type: 'challenge', protocolVersion, relayId: ctx.relayId, nonce });
}

function refuse(session: Session, code: string, message: string, space: string): void {
  session.ctx.log.info('auth_fail', { conn: session.id, code, space });
  session.fail(code, message, CLOSE_CODES.policyViolation);
}

/**
 * `auth`: verify the signature over this connection's challenge, then trust on first use:
 * an unknown routing id is registered with the key that just proved itself; a known one
 * must match the pinned key. Then join the space and send `welcome`.
 */
export async function handleAuth(session: Session, frame: AuthFrame): Promise<void> {
  const { ctx } = session;
  const { nonce, protocolVersion, hello } = session.challenge!;
  session.challenge = undefined;
  const message = authChallengeMessage({ protocolVersion, relayId: ctx.relayId, nonce, ...hello });
  if (!verifyEd25519(hello.authPublicKey, message, frame.signature)) {
    return refuse(session, 'auth_failed', 'the signature does not verify', hello.routingId);
  }
  let pinned = await ctx.store.getSpace(hello.routingId);
  if (pinned === undefined) {
    if (!ctx.registrations.take(session.ip, performance.now())) {
      ctx.log.info('limit', { conn: session.id, limit: 'space_registrations', ip: session.ip });
      return refuse(
        session,
        'rate_limited',
        'too many new spaces from this address; try later',
        hello.routingId,
      );
    }
    const createdAt = ctx.now();
    const record = { routingId: hello.routingId, authPublicKey: hello.authPublicKey, createdAt };
    const outcome = await ctx.store.registerSpace(record, ctx.limits.maxSpaces);
    if (outcome.status === 'full') {
      return refuse(session, 'relay_full', 'this relay accepts no new spaces', hello.routingId);
    }
    if (outcome.status === 'registered')
      ctx.log.info('space_registered', { space: hello.routingId });
    pinned = outcome.record;
  }
  if (!timingSafeEqual(pinned.authPublicKey, hello.authPublicKey)) {
    return refuse(
      session,
      'auth_key_mismatch',
      'this space is registered with another auth key',
      hello.routingId,
    );
  }
  const usage = await ctx.store.usage(hello.routingId);
  if (session.state !== 'challenged') return;
  session.space = { routingId: hello.routingId, deviceTag: hello.deviceTag };
  if (!ctx.hub.join(session)) {
    return refuse(session, 'space_full', 'too many connections in this space', hello.routingId);
  }
  session.joined = true;
  session.state = 'space';
  session.opened();
  ctx.log.info('auth_ok', {
    conn: session.id,
    space: hello.routingId,
    device: hello.deviceTag,
    version: protocolVersion,
  });
  session.send({
    type: 'welcome',
    protocolVersion,
    serverTime: ctx.now(),
    limits: ctx.sessionLimits,
    online: ctx.hub.online(hello.routingId, hello.deviceTag),
    usage,
  });
}
