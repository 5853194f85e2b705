import type {
  DeleteFrame,
  DeleteSpaceFrame,
  ForwardFrame,
  PullFrame,
  PutFrame,
} from '@trail/protocol';
import { CLOSE_CODES, PULL_OK_HEADER_BYTES, pulledBundleSize } from '@trail/protocol';
import type { Session } from './session.js';

/** `put`: store durably, then ack; tell the space's other devices something is available. */
export async function handlePut(session: Session, frame: PutFrame): Promise<void> {
  const { ctx } = session;
  const { limits } = ctx;
  const size = frame.bytes.length;
  if (size > limits.maxPayloadBytes) {
    session.logError('limit', { limit: 'payload_too_large', bytes: size });
    return session.sendError(
      frame.requestId,
      'payload_too_large',
      `bundles are limited to ${limits.maxPayloadBytes} bytes`,
    );
  }
  const outcome = await ctx.store.put(
    session.routingId,
    { deviceTag: session.deviceTag, bundleId: frame.bundleId, bytes: frame.bytes },
    ctx.now(),
    { quotaBytes: limits.spaceQuotaBytes, quotaBundles: limits.spaceQuotaBundles },
  );
  switch (outcome.status) {
    case 'stored':
    case 'duplicate': {
      const duplicate = outcome.status === 'duplicate';
      ctx.log.info('put', { conn: session.id, space: session.routingId, bytes: size, duplicate });
      session.send({
        type: 'putOk',
        requestId: frame.requestId,
        cursor: outcome.cursor,
        duplicate,
      });
      if (!duplicate) ctx.hub.available(session, outcome.cursor);
      return;
    }
    case 'over_quota':
      ctx.log.info('limit', {
        conn: session.id,
        space: session.routingId,
        limit: 'quota_exceeded',
      });
      return session.sendError(
        frame.requestId,
        'quota_exceeded',
        'the space has reached its storage quota',
      );
    case 'no_space':
      return session.fail(
        'space_deleted',
        'the space was deleted',
        CLOSE_CODES.policyViolation,
        frame.requestId,
      );
  }
}

/** `pull`: one page, filled up to the frame size limit, never above it. */
export async function handlePull(session: Session, frame: PullFrame): Promise<void> {
  const { ctx } = session;
  const budget = ctx.limits.maxFrameBytes - PULL_OK_HEADER_BYTES;
  const page = await ctx.store.pull(session.routingId, {
    after: frame.after,
    limit: Math.min(frame.limit, ctx.limits.pullMaxBundles),
    maxBytes: budget,
    ...(frame.excludeOwn ? { excludeDevice: session.deviceTag } : {}),
  });
  let count = 0;
  let size = 0;
  for (const bundle of page.bundles) {
    const next = pulledBundleSize(bundle);
    if (count > 0 && size + next > budget) break;
    size += next;
    count++;
  }
  const trimmed = count < page.bundles.length;
  const bundles = trimmed ? page.bundles.slice(0, count) : page.bundles;
  const cursor = trimmed ? bundles[count - 1]!.cursor : page.cursor;
  ctx.log.info('pull', { conn: session.id, space: session.routingId, count, bytes: size });
  session.send({
    type: 'pullOk',
    requestId: frame.requestId,
    cursor,
    more: page.more || trimmed,
    bundles,
  });
}

/**
 * `delete`: any authenticated member may delete any bundle of its space. Every member holds
 * the space key, device tags are unauthenticated routing hints, and compaction or purge must
 * be able to remove what another device uploaded; a member who abuses this could as well
 * flood the space, and is removed by rotating the key (docs/protocol.md).
 */
export async function handleDelete(session: Session, frame: DeleteFrame): Promise<void> {
  const { ctx } = session;
  const deleted = await ctx.store.delete(session.routingId, frame.bundleIds);
  ctx.log.info('delete', {
    conn: session.id,
    space: session.routingId,
    requested: frame.bundleIds.length,
    deleted,
  });
  session.send({ type: 'deleteOk', requestId: frame.requestId, deleted });
}

/** `deleteSpace`: erase the space, close its other connections, then this one. */
export async function handleDeleteSpace(session: Session, frame: DeleteSpaceFrame): Promise<void> {
  const { ctx } = session;
  await ctx.store.deleteSpace(session.routingId);
  ctx.log.info('delete_space', { conn: session.id, space: session.routingId });
  session.send({ type: 'deleteSpaceOk', requestId: frame.requestId });
  ctx.hub.kickAll(session.routingId, session, 'space_deleted', 'the space was deleted');
  session.end(CLOSE_CODES.normal, 'space deleted');
}

/** `forward`: relay live bytes to connected devices; nothing stored, nothing acknowledged. */
export function handleForward(session: Session, frame: ForwardFrame): void {
  const { ctx } = session;
  if (frame.bytes.length > ctx.limits.maxPayloadBytes) {
    session.logError('limit', { limit: 'payload_too_large', bytes: frame.bytes.length });
    return session.sendError(
      frame.requestId,
      'payload_too_large',
      `live messages are limited to ${ctx.limits.maxPayloadBytes} bytes`,
    );
  }
  const { dropped } = ctx.hub.forward(session, frame.to, frame.bytes);
  if (dropped > 0)
    ctx.log.debug('forward_dropped', { conn: session.id, space: session.routingId, dropped });
}
