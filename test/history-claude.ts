// Drives the real hook entry point with Claude Code hook payloads, as Claude Code would,
// while really changing files on disk: the end-to-end tests of checkpoints, blame and rewind.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { expect } from 'vitest';
import { runHook } from './helpers.js';

/** One Claude Code session in a working directory, recorded into a store home. */
export class ClaudeSession {
  #calls = 0;

  constructor(
    readonly home: string,
    readonly cwd: string,
    readonly id: string = randomUUID(),
  ) {}

  abs(file: string): string {
    return isAbsolute(file) ? file : join(this.cwd, file);
  }

  /** Sends one hook payload; the hook must exit 0 and log no problem. */
  hook(event: string, extra: Record<string, unknown> = {}): void {
    const r = runHook(
      this.home,
      { session_id: this.id, cwd: this.cwd, hook_event_name: event, ...extra },
      { cli: false },
    );
    expect(r.status, r.stderr).toBe(0);
    const log = join(this.home, 'logs', 'hook.log');
    expect(existsSync(log) ? readFileSync(log, 'utf8') : '').toBe('');
  }

  start(): this {
    this.hook('SessionStart', { source: 'startup', model: 'claude-opus-4-1' });
    return this;
  }

  prompt(text: string): this {
    this.hook('UserPromptSubmit', { prompt: text });
    return this;
  }

  stop(): this {
    this.hook('Stop', { stop_hook_active: false });
    return this;
  }

  #tool(name: string, input: Record<string, unknown>, act: () => unknown): string {
    const id = `toolu_${this.id.slice(0, 8)}_${++this.#calls}`;
    this.hook('PreToolUse', { tool_name: name, tool_use_id: id, tool_input: input });
    const response = act();
    this.hook('PostToolUse', {
      tool_name: name,
      tool_use_id: id,
      tool_input: input,
      tool_response: response,
    });
    return id;
  }

  /** The Edit tool: replaces `oldString` by `newString` once. */
  edit(file: string, oldString: string, newString: string): string {
    const path = this.abs(file);
    const input = { file_path: path, old_string: oldString, new_string: newString };
    return this.#tool('Edit', input, () => {
      const originalFile = readFileSync(path, 'utf8');
      expect(originalFile).toContain(oldString);
      writeFileSync(path, originalFile.replace(oldString, newString));
      return {
        filePath: path,
        oldString,
        newString,
        originalFile,
        structuredPatch: [],
        userModified: false,
        replaceAll: false,
      };
    });
  }

  /** The MultiEdit tool: several replacements applied in order. */
  multiEdit(file: string, edits: { old_string: string; new_string: string }[]): string {
    const path = this.abs(file);
    const input = { file_path: path, edits };
    return this.#tool('MultiEdit', input, () => {
      const originalFileContents = readFileSync(path, 'utf8');
      let text = originalFileContents;
      for (const e of edits) text = text.replace(e.old_string, e.new_string);
      writeFileSync(path, text);
      return {
        filePath: path,
        edits,
        originalFileContents,
        structuredPatch: [],
        userModified: false,
      };
    });
  }

  /** The Write tool: creates or replaces a whole file. */
  write(file: string, content: string): string {
    const path = this.abs(file);
    const input = { file_path: path, content };
    return this.#tool('Write', input, () => {
      const existed = existsSync(path);
      const originalFile = existed ? readFileSync(path, 'utf8') : null;
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, content);
      return {
        type: existed ? 'update' : 'create',
        filePath: path,
        content,
        structuredPatch: [],
        originalFile,
      };
    });
  }

  /** The Bash tool: really runs the command in the session's directory. */
  bash(command: string): string {
    return this.#tool('Bash', { command, description: command }, () => {
      const r = spawnSync('sh', ['-c', command], { cwd: this.cwd, encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      return { stdout: r.stdout, stderr: r.stderr, interrupted: false, isImage: false };
    });
  }
}
