import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { Api } from './api.js';
import { UiData } from './data.js';
import { Guard } from './guard.js';
import type { GlobalOptions } from '../output.js';

/** Options of {@link startUiServer}. */
export interface UiServerOptions extends GlobalOptions {
  /** TCP port on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number;
  /** The built page; default the `@trail/ui` package's dist/. */
  assets?: string;
  /** Fixed token (tests); default 32 random bytes. */
  token?: string;
}

/** A running web view. */
export interface UiServer {
  /** The URL to open, token included. */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/** Nothing the page loads may come from anywhere but this server. */
const SECURITY_HEADERS = {
  'Content-Security-Policy':
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

/** Largest request body the API reads. */
const MAX_BODY = 1 << 20;

/** Starts the web view on 127.0.0.1: the page, and the JSON API under /api/. */
export async function startUiServer(opts: UiServerOptions): Promise<UiServer> {
  const data = await UiData.open(opts);
  const api = new Api(data);
  const assets = opts.assets ?? defaultAssets();
  const token = opts.token ?? randomBytes(32).toString('base64url');
  const server = createServer();
  const port = await listen(server, opts.port ?? 0);
  const guard = new Guard(token, port);
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res, guard, api, assets).catch((e: unknown) => {
      if (!res.headersSent)
        send(
          res,
          500,
          'text/plain; charset=utf-8',
          `trail ui: ${e instanceof Error ? e.message : String(e)}\n`,
        );
      else res.destroy();
    });
  });
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          data.close();
          resolve();
        });
      }),
  };
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  guard: Guard,
  api: Api,
  assets: string,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const refusal = guard.check(req, url);
  if (refusal) {
    const why = {
      host: 'foreign Host header',
      origin: 'foreign Origin',
      token: 'missing or wrong token',
    }[refusal];
    send(
      res,
      403,
      'text/plain; charset=utf-8',
      `trail ui: refused (${why}); open the URL \`trail ui\` printed\n`,
    );
    return;
  }
  if (url.pathname.startsWith('/api/')) {
    const body = req.method === 'POST' ? await readJson(req) : undefined;
    const answer =
      body instanceof Error
        ? { status: 400, body: { version: 1, error: { code: 'BAD_JSON', message: body.message } } }
        : await api.handle(req.method ?? 'GET', url, body);
    send(res, answer.status, 'application/json; charset=utf-8', JSON.stringify(answer.body));
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    send(res, 405, 'text/plain; charset=utf-8', 'method not allowed\n');
    return;
  }
  if (url.pathname === '/' && guard.inUrl(url)) {
    // hand the page its cookie and drop the token from the address bar (and so from history)
    res.writeHead(303, { ...SECURITY_HEADERS, 'Set-Cookie': guard.setCookie(), Location: '/' });
    res.end();
    return;
  }
  serveAsset(res, assets, url.pathname === '/' ? '/index.html' : url.pathname);
}

function serveAsset(res: ServerResponse, assets: string, path: string): void {
  const file = normalize(join(assets, decodeURIComponent(path)));
  if (!file.startsWith(assets + sep) || !existsSync(file) || !statSync(file).isFile()) {
    if (path === '/index.html') {
      send(
        res,
        500,
        'text/plain; charset=utf-8',
        `trail ui: the page was not built (${assets} is missing); run \`npm run build\`\n`,
      );
      return;
    }
    send(res, 404, 'text/plain; charset=utf-8', 'not found\n');
    return;
  }
  send(res, 200, TYPES[extname(file)] ?? 'application/octet-stream', readFileSync(file));
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': type,
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req as AsyncIterable<Buffer>) {
    size += c.length;
    if (size > MAX_BODY) return new Error('request body too large');
    chunks.push(c);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return new Error('request body is not JSON');
  }
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

/** The built page inside the `@trail/ui` package. */
function defaultAssets(): string {
  return join(dirname(createRequire(import.meta.url).resolve('@trail/ui/package.json')), 'dist');
}
