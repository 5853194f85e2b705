import type { Detector } from './detector.js';

// header and payload are base64url JSON objects, so both start with `eyJ` (`{"`)
const JWT =
  /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*)?/g;

/** JSON Web Tokens (signed, unsigned and five-part JWE). */
export function jwtDetector(): Detector {
  return {
    id: 'jwt',
    anchors: ['eyJ'],
    detect(text, emit) {
      JWT.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = JWT.exec(text)) !== null) emit('jwt', m.index, m.index + m[0].length);
    },
  };
}
