import type { AssistantEvent, TokenUsage } from '@trail/model';

const FIELDS = ['input', 'output', 'cacheRead', 'cacheCreate'] as const;
const zero = (): TokenUsage => ({ input: 0, output: 0, cacheRead: 0, cacheCreate: 0 });

/**
 * Spreads Codex's running token totals (each `token_count` carries the session total so
 * far) over the assistant events, since trail sums usage per assistant event. The growth
 * since the previous total is charged to the assistant text written in that response;
 * responses that only called tools carry their share forward to the next text, and what
 * is left at the end goes to the last text. The events' usages then add up to the
 * session's final total.
 */
export class UsageAttribution {
  private last = zero();
  private pending = zero();
  private current: AssistantEvent | undefined;
  private latest: AssistantEvent | undefined;

  /** An assistant event was emitted. */
  assistant(e: AssistantEvent): void {
    this.current = e;
    this.latest = e;
  }

  /** A running total arrived. */
  total(u: TokenUsage): void {
    for (const f of FIELDS) {
      // a total that went down (a resumed session restarting its count) starts afresh
      this.pending[f] += u[f] >= this.last[f] ? u[f] - this.last[f] : u[f];
      this.last[f] = u[f];
    }
    if (this.current) {
      charge(this.current, this.pending);
      this.pending = zero();
      this.current = undefined;
    }
  }

  /** Charges what is left to the last assistant event. */
  finish(): void {
    if (this.latest && FIELDS.some((f) => this.pending[f] > 0)) charge(this.latest, this.pending);
    this.pending = zero();
  }
}

function charge(e: AssistantEvent, u: TokenUsage): void {
  const to = e.usage ?? zero();
  for (const f of FIELDS) to[f] += u[f];
  e.usage = to;
}
