/** The agents trail knows how to capture. */
export const AGENTS = ['claude-code', 'codex', 'gemini', 'opencode', 'aider', 'terminal'] as const;
/** One of {@link AGENTS}. */
export type AgentName = (typeof AGENTS)[number];

/** True when `s` names an agent trail captures. */
export function isAgentName(s: string): s is AgentName {
  return (AGENTS as readonly string[]).includes(s);
}
