import type { BundleId, InvitationId } from '@trail/protocol';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, stderrJsonSink } from './logger.js';
import { connect, testRelay, waitFor } from './test-support/harness.js';
import { device, newSpace } from './test-support/keys.js';

const SECRET = 'PROMPT: deploy with AKIA0123456789ABCDEF';
const BUNDLE_ID = 'bundleIdThatMustNotBeLogged' as BundleId;

describe('logging', () => {
  it('logs events as structured records and never a payload or bundle id', async () => {
    const relay = await testRelay();
    const space = newSpace();
    const laptop = await connect(relay, device(space, 'laptop'));
    const desktop = await connect(relay, device(space, 'desktop'));
    const payload = new TextEncoder().encode(SECRET);
    await laptop.put(BUNDLE_ID, payload);
    await desktop.pull();
    laptop.forward(payload);
    await laptop.invitePut('invitation-aaaaaaaaaaaaaaaa' as InvitationId, payload);
    await laptop.delete([BUNDLE_ID]);
    await laptop.close();
    await waitFor(() => relay.logs.some((l) => l.event === 'disconnect'), 'disconnect logged');

    const text = relay.logs.map((l) => JSON.stringify(l)).join('\n');
    for (const needle of [
      SECRET,
      BUNDLE_ID,
      Buffer.from(payload).toString('base64'),
      Buffer.from(payload).toString('hex'),
    ]) {
      expect(text).not.toContain(needle);
    }
    const events = new Set(relay.logs.map((l) => l.event));
    for (const event of [
      'listening',
      'connect',
      'auth_ok',
      'space_registered',
      'put',
      'pull',
      'delete',
      'invite_put',
      'disconnect',
    ]) {
      expect(events).toContain(event);
    }
    expect(relay.logs.find((l) => l.event === 'put')).toMatchObject({
      bytes: payload.length,
      duplicate: false,
      space: space.routingId,
    });
    for (const record of relay.logs) expect(record.time).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('writes one JSON object per line and drops events below the minimum level', () => {
    const stream = new PassThrough();
    const logger = createLogger(stderrJsonSink(stream), 'info');
    logger.debug('hidden');
    logger.info('shown', { conn: 1 });
    logger.warn('also', { note: 'x' });
    const lines = String(stream.read()).trimEnd().split('\n');
    expect(lines.map((l) => JSON.parse(l) as { event: string })).toMatchObject([
      { level: 'info', event: 'shown', conn: 1 },
      { level: 'warn', event: 'also', note: 'x' },
    ]);
  });
});
