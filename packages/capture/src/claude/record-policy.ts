/*
 * What the importer does with each Claude Code record type (formats.md 1.3). Every record
 * ends up in exactly one of: an event, the session's metadata, a deliberate skip (counted
 * in `stats.skipped`), or an `unknown` event that keeps the raw line.
 *
 * | record                                   | becomes                                                  |
 * |------------------------------------------|----------------------------------------------------------|
 * | user: typed prompt                       | `prompt` (main thread, or the subagent's with `agentId`)  |
 * | user: `<command-name>` slash command     | `system` subtype `command` ("/name args"), not a prompt   |
 * | user: `<local-command-stdout>` (≤2.0)    | `system` subtype `local_command`                          |
 * | user: `[Request interrupted by user…]`   | `system` subtype `interrupt`                              |
 * | user: `<bash-input>` / `<bash-stdout>`   | `system` subtypes `bash_input` / `bash_output`            |
 * | user: `<task-notification>`, `#` memory  | `system` subtypes `task_notification` / `memory`          |
 * | user: `isCompactSummary`                 | `system` subtype `compact_summary`                        |
 * | user: `isMeta` (caveats, skill and       | skipped: injected context, not typed by anyone            |
 * |   command expansions)                    |                                                           |
 * | user: `tool_result` blocks               | merged into the tool event of the same tool_use id        |
 * | assistant: text / thinking / tool_use    | `assistant` / `reasoning` / `tool` (merged by message.id) |
 * | assistant: `isApiErrorMessage`           | `error` `e-<uuid>`                                        |
 * | system: `api_error`                      | `error` `e-<uuid>`                                        |
 * | system: any other subtype                | `system` `s-<uuid>` with that subtype                     |
 * | attachment: `queued_command` (typed)     | `prompt` (a message typed while Claude was busy)          |
 * | attachment: `queued_command` (other)     | `system` subtype `task_notification` / `queued_<mode>`    |
 * | attachment: `hook_*error*`               | `system` subtype `hook_error`                             |
 * | attachment: {@link CONTEXT_ATTACHMENTS}  | skipped: context injected into the model                  |
 * | attachment: any other kind               | `unknown`                                                 |
 * | progress: `agent_progress`               | the subagent's own records (deduplicated by uuid)         |
 * | progress: `hook_progress` and others     | skipped: transient UI progress                            |
 * | summary / custom-title / ai-title        | session title (custom-title > ai-title > summary)         |
 * | last-prompt                              | `leafUuid` selects the current branch                     |
 * | pr-link / teleported-from                | `system` subtypes `pr_link` / `teleported_from`           |
 * | file-history-snapshot                    | skipped: rewind backups; edits come from toolUseResult    |
 * | queue-operation                          | skipped: the prompt arrives as a user record or a         |
 * |                                          |   queued_command attachment; removed ones were never sent |
 * | permission-mode, agent-name              | skipped: UI state                                         |
 * | anything else                            | `unknown` `u-<uuid or hash of the line>`, raw line kept   |
 */

/** Record types read for metadata only. */
export const METADATA_TYPES: ReadonlySet<string> = new Set([
  'summary',
  'custom-title',
  'ai-title',
  'last-prompt',
]);

/** Record types dropped on purpose (counted in stats.skipped). */
export const SKIPPED_TYPES: ReadonlySet<string> = new Set([
  'file-history-snapshot',
  'queue-operation',
  'permission-mode',
  'agent-name',
]);

/** Record types that become events. */
export const EVENT_TYPES: ReadonlySet<string> = new Set([
  'user',
  'assistant',
  'system',
  'attachment',
  'progress',
  'pr-link',
  'teleported-from',
]);

/** Attachment kinds that only carry context injected into the model. */
export const CONTEXT_ATTACHMENTS: ReadonlySet<string> = new Set([
  'file',
  'directory',
  'edited_text_file',
  'edited_image_file',
  'nested_memory',
  'skill_listing',
  'invoked_skills',
  'hook_success',
  'hook_additional_context',
  'hook_system_message',
  'todo_reminder',
  'task_reminder',
  'plan_mode',
  'plan_mode_exit',
  'plan_mode_reentry',
  'plan_file_reference',
  'compact_file_reference',
  'deferred_tools_delta',
  'mcp_instructions_delta',
  'agent_listing_delta',
  'command_permissions',
  'auto_mode',
  'auto_mode_exit',
  'date_change',
  'companion_intro',
  'critical_system_reminder',
  'selected_lines_in_ide',
  'opened_file_in_ide',
  'diagnostics',
  'todo',
]);

/** Assistant content block types the importer understands. */
export const ASSISTANT_BLOCKS: ReadonlySet<string> = new Set([
  'text',
  'thinking',
  'redacted_thinking',
  'tool_use',
]);

/** True for an attachment kind that becomes an event (or a skip) rather than an unknown. */
export function isKnownAttachment(kind: string): boolean {
  return kind === 'queued_command' || /^hook_.*error/.test(kind) || CONTEXT_ATTACHMENTS.has(kind);
}
