import { CAPTURE_CODES } from './codes.js';
import { sessionIdFromFile } from './ids.js';
import { arr, obj, str } from './json-value.js';
import { scanModes } from './modes.js';
import type { JsonLine } from './jsonl.js';
import type { ProblemLog } from './problem.js';
import { handleResponseItem } from './response-item.js';
import { CodexSessionBuilder } from './session-builder.js';
import { emptyStats, type CodexParseResult } from './stats.js';

/**
 * Parses the original TypeScript CLI's rollout: one JSON document
 * `{session: {timestamp, id, instructions}, items: [ResponseItem...]}` (formats.md 2.1).
 * Items carry no timestamps, so every event gets the session's. Returns undefined when
 * the text is valid JSON of another shape (the caller then tries JSONL); a syntax error
 * in a `.json` file is reported at the line where the parser stopped.
 */
export function parseLegacyJson(
  text: string,
  file: string,
  log: ProblemLog,
): CodexParseResult | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    if (!file.endsWith('.json')) return undefined;
    const why = e instanceof Error ? e.message : String(e);
    log.add(lineOfError(text, why), `${CAPTURE_CODES.unknownFormat}: not valid JSON (${why})`);
    return { sessions: [], problems: log.problems, stats: emptyStats('ts-json') };
  }
  const root = obj(doc);
  const session = obj(root?.session);
  if (!root || !Array.isArray(root.items)) {
    if (!file.endsWith('.json')) return undefined;
    log.add(
      0,
      `${CAPTURE_CODES.unknownFormat}: a .json file without the {session, items} shape of a Codex rollout`,
    );
    return { sessions: [], problems: log.problems, stats: emptyStats('unknown') };
  }
  const ts = str(session?.timestamp) ?? '';
  const items = arr(root.items);
  const stats = emptyStats('ts-json');
  stats.records = items.length;
  // items have no line numbers of their own: report them by index (1-based) instead
  const records: JsonLine[] = items.flatMap((it, i) => {
    const value = obj(it);
    if (!value) {
      log.add(i + 1, `item ${i + 1} is not a JSON object, skipped`);
      return [];
    }
    return [{ line: i + 1, raw: JSON.stringify(value), value }];
  });
  const b = new CodexSessionBuilder(
    { id: str(session?.id) ?? sessionIdFromFile(file), ts },
    stats,
    log,
  );
  const modes = scanModes(records);
  for (const r of records) {
    b.line = r.line;
    handleResponseItem(
      b,
      { payload: r.value, ts, raw: r.raw, unknownType: str(r.value.type) ?? 'item' },
      modes,
    );
  }
  return { sessions: [b.finish()], problems: log.problems, stats };
}

function lineOfError(text: string, message: string): number {
  const line = /line (\d+)/.exec(message);
  if (line) return Number(line[1]);
  const pos = /position (\d+)/.exec(message);
  if (!pos) return 0;
  return text.slice(0, Number(pos[1])).split('\n').length;
}
