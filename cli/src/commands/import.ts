import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { TrailError } from '@trail/model';
import type { Store } from '@trail/store';
import {
  AIDER_HISTORY,
  claudeProjectsRoot,
  defaultCodexHome,
  defaultGeminiHome,
  defaultOpencodeDataHome,
  findAiderHistory,
  gitTopLevel,
  importAider,
  importClaude,
  importCodex,
  importGemini,
  importOpencode,
  type ImportOptions as LibImportOptions,
  type ImportSummary,
} from '@trail/capture';
import { withStore } from '../store-session.js';
import { EXIT } from '../exit-codes.js';
import { info, printJson, type GlobalOptions } from '../output.js';
import { progressBar } from '../progress.js';

interface ImportOptions extends GlobalOptions {
  from?: string;
  force?: boolean;
}

type Importer = (store: Store, from: string, opts: LibImportOptions) => Promise<ImportSummary>;

interface Source {
  /** The agent as trail names it. */
  agent: string;
  /** Where it is looked for by default, for messages. */
  where: () => string;
  /** The default location when it holds history, else undefined. */
  found: () => string | undefined;
  run: Importer;
}

const has = (dir: string, ...subs: string[]) => subs.some((s) => existsSync(join(dir, s)));
const when = (dir: string, ok: boolean) => (ok ? dir : undefined);

/** Every agent `trail import` knows, by the name it accepts, and where each one keeps history. */
const SOURCES: Record<string, Source> = {
  claude: {
    agent: 'claude-code',
    where: () => claudeProjectsRoot(process.env),
    found: () => when(claudeProjectsRoot(process.env), existsSync(claudeProjectsRoot(process.env))),
    run: (store, from, o) => importClaude(store, from, o),
  },
  codex: {
    agent: 'codex',
    where: () => join(defaultCodexHome(), 'sessions'),
    found: () => when(defaultCodexHome(), has(defaultCodexHome(), 'sessions', 'archived_sessions')),
    run: importCodex,
  },
  gemini: {
    agent: 'gemini',
    where: () => join(defaultGeminiHome(), 'tmp'),
    found: () => when(defaultGeminiHome(), has(defaultGeminiHome(), 'tmp')),
    run: (store, from, o) => importGemini(store, from, { ...o, projectRoots: projectRoots(store) }),
  },
  opencode: {
    agent: 'opencode',
    where: () => defaultOpencodeDataHome(),
    found: () =>
      when(defaultOpencodeDataHome(), has(defaultOpencodeDataHome(), 'opencode.db', 'storage')),
    run: importOpencode,
  },
  aider: {
    agent: 'aider',
    where: () => join(gitTopLevel(process.cwd()) ?? process.cwd(), AIDER_HISTORY),
    found: () => findAiderHistory(process.cwd()),
    run: importAider,
  },
};

const ALIASES: Record<string, string> = { 'claude-code': 'claude' };

/** Directories a Gemini project hash may stand for: this repository and every project trail knows. */
function projectRoots(store: Store): string[] {
  const roots = new Set<string>([process.cwd()]);
  const top = gitTopLevel(process.cwd());
  if (top) roots.add(top);
  for (const p of Object.values(store.library.doc().projects ?? {}))
    for (const path of Object.keys(p.paths ?? {})) roots.add(path);
  return [...roots];
}

/** `trail import [agent]`: backfill history from the agents' own files on disk. */
export async function run(agent: string | undefined, opts: ImportOptions): Promise<void> {
  const name = agent === undefined ? undefined : (ALIASES[agent] ?? agent);
  if (name !== undefined && !SOURCES[name]) {
    throw new TrailError(
      'USAGE',
      `unknown agent ${JSON.stringify(agent)}; one of: ${Object.keys(SOURCES).join(', ')}`,
    );
  }
  if (name === undefined && opts.from !== undefined) {
    throw new TrailError('USAGE', '--from needs an agent name: trail import <agent> --from DIR');
  }
  const targets: { source: Source; from: string }[] = [];
  const missing: string[] = [];
  for (const [key, source] of Object.entries(SOURCES)) {
    if (name !== undefined && key !== name) continue;
    const from = opts.from ?? source.found() ?? (name !== undefined ? source.where() : undefined);
    if (from !== undefined) targets.push({ source, from });
    else missing.push(`${source.agent} (${source.where()})`);
  }
  if (name === undefined) {
    for (const t of targets) info(opts, `found ${t.source.agent} history in ${t.from}`);
    if (missing.length > 0) info(opts, `no history found for ${missing.join(', ')}`);
  }
  if (targets.length === 0) {
    if (opts.json) printJson({ imports: [] });
    return;
  }
  const summaries: ImportSummary[] = [];
  await withStore(opts, async (store) => {
    for (const t of targets) {
      const bar = opts.json || opts.quiet ? undefined : progressBar(`importing ${t.source.agent}`);
      try {
        const o = {
          ...(opts.force ? { force: true } : {}),
          ...(bar ? { onProgress: bar.update } : {}),
        };
        summaries.push(await t.source.run(store, t.from, o));
      } finally {
        bar?.stop();
      }
    }
  });
  // A database held locked by its agent: nothing was read from it; retrying later will work.
  if (summaries.some((s) => s.problems.some((p) => p.reason.startsWith('OPENCODE_DB_LOCKED'))))
    process.exitCode = EXIT.locked;
  if (opts.json) {
    printJson({ imports: summaries });
    return;
  }
  for (const s of summaries) {
    for (const p of s.problems) process.stderr.write(`${p.file}:${p.line}: ${p.reason}\n`);
    const mb = (s.bytes / 1e6).toFixed(1);
    const n = s.problems.length;
    info(
      opts,
      `${s.agent}: ${s.sessions} sessions (${s.newSessions} new), ${s.events} new events from ${s.files} files (${mb} MB${s.unchanged ? `, ${s.unchanged} unchanged` : ''}); ${n} problem${n === 1 ? '' : 's'}`,
    );
  }
}
