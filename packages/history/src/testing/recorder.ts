// Test support: records scripted agent sessions the way live capture does (real snapshots
// of a real git repository, events written into a real store), without the hook process.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { unifiedDiff, type CapturedEvent, type FileChange } from '@trail/model';
import { Store } from '@trail/store';
import { blame, type BlameResult } from '../blame/blame.js';
import { hookCheckpoint } from '../snapshot/hook.js';
import { rewind, type RewindOptions, type RewindResult } from '../rewind/rewind.js';

/**
 * A fingerprint of every file under a directory (except .git): content hash, executable
 * bit, symlink target. Two equal fingerprints mean byte-for-byte equal trees.
 */
export function fingerprint(
  dir: string,
  skip: readonly string[] = ['.git'],
): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const name of readdirSync(join(dir, rel)).sort()) {
      const r = rel ? `${rel}/${name}` : name;
      if (skip.includes(r)) continue;
      const st = lstatSync(join(dir, r));
      if (st.isDirectory()) walk(r);
      else if (st.isSymbolicLink()) out[r] = `link:${readlinkSync(join(dir, r))}`;
      else
        out[r] = `${st.mode & 0o100 ? 'x' : '-'}${createHash('sha256')
          .update(readFileSync(join(dir, r)))
          .digest('hex')
          .slice(0, 16)}`;
    }
  };
  walk('');
  return out;
}

/** Runs git in a directory with a fixed identity. */
export function git(cwd: string, args: string[]): string {
  return execFileSync(
    'git',
    [
      '-c',
      'user.name=Test',
      '-c',
      'user.email=test@example.invalid',
      '-c',
      'init.defaultBranch=main',
      ...args,
    ],
    { cwd, encoding: 'utf8' },
  );
}

const leftovers: string[] = [];
process.on('exit', () => {
  for (const d of leftovers) rmSync(d, { recursive: true, force: true });
});

/** A temp git repository and store home, removed by `dispose`. */
export class Recorder {
  readonly #sessions: SessionScript[] = [];
  #clock = Date.parse('2026-03-01T09:00:00.000Z');

  private constructor(
    readonly base: string,
    readonly home: string,
    readonly repo: string,
    readonly store: Store,
  ) {}

  /** A fresh repository with `files` committed, and an empty store. */
  static async open(
    files: Record<string, string> = {},
    opts: { gitRepo?: boolean } = {},
  ): Promise<Recorder> {
    const base = realpathSync(mkdtempSync(join(tmpdir(), 'trail-history-')));
    const repo = join(base, 'repo');
    mkdirSync(repo);
    for (const [p, c] of Object.entries(files)) write(join(repo, p), c);
    if (opts.gitRepo !== false) {
      git(repo, ['init', '-q']);
      git(repo, ['add', '-A']);
      git(repo, ['commit', '-q', '--allow-empty', '-m', 'initial']);
    }
    const home = join(base, 'home');
    return new Recorder(base, home, repo, await Store.open({ home }));
  }

