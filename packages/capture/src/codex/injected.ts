/**
 * Recognises the context Codex injects as user messages (formats.md 2.2): AGENTS.md
 * instructions, `<environment_context>`, `<user_instructions>`, `<permissions instructions>`
 * and the other tagged blocks newer versions add. These are not human prompts.
 */

const TAGS = [
  'environment_context',
  'user_instructions',
  'permissions instructions',
  'INSTRUCTIONS',
  'user_shell_command',
  'turn_aborted',
  'subagent_notification',
  'collaboration_mode',
  'personality_spec',
  'skill',
  'model_switch',
  'review_request',
];
const TAG_START = new RegExp(`^<(${TAGS.map((t) => t.replace(/ /g, '\\s')).join('|')})>`);
const WRAPPED = /^<([A-Za-z_][\w -]*)>[\s\S]*<\/\1>$/;

/** True when a user-role message is injected context rather than something a person typed. */
export function isInjectedContext(text: string): boolean {
  const t = text.trim();
  if (t.startsWith('# AGENTS.md instructions for ')) return true;
  if (TAG_START.test(t)) return true;
  return WRAPPED.test(t);
}

/** The `<cwd>` of an `<environment_context>` block, if the text holds one. */
export function environmentCwd(text: string): string | undefined {
  const m = /<environment_context>[\s\S]*?<cwd>([^<]+)<\/cwd>/.exec(text);
  return m?.[1]?.trim();
}
