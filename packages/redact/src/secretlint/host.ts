import type {
  SecretLintRuleContext,
  SecretLintRuleCreator,
  SecretLintRuleLocalizeMessages,
  SecretLintRuleMessageTranslate,
  SecretLintRuleReportHandler,
  SecretLintSourceCode,
} from '@secretlint/types';
import { RedactError } from '../redact-error.js';

/** Receives one report: the rule's message id and the reported range. */
export type OnReport = (messageId: string, start: number, end: number) => void;

/** A secretlint rule instantiated once and run synchronously over many texts. */
export interface HostedRule {
  readonly id: string;
  run(source: SecretLintSourceCode, onReport: OnReport): void;
}

/**
 * Instantiates a secretlint rule outside `lintSource`, which is asynchronous and builds a
 * whole linting session per call. The rule code and its patterns are secretlint's own; only
 * the plumbing differs. Messages are never formatted, so no copy of a secret is made.
 */
export function hostRule<Options>(
  creator: SecretLintRuleCreator<Options>,
  options: Options,
): HostedRule {
  let sink: OnReport | undefined;
  const context: SecretLintRuleContext = {
    sharedOptions: {},
    createTranslator<T extends SecretLintRuleLocalizeMessages>(
      _messages: T,
    ): SecretLintRuleMessageTranslate<T> {
      return (messageId, data) => ({
        message: String(messageId),
        messageId: String(messageId),
        data,
      });
    },
    report(descriptor) {
      sink?.(descriptor.message.messageId, descriptor.range[0], descriptor.range[1]);
    },
    ignore() {
      // only the comment-filter rule ignores, and it is never hosted (see rules.ts)
    },
  };
  const handler: SecretLintRuleReportHandler = creator.create(context, options);
  const id = creator.meta.id;
  return {
    id,
    run(source, onReport) {
      sink = onReport;
      try {
        const result = handler.file?.(source);
        if (result) {
          result.catch(() => undefined);
          throw new RedactError(
            'REDACT_ASYNC_RULE',
            `secretlint rule ${id} is asynchronous and cannot be hosted`,
            { rule: id },
          );
        }
      } finally {
        sink = undefined;
      }
    },
  };
}
