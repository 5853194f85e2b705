// Which shell commands ran tests. A heuristic over the command line: the runner names of the
// common ecosystems, package-manager test scripts, and a script or file named like a test.

const RUNNERS = [
  // JavaScript and TypeScript
  /\b(?:npm|pnpm|yarn|bun)\s+(?:run\s+)?test(?::[\w:-]+)?\b/,
  /\b(?:npx\s+|bunx\s+|pnpm\s+(?:exec\s+)?)?(?:vitest|jest|mocha|ava|tap|jasmine|karma|playwright\s+test|cypress\s+run)\b/,
  /\b(?:node|bun|deno)\s+(?:--test\b|test\b)/,
  // Python
  /\b(?:pytest|py\.test|nox|tox)\b/,
  /\bpython[0-9.]*\s+-m\s+(?:pytest|unittest|nose2?)\b/,
  // Go, Rust, JVM, .NET, Ruby, PHP, Elixir, Swift, C/C++
  /\bgo\s+test\b/,
  /\bcargo\s+(?:test|nextest)\b/,
  /\b(?:mvn|mvnw|\.\/mvnw)\b.*\b(?:test|verify)\b/,
  /\b(?:gradle|gradlew|\.\/gradlew)\b.*\b(?:test|check)\b/,
  /\bdotnet\s+test\b/,
  /\b(?:rspec|rake\s+test|bundle\s+exec\s+(?:rspec|rake\s+test))\b/,
  /\b(?:phpunit|pest)\b/,
  /\bmix\s+test\b/,
  /\bswift\s+test\b/,
  /\b(?:ctest|make\s+(?:test|check)|ninja\s+test)\b/,
];

// running a file or script whose name says it is a test: `node test/auth.test.mjs`,
// `bash scripts/run-tests.sh`, `./test.sh` (not merely naming one: `sed -i … test/a.test.js`)
const TEST_FILE =
  /^(?:[\w./-]*\/)?(?:[\w.-]*[._-])?tests?(?:[._-][\w.-]*)?\.(?:m?[jt]sx?|cjs|py|sh|rb)$/;
const INTERPRETERS = new Set([
  'node',
  'bun',
  'deno',
  'tsx',
  'ts-node',
  'python',
  'python3',
  'ruby',
  'bash',
  'sh',
  'zsh',
]);

function runsTestFile(segment: string): boolean {
  const words = segment
    .trim()
    .split(/\s+/)
    .filter((w) => !/^\w+=/.test(w));
  const [first, ...rest] = words;
  if (!first) return false;
  if (TEST_FILE.test(first)) return true;
  if (!INTERPRETERS.has(first.split('/').pop() ?? '')) return false;
  const script = rest.find((w) => !w.startsWith('-'));
  return script !== undefined && TEST_FILE.test(script.replace(/^['"]|['"]$/g, ''));
}

/** True when `command` looks like it runs tests. */
export function isTestCommand(command: string): boolean {
  const c = command.trim();
  if (c.length === 0) return false;
  return RUNNERS.some((re) => re.test(c)) || c.split(/&&|\|\||[;|\n]/).some(runsTestFile);
}
