/**
 * The slice of the WHATWG WebSocket API the client uses. Node's global WebSocket, browsers'
 * and the `ws` package's WebSocket all provide it, so this package needs no WebSocket
 * dependency and runs anywhere.
 */
export interface WebSocketLike {
  binaryType: string;
  readonly readyState: number;
  readonly bufferedAmount: number;
  send(data: Uint8Array): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { readonly data: unknown }) => void) | null;
  onclose: ((event: { readonly code: number; readonly reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

/** Opens a WebSocket to a URL. */
export type WebSocketFactory = (url: string) => WebSocketLike;

/** `readyState` of an open socket. */
export const WEBSOCKET_OPEN = 1;

/** Opens sockets with the platform's global WebSocket (Node 22+, browsers, Deno, Bun). */
export const globalWebSocketFactory: WebSocketFactory = (url) => {
  const Ctor = (globalThis as { WebSocket?: new (url: string) => unknown }).WebSocket;
  if (Ctor === undefined) throw new Error('no global WebSocket; pass options.webSocket');
  return new Ctor(url) as WebSocketLike;
};
