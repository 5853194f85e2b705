import type { ClientFrame } from '@trail/protocol';
import { CLOSE_CODES } from '@trail/protocol';
import { handleAuth, handleHello } from './handshake.js';
import { handleInviteDelete, handleInvitePull, handleInvitePut } from './invite-requests.js';
import type { Session } from './session.js';
import {
  handleDelete,
  handleDeleteSpace,
  handleForward,
  handlePull,
  handlePut,
} from './space-requests.js';

function invite(session: Session, frame: ClientFrame): boolean {
  switch (frame.type) {
    case 'invitePut':
      handleInvitePut(session, frame);
      return true;
    case 'invitePull':
      handleInvitePull(session, frame);
      return true;
    case 'inviteDelete':
      handleInviteDelete(session, frame);
      return true;
    default:
      return false;
  }
}

async function spaceFrame(session: Session, frame: ClientFrame): Promise<boolean> {
  switch (frame.type) {
    case 'put':
      await handlePut(session, frame);
      return true;
    case 'pull':
      await handlePull(session, frame);
      return true;
    case 'delete':
      await handleDelete(session, frame);
      return true;
    case 'deleteSpace':
      await handleDeleteSpace(session, frame);
      return true;
    case 'forward':
      handleForward(session, frame);
      return true;
    default:
      return invite(session, frame);
  }
}

/**
 * Routes a frame by session state. Anything not allowed in the current state (a put before
 * auth, a second hello, a put from a guest) is a protocol violation that closes the session.
 */
export async function dispatch(session: Session, frame: ClientFrame): Promise<void> {
  const state = session.state;
  if (state === 'hello' && frame.type === 'hello') return handleHello(session, frame);
  if (state === 'challenged' && frame.type === 'auth') return handleAuth(session, frame);
  if (state === 'guest' && invite(session, frame)) return;
  if (state === 'space' && (await spaceFrame(session, frame))) return;
  if (state === 'closing') return;
  session.logError('frame_error', { code: 'unexpected_frame', frame: frame.type, state });
  const requestId = 'requestId' in frame ? frame.requestId : 0;
  session.fail(
    'unexpected_frame',
    `${frame.type} is not allowed in state ${state}`,
    CLOSE_CODES.policyViolation,
    requestId,
  );
}
