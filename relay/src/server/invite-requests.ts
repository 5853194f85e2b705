import type { InviteDeleteFrame, InvitePullFrame, InvitePutFrame } from '@trail/protocol';
import { performance } from 'node:perf_hooks';
import type { Session } from './session.js';

const REFUSALS = {
  payload_too_large: 'invitation messages are limited in size',
  invitation_full: 'this invitation holds no more messages',
  rendezvous_full: 'the relay holds too many invitations; try again later',
} as const;

/** Opening a new mailbox costs the address one token; false (and an error sent) if spent. */
function mayOpen(session: Session, frame: InvitePutFrame | InvitePullFrame): boolean {
  const { ctx } = session;
  if (ctx.board.has(frame.invitationId, ctx.now())) return true;
  if (ctx.invitations.take(session.ip, performance.now())) return true;
  ctx.log.info('limit', { conn: session.id, limit: 'invitations', ip: session.ip });
  session.sendError(
    frame.requestId,
    'rate_limited',
    'too many new invitations from this address; try later',
  );
  return false;
}

/** `invitePut`: append a sealed message to an invitation mailbox. */
export function handleInvitePut(session: Session, frame: InvitePutFrame): void {
  const { ctx } = session;
  if (!mayOpen(session, frame)) return;
  const result = ctx.board.put(frame.invitationId, frame.bytes, ctx.now(), session);
  if (typeof result !== 'number') {
    ctx.log.info('limit', { conn: session.id, limit: result });
    return session.sendError(frame.requestId, result, REFUSALS[result]);
  }
  ctx.log.info('invite_put', { conn: session.id, bytes: frame.bytes.length, seq: result });
  session.send({ type: 'invitePutOk', requestId: frame.requestId, seq: result });
}

/** `invitePull`: read an invitation mailbox and watch it for new messages. */
export function handleInvitePull(session: Session, frame: InvitePullFrame): void {
  const { ctx } = session;
  if (!mayOpen(session, frame)) return;
  const messages = ctx.board.pull(frame.invitationId, frame.after, ctx.now(), session);
  ctx.log.info('invite_pull', { conn: session.id, count: messages.length });
  session.send({ type: 'invitePullOk', requestId: frame.requestId, messages });
}

/** `inviteDelete`: the pairing is done (or abandoned); forget the mailbox. */
export function handleInviteDelete(session: Session, frame: InviteDeleteFrame): void {
  const existed = session.ctx.board.delete(frame.invitationId);
  session.ctx.log.info('invite_delete', { conn: session.id, existed });
  session.send({ type: 'inviteDeleteOk', requestId: frame.requestId, existed });
}
