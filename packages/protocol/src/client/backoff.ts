/** How reconnection attempts are spaced. */
export interface BackoffOptions {
  /** Delay before the first reconnection attempt. */
  readonly initialDelayMs: number;
  /** The delay never grows beyond this. */
  readonly maxDelayMs: number;
  /** Each failed attempt multiplies the delay by this. */
  readonly factor: number;
  /** Fraction (0..1) of each delay that is randomised away, so clients do not stampede. */
  readonly jitter: number;
}

/** Defaults: 250 ms doubling to 30 s, with up to half of each delay randomised away. */
export const DEFAULT_BACKOFF: BackoffOptions = {
  initialDelayMs: 250,
  maxDelayMs: 30_000,
  factor: 2,
  jitter: 0.5,
};

/** The delay before reconnection attempt number `attempt` (1-based); `random` is in [0, 1). */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions = DEFAULT_BACKOFF,
  random: () => number = Math.random,
): number {
  const exponent = Math.max(0, attempt - 1);
  const base = Math.min(options.maxDelayMs, options.initialDelayMs * options.factor ** exponent);
  const jitter = Math.min(1, Math.max(0, options.jitter));
  return Math.max(0, Math.round(base * (1 - jitter * random())));
}
