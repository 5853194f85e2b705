/** Documented exit statuses (docs/cli.md). */
export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  notFound: 3,
  ambiguous: 4,
  neverSeen: 5,
  locked: 6,
  unsafe: 7,
  findings: 10,
} as const;

/** Exit status for a library error code. */
export function exitFor(code: string | undefined): number {
  switch (code) {
    case 'SESSION_NOT_FOUND':
    case 'CHECKPOINT_NOT_FOUND':
    case 'PROMPT_NOT_FOUND':
    case 'CLAUDE_DIR_MISSING':
    case 'SOURCE_MISSING':
      return EXIT.notFound;
    case 'SESSION_AMBIGUOUS':
    case 'CHECKPOINT_AMBIGUOUS':
      return EXIT.ambiguous;
    case 'FILE_NEVER_SEEN':
      return EXIT.neverSeen;
    case 'STORE_LOCKED':
      return EXIT.locked;
    case 'REWIND_UNSAFE':
      return EXIT.unsafe;
    case 'USAGE':
      return EXIT.usage;
    default:
      return EXIT.failure;
  }
}
