import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { Guard } from './guard.js';

const TOKEN = 'k'.repeat(43);
const guard = new Guard(TOKEN, 4100);
const req = (headers: Record<string, string>, method = 'GET') =>
  ({ method, headers: { host: '127.0.0.1:4100', ...headers } }) as unknown as IncomingMessage;
const url = (q = '') => new URL(`http://127.0.0.1:4100/api/sessions${q}`);

describe('the web view’s guard', () => {
  it('lets the token through in the URL, a header or its cookie, and nothing else', () => {
    expect(guard.check(req({}), url(`?token=${TOKEN}`))).toBeUndefined();
    expect(guard.check(req({ 'x-trail-token': TOKEN }), url())).toBeUndefined();
    expect(guard.check(req({ cookie: `a=b; trail_ui_4100=${TOKEN}` }), url())).toBeUndefined();
    expect(guard.check(req({}), url())).toBe('token');
    expect(guard.check(req({ cookie: `trail_ui_4101=${TOKEN}` }), url())).toBe('token');
    expect(guard.check(req({}), url(`?token=${TOKEN.slice(0, -1)}`))).toBe('token');
  });

  it('refuses a foreign Host before looking at the token', () => {
    expect(guard.check(req({ host: 'evil.example:4100' }), url(`?token=${TOKEN}`))).toBe('host');
    expect(guard.check(req({ host: '127.0.0.1:4101' }), url(`?token=${TOKEN}`))).toBe('host');
    expect(guard.check(req({ host: 'localhost:4100' }), url(`?token=${TOKEN}`))).toBeUndefined();
  });

  it('refuses a foreign Origin, and a write from no origin unless it names the token itself', () => {
    expect(guard.check(req({ origin: 'http://evil.example' }), url(`?token=${TOKEN}`))).toBe(
      'origin',
    );
    expect(
      guard.check(req({ origin: 'http://127.0.0.1:4100' }), url(`?token=${TOKEN}`)),
    ).toBeUndefined();
    expect(guard.check(req({ cookie: `trail_ui_4100=${TOKEN}` }, 'POST'), url())).toBe('origin');
    expect(
      guard.check(
        req({ cookie: `trail_ui_4100=${TOKEN}`, origin: 'http://localhost:4100' }, 'POST'),
        url(),
      ),
    ).toBeUndefined();
    expect(guard.check(req({ 'x-trail-token': TOKEN }, 'POST'), url())).toBeUndefined();
  });
});
