import { isPlaceholderValue, isVariableReference } from '../text/values.js';
import type { Detector } from './detector.js';

const BEARER = /(?<![A-Za-z0-9])[Bb][Ee][Aa][Rr][Ee][Rr][ \t]+([A-Za-z0-9\-._~+/]{8,}=*)/dg;
const BASIC =
  /(?<![A-Za-z0-9])[Bb][Aa][Ss][Ii][Cc][ \t]+([A-Za-z0-9+/]{8,}={0,2})(?![A-Za-z0-9+/=])/dg;
const CURL_USER = /(?:^|[\s'"])(?:-u|--user)(?:[ \t]+|=)(['"]?)([^\s'":$]*):([^\s'"]+)\1/dgm;
const CLIENT = /\b(?:curl|wget|http|https|xh|httpie|ab|hey)\b/;

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

/** `Authorization: Bearer …`, `Basic <base64 user:password>` and `curl -u user:password`. */
export function httpAuthDetector(): Detector {
  return {
    id: 'http-auth',
    anchorsIgnoringCase: ['bearer', 'basic'],
    anchors: ['-u', '--user'],
    detect(text, emit) {
      BEARER.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = BEARER.exec(text)) !== null) {
        const [s, e] = m.indices![1]!;
        if (looksLikeToken(m[1]!)) emit('bearer-token', s, e);
      }
      BASIC.lastIndex = 0;
      while ((m = BASIC.exec(text)) !== null) {
        const [s, e] = m.indices![1]!;
        if (decodesToCredentials(m[1]!)) emit('basic-auth', s, e);
      }
      if (!text.includes('-u') && !text.includes('--user')) return;
      CURL_USER.lastIndex = 0;
      while ((m = CURL_USER.exec(text)) !== null) {
        const password = m[3]!;
        if (isVariableReference(password) || isPlaceholderValue(password)) continue;
        const lineStart = text.lastIndexOf('\n', m.index) + 1;
        if (!CLIENT.test(text.slice(lineStart, m.index + 1))) continue; // `docker run -u 1000:1000`
        emit('basic-auth', m.indices![2]![0], m.indices![3]![1]);
      }
    },
  };
}
