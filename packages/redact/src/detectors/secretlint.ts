import { hostRule } from '../secretlint/host.js';
import { RULE_SPECS, secretlintRules } from '../secretlint/rules.js';
import { TextSource } from '../secretlint/source-code.js';
import type { Detector } from './detector.js';

/** One detector per secretlint rule, so that each runs only when its own anchors occur. */
export function secretlintDetectors(): Detector[] {
  let source: TextSource | undefined;
  const sourceFor = (text: string): TextSource => {
    if (source?.content !== text) source = new TextSource(text);
    return source;
  };
  return secretlintRules().map((rule): Detector => {
    const spec = RULE_SPECS[rule.meta.id];
    const hosted = hostRule(rule, (spec?.options ?? {}) as never);
    return {
      id: rule.meta.id,
      // a rule without a spec (a new preset release) runs on every text, reported as `secret`
      ...(spec?.anchors && { anchors: spec.anchors }),
      ...(spec?.anchorsIgnoringCase && { anchorsIgnoringCase: spec.anchorsIgnoringCase }),
      ...(spec?.gate && { gate: spec.gate }),
      detect(text, emit) {
        hosted.run(sourceFor(text), (messageId, start, end) => {
          const kind = spec?.kinds[messageId] ?? 'secret';
          const [s, e] = spec?.repairs?.[messageId]?.(text, start, end) ?? [start, end];
          emit(kind, s, e);
        });
      },
    };
  });
}
