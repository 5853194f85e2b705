import type { Detector } from './detector.js';
import { TOKEN_RULES } from './token-rules.js';

/** One detector per token format of {@link TOKEN_RULES}. */
export function tokenDetectors(): Detector[] {
  return TOKEN_RULES.map((rule, i): Detector => {
    const regex = new RegExp(
      rule.regex.source,
      rule.regex.flags.includes('d') ? rule.regex.flags : rule.regex.flags + 'd',
    );
    return {
      id: `token:${rule.kind}:${i}`,
      anchors: rule.anchors,
      ...(rule.anchorsIgnoringCase && { anchorsIgnoringCase: rule.anchorsIgnoringCase }),
      ...(rule.gate && { gate: rule.gate }),
      detect(text, emit) {
        regex.lastIndex = 0;
        let m: RegExpExecArray | null;
        while ((m = regex.exec(text)) !== null) {
          const span = m.indices?.[1] ?? m.indices?.[0];
          if (span) emit(rule.kind, span[0], span[1]);
          if (m[0].length === 0) regex.lastIndex++;
        }
      },
    };
  });
}
