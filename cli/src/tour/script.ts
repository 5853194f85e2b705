/** One step of the scripted agent session the tour replays through the real hooks. */
export type TourStep =
  | { prompt: string }
  | { read: string }
  | { write: string; content: string }
  | { edit: string; old: string; new: string }
  | { bash: string; description: string };

/** Files in the scratch repository before the session starts. */
export const TOUR_FILES: Record<string, string> = {
  'src/greet.js': 'export function greet(name) {\n  return `Hello, ${name}!`;\n}\n',
  'README.md': '# demo\n\nA scratch repository for the trail tour.\n',
};

/**
 * A made-up credential the session's last command carries: the tour shows that it stays in
 * the local store and that nothing shared or exported contains it.
 */
export const TOUR_TOKEN = 'tour-demo-5f3a9c2e7b1d48a6';

/** The session: two prompts, edits through tools and through the shell. */
export const TOUR_SCRIPT: TourStep[] = [
  { prompt: 'Add a farewell() next to greet() and a test for both' },
  { read: 'src/greet.js' },
  {
    edit: 'src/greet.js',
    old: '  return `Hello, ${name}!`;\n}\n',
    new: '  return `Hello, ${name}!`;\n}\n\nexport function farewell(name) {\n  return `Goodbye, ${name}.`;\n}\n',
  },
  {
    write: 'test/greet.test.js',
    content:
      "import assert from 'node:assert/strict';\nimport { greet, farewell } from '../src/greet.js';\n\nassert.equal(greet('Ada'), 'Hello, Ada!');\nassert.equal(farewell('Ada'), 'Goodbye, Ada.');\nconsole.log('2 tests passed');\n",
  },
  {
    bash: 'printf \'{"type":"module"}\\n\' > package.json && node test/greet.test.js',
    description: 'Run the tests',
  },
  { prompt: 'Say "Hi" instead of "Hello" everywhere' },
  {
    bash: "sed -i 's/Hello, /Hi, /' src/greet.js test/greet.test.js",
    description: 'Replace the greeting',
  },
  {
    bash: `GREET_API_TOKEN=${TOUR_TOKEN} node test/greet.test.js`,
    description: 'Run the tests again',
  },
];
