import type { Detector } from './detector.js';
import { isHighEntropyValue, readValue } from './assignment-value.js';
import { classifyName } from './secret-names.js';

// UPPER_SNAKE names only: environment variables. Lower-case keys (`id`, `signature`, `requestId`)
// carry random-looking identifiers in every transcript and are never flagged for entropy alone.
const UPPER_ASSIGNMENT =
  /(?<![A-Za-z0-9_$.-])([A-Z][A-Z0-9]{0,40}(?:_[A-Z0-9]{1,40}){1,8}|[A-Z][A-Z0-9]{3,40})(["']?)[ \t]*(=|:)[ \t]*/g;

/** `SOME_VAR=<random>`: an environment variable whose value looks like a generated secret. */
export function entropyAssignmentDetector(): Detector {
  return {
    id: 'entropy-assignments',
    detect(text, emit) {
      UPPER_ASSIGNMENT.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = UPPER_ASSIGNMENT.exec(text)) !== null) {
        const name = m[1]!;
        if (classifyName(name)) continue; // the secret-name detector owns these
        const at = m.index + m[0].length;
        if (m[3] === ':' && text.charCodeAt(at) === 58) continue;
        if (m[3] === '=' && text.charCodeAt(at) === 61) continue;
        const tight = m[3] === '=' && m[2] === '' && m[0].length === name.length + 1;
        const span = readValue(text, at, tight);
        // `NAME = value` with spaces is shell nonsense or code: only a quoted value counts
        if (!span || (m[3] === '=' && !tight && !span.quoted)) continue;
        // names inside this value are part of it: resume after it (linear on `A_B=A_B=…`)
        UPPER_ASSIGNMENT.lastIndex = Math.max(UPPER_ASSIGNMENT.lastIndex, span.end);
        if (isHighEntropyValue(text.slice(span.start, span.end))) {
          emit('high-entropy-assignment', span.start, span.end);
        }
      }
    },
  };
}