  /** The next timestamp (one second apart), so events order deterministically. */
  tick(): string {
    this.#clock += 1000;
    return new Date(this.#clock).toISOString();
  }

  /** Starts scripting a session. */
  session(id: string, opts: { checkpoints?: boolean } = {}): SessionScript {
    const s = new SessionScript(this, id, opts.checkpoints !== false);
    this.#sessions.push(s);
    return s;
  }

  path(rel: string): string {
    return join(this.repo, rel);
  }

  read(rel: string): string {
    return readFileSync(this.path(rel), 'utf8');
  }

  /** A human (or anything outside trail) writes a file. */
  write(rel: string, content: string | Buffer): void {
    write(this.path(rel), content);
  }

  /** Writes every scripted session into the store. */
  async flush(): Promise<void> {
    for (const s of this.#sessions) {
      await this.store.write({
        id: s.id,
        agent: 'claude-code',
        cwd: this.repo,
        model: 'claude-test-1',
        events: s.events,
      });
    }
  }

  blame(rel: string, range?: { start: number; end: number }): BlameResult {
    return blame({
      db: this.store.db,
      blobText: (r) => this.store.blobs.getText(r.hash),
      checkpointsDir: join(this.home, 'checkpoints'),
      file: this.path(rel),
      ...(range ? { range } : {}),
    });
  }

  rewind(target: string, opts: Partial<RewindOptions> = {}): RewindResult {
    return rewind({
      db: this.store.db,
      blobText: (r) => this.store.blobs.getText(r.hash),
      checkpointsDir: join(this.home, 'checkpoints'),
      storeHome: this.home,
      target,
      cwd: this.repo,
      ...opts,
    });
  }

  /** Fingerprint of the repository's files (see {@link fingerprint}). */
  fingerprint(): Record<string, string> {
    return fingerprint(this.repo);
  }

  /**
   * Closes the store and removes the repository. The store home goes when the process
   * exits: automerge-repo may still run a throttled save after close, into that directory.
   */
  async dispose(): Promise<void> {
    await this.store.close();
    rmSync(this.repo, { recursive: true, force: true });
    leftovers.push(this.base);
  }
}

function write(abs: string, content: string | Buffer): void {
  mkdirSync(dirname(abs), { recursive: true });
  writeFileSync(abs, content);
}

/** One scripted session: prompts, edit-tool calls, shell commands, turn ends. */
export class SessionScript {
  readonly events: CapturedEvent[] = [];
  #prompt = 0;
  #calls = 0;

  constructor(
    private readonly r: Recorder,
    readonly id: string,
    private readonly checkpoints: boolean,
  ) {}

  #checkpoint(moment: 'start' | 'end'): void {
    if (!this.checkpoints) return;
    const p = hookCheckpoint({ home: this.r.home, cwd: this.r.repo, sessionId: this.id, moment });
    const id = String(p.checkpoint);
    this.events.push({
      kind: 'checkpoint',
      id: `c-${this.events.length}-${moment}`,
      ts: this.r.tick(),
      checkpointId: id,
      moment,
      root: String(p.root),
      changed: p.changed as string[],
    });
  }

  /** A prompt: the start checkpoint, then the prompt. */
  prompt(text: string): this {
    this.#checkpoint('start');
    this.#prompt++;
    this.events.push({
      kind: 'prompt',
      id: `p-${this.id}-${this.#prompt}`,
      ts: this.r.tick(),
      text,
    });
    return this;
  }

  /** An edit tool call (Edit, MultiEdit, Write) that leaves `rel` holding `after` (null: deletes it). */
  edit(
    rel: string,
    after: string | null,
    tool = 'Edit',
    opts: { record?: 'full' | 'patch' } = {},
  ): string {
    const abs = this.r.path(rel);
    const before = existsSync(abs) ? readFileSync(abs, 'utf8') : null;
    if (after === null) rmSync(abs);
    else write(abs, after);
    const id = `toolu_${this.id}_${++this.#calls}`;
    const change: FileChange = {
      path: abs,
      op: before === null ? 'create' : after === null ? 'delete' : 'modify',
      added: 0,
      removed: 0,
      patch: unifiedDiff(abs, before, after),
      ...(opts.record === 'patch' ? {} : { before, ...(after !== null ? { after } : {}) }),
    };
    this.events.push({
      kind: 'tool',
      id: `t-${id}`,
      ts: this.r.tick(),
      name: tool,
      category: 'edit',
      input: { file_path: abs },
      status: 'ok',
      changes: [change],
    });
    return id;
  }

  /** A shell command: `run` changes files the way the command would. */
  shell(command: string, run: () => void = () => undefined): this {
    run();
    this.events.push({
      kind: 'tool',
      id: `t-toolu_${this.id}_${++this.#calls}`,
      ts: this.r.tick(),
      name: 'Bash',
      category: 'command',
      input: { command },
      command,
      status: 'ok',
      exitCode: 0,
    });
    return this;
  }

  /** The end of the turn: the end checkpoint. */
  end(): this {
    this.#checkpoint('end');
    return this;
  }
}
