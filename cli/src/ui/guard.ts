import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Why a request was refused, or undefined when it may go on. */
export type Refusal = 'host' | 'origin' | 'token' | undefined;

/**
 * The web view's gate. Only this user's browser may read the history: the server listens on
 * loopback only; a foreign Host header (DNS rebinding) or Origin (another page) is refused;
 * and every request must carry the random token, in the URL, a header or the cookie set
 * from it. The cookie is named after the port, since cookies are not scoped by port.
 */
export class Guard {
  readonly cookieName: string;
  private readonly hosts: Set<string>;
  private readonly origins: Set<string>;
  private readonly secret: Buffer;

  constructor(
    readonly token: string,
    readonly port: number,
  ) {
    this.cookieName = `trail_ui_${port}`;
    this.hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
    this.origins = new Set([...this.hosts].map((h) => `http://${h}`));
    this.secret = Buffer.from(token);
  }

  /** Checks Host, Origin and token, in that order. */
  check(req: IncomingMessage, url: URL): Refusal {
    if (!this.hosts.has(String(req.headers.host ?? '').toLowerCase())) return 'host';
    const origin = req.headers.origin;
    if (origin !== undefined && !this.origins.has(origin.toLowerCase())) return 'origin';
    // a state-changing request must come from our page (which always sends Origin) or name the token itself
    if (
      req.method !== 'GET' &&
      req.method !== 'HEAD' &&
      origin === undefined &&
      !this.matches(header(req, 'x-trail-token'))
    )
      return 'origin';
    if (
      this.matches(url.searchParams.get('token')) ||
      this.matches(header(req, 'x-trail-token')) ||
      this.matches(this.cookie(req))
    )
      return undefined;
    return 'token';
  }

  /** True when the request's URL names the token (the page is then handed the cookie). */
  inUrl(url: URL): boolean {
    return this.matches(url.searchParams.get('token'));
  }

  /** The Set-Cookie value that carries the token for the page's own requests. */
  setCookie(): string {
    return `${this.cookieName}=${this.token}; HttpOnly; SameSite=Strict; Path=/`;
  }

  private cookie(req: IncomingMessage): string | undefined {
    for (const part of String(req.headers.cookie ?? '').split(';')) {
      const [k, ...v] = part.trim().split('=');
      if (k === this.cookieName) return v.join('=');
    }
    return undefined;
  }

  private matches(candidate: string | null | undefined): boolean {
    if (!candidate) return false;
    const b = Buffer.from(candidate);
    return b.length === this.secret.length && timingSafeEqual(b, this.secret);
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}
