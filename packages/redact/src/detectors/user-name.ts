import type { Detector } from './detector.js';

// Accounts so common that masking the word would mangle ordinary text; their home directory
// is still masked.
const GENERIC = new Set([
  'root',
  'admin',
  'administrator',
  'user',
  'users',
  'ubuntu',
  'runner',
  'dev',
  'developer',
  'test',
  'guest',
  'node',
  'app',
  'www',
  'ec2-user',
  'vagrant',
  'docker',
  'postgres',
  'git',
  'build',
  'jenkins',
  'default',
  'nobody',
  'daemon',
  'owner',
  'home',
  'work',
  'code',
  'data',
  'local',
  'system',
  'service',
  'server',
  'agent',
  'claude',
  'codex',
  'vscode',
  'coder',
  'codespace',
  'codespaces',
  'gitpod',
  'ci',
  'pi',
  'me',
]);

function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

/** True when masking `name` as a word would do more harm than good. */
export function isGenericUserName(name: string): boolean {
  return name.length < 3 || GENERIC.has(name.toLowerCase());
}

/** The login name as a whole word (`-home-alice-proj`, `alice@laptop`), replaced by `[USER]`. */
export function userNameDetector(userName: string): Detector | undefined {
  if (isGenericUserName(userName)) return undefined;
  return {
    id: 'user-name',
    anchors: [userName],
    detect(text, emit) {
      for (let i = text.indexOf(userName); i !== -1; i = text.indexOf(userName, i + 1)) {
        const end = i + userName.length;
        if (i > 0 && isWordChar(text.charCodeAt(i - 1))) continue;
        if (end < text.length && isWordChar(text.charCodeAt(end))) continue;
        emit('user-name', i, end);
      }
    },
  };
}
