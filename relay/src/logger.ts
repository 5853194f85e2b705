/** Severity of a log event. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/**
 * Structured fields of a log event. Values are primitives only, so a payload (a Uint8Array)
 * cannot be logged by accident: the type checker refuses it.
 */
export type LogFields = Readonly<Record<string, string | number | boolean | undefined>>;

/** One log event as written: time, level, event name, then fields. */
export type LogRecord = {
  readonly time: string;
  readonly level: LogLevel;
  readonly event: string;
} & LogFields;

/** Receives log events. */
export type LogSink = (record: LogRecord) => void;

/** Writes log events. */
export interface Logger {
  debug(event: string, fields?: LogFields): void;
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

const RANK: Record<LogLevel | 'silent', number> = {
  debug: 0,
  info: 1,
  warn: 2,
  error: 3,
  silent: 4,
};

/** Whether a string names a log level (or `silent`). */
export function isLogLevel(value: string): value is LogLevel | 'silent' {
  return value in RANK;
}

/** A logger that passes events at or above `minLevel` to `sink`. */
export function createLogger(sink: LogSink, minLevel: LogLevel | 'silent' = 'info'): Logger {
  const emit =
    (level: LogLevel) =>
    (event: string, fields: LogFields = {}) => {
      if (RANK[level] < RANK[minLevel]) return;
      sink({ time: new Date().toISOString(), level, event, ...fields });
    };
  return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}

/** A sink writing one JSON object per line to stderr. */
export function stderrJsonSink(stream: NodeJS.WritableStream = process.stderr): LogSink {
  return (record) => void stream.write(`${JSON.stringify(record)}\n`);
}
