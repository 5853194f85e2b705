import { hostRule, type HostedRule } from '../secretlint/host.js';
import { RedactError } from '../redact-error.js';
import { RULE_SPECS, SECRETLINT_RULE_IDS, secretlintRules } from '../secretlint/rules.js';
import { TextSource } from '../secretlint/source-code.js';
import type { SecretLintRuleCreator } from '@secretlint/types';
import type { Detector } from './detector.js';

/**
 * One detector per secretlint rule, so that each runs only when its own anchors occur. The
 * rules are loaded when the first of them has to run: most texts trigger none.
 */
export function secretlintDetectors(): Detector[] {
  let source: TextSource | undefined;
  const sourceFor = (text: string): TextSource => {
    if (source?.content !== text) source = new TextSource(text);
    return source;
  };
  let rules: Map<string, SecretLintRuleCreator<never>> | undefined;
  const load = (): Map<string, SecretLintRuleCreator<never>> => {
    const loaded = secretlintRules();
    const ids = loaded.map((r) => r.meta.id);
    // fail closed: never run fewer rules than the installed secretlint has
    if (ids.join('\n') !== SECRETLINT_RULE_IDS.join('\n'))
      throw new RedactError(
        'REDACT_RULES_CHANGED',
        `the installed secretlint rules are not the ones SECRETLINT_RULE_IDS lists: ${ids.join(', ')}`,
      );
    return new Map(loaded.map((r) => [r.meta.id, r]));
  };
  return SECRETLINT_RULE_IDS.map((id): Detector => {
    const spec = RULE_SPECS[id]!;
    let hosted: HostedRule | undefined;
    return {
      id,
      ...(spec.anchors && { anchors: spec.anchors }),
      ...(spec.anchorsIgnoringCase && { anchorsIgnoringCase: spec.anchorsIgnoringCase }),
      ...(spec.gate && { gate: spec.gate }),
      detect(text, emit) {
        hosted ??= hostRule((rules ??= load()).get(id)!, (spec.options ?? {}) as never);
        hosted.run(sourceFor(text), (messageId, start, end) => {
          const kind = spec.kinds[messageId] ?? 'secret';
          const [s, e] = spec.repairs?.[messageId]?.(text, start, end) ?? [start, end];
          emit(kind, s, e);
        });
      },
    };
  });
}
