// The page's side of the API: same-origin requests, authenticated by the cookie the server set
// when the page was opened with its token.
import type { ErrorJson } from '@trail/api';

/** An API error with the server's stable code. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const res = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ApiError('BAD_RESPONSE', text.trim() || res.statusText, res.status);
  }
  if (!res.ok) {
    const e = (json as Partial<ErrorJson>).error;
    throw new ApiError(e?.code ?? 'ERROR', e?.message ?? res.statusText, res.status);
  }
  return json as T;
}

/** GET an API path (`/api/...`), redacted as the server always answers by default. */
export function get<T>(path: string): Promise<T> {
  return call<T>('GET', path);
}

/** POST JSON to an API path. */
export function post<T>(path: string, body: unknown): Promise<T> {
  return call<T>('POST', path, body);
}

/** The same GET without redaction: the one deliberate, local request that reveals secrets. */
export function reveal<T>(path: string): Promise<T> {
  return call<T>('POST', '/api/reveal', { path });
}

/** A query string from the set values of an object. */
export function qs(params: Record<string, string | number | boolean | undefined | null>): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null && v !== '' && v !== false) u.set(k, String(v));
  const s = u.toString();
  return s ? `?${s}` : '';
}
