import { isPlaceholderValue, isVariableReference } from '../text/values.js';
import type { Detector } from './detector.js';

const BEARER = /(?<![A-Za-z0-9])[Bb][Ee][Aa][Rr][Ee][Rr][ \t]+([A-Za-z0-9\-._~+/]{8,}=*)/dg;
const BASIC =
  /(?<![A-Za-z0-9])[Bb][Aa][Ss][Ii][Cc][ \t]+([A-Za-z0-9+/]{8,}={0,2})(?![A-Za-z0-9+/=])/dg;
const CURL_USER = /(?:^|[\s'"])(?:-u|--user)(?:[ \t]+|=)(['"]?)([^\s'":$]*):([^\s'"]+)\1/dg;
const CLIENT = /curl|wget|https?:|httpie|\bxh\b/;

// opaque bearer tokens are 16 characters or more (GitHub 40, OAuth 40+, JWTs far longer)
function looksLikeToken(value: string): boolean {
  if (value.length < 16 || /^[\d.:+_/-]+$/.test(value)) return false;
  if (isPlaceholderValue(value) || isVariableReference(value)) return false;
  return /[0-9]/.test(value) || (/[a-z]/.test(value) && /[A-Z]/.test(value) && value.length >= 20);
}

function decodesToCredentials(b64: string): boolean {
  const decoded = Buffer.from(b64, 'base64').toString('latin1');
  const colon = decoded.indexOf(':');
  return colon > 0 && colon < decoded.length - 1 && /^[\x20-\x7e]+$/.test(decoded);
}

/** `Authorization: Bearer <token>` (and any other `Bearer <token>`). */
export function bearerDetector(): Detector {
  return {
    id: 'bearer',
    anchorsIgnoringCase: ['bearer'],
    detect(text, emit) {
      BEARER.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = BEARER.exec(text)) !== null) {
        const [s, e] = m.indices![1]!;
        if (looksLikeToken(m[1]!)) emit('bearer-token', s, e);
      }
    },
  };
}

/** `Basic <base64 of user:password>`, as in an `Authorization` header. */
export function basicAuthDetector(): Detector {
  return {
    id: 'basic-auth',
    anchorsIgnoringCase: ['basic'],
    detect(text, emit) {
      BASIC.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = BASIC.exec(text)) !== null) {
        const [s, e] = m.indices![1]!;
        if (decodesToCredentials(m[1]!)) emit('basic-auth', s, e);
      }
    },
  };
}

/** `curl -u user:password` (and wget, httpie): not `docker run -u 1000:1000`. */
export function curlUserDetector(): Detector {
  return {
    id: 'curl-user',
    anchors: ['-u', '--user'],
    detect(text, emit, hits) {
      let lastLine = -1;
      for (const h of hits) {
        if (!(text.startsWith('-u', h) || text.startsWith('--user', h))) continue;
        const lineStart = text.lastIndexOf('\n', h) + 1;
        if (lineStart === lastLine) continue;
        lastLine = lineStart;
        const lineEnd = text.indexOf('\n', h);
        const line = text.slice(lineStart, lineEnd === -1 ? text.length : lineEnd);
        if (!CLIENT.test(line)) continue;
        CURL_USER.lastIndex = 0;
        let m: RegExpExecArray | null;
        while ((m = CURL_USER.exec(line)) !== null) {
          const password = m[3]!;
          if (isVariableReference(password) || isPlaceholderValue(password)) continue;
          emit('basic-auth', lineStart + m.indices![2]![0], lineStart + m.indices![3]![1]);
        }
      }
    },
  };
}
