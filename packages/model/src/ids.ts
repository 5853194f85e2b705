/** A nominal type: a `T` that only code which vouches for it can produce. */
export type Brand<T, B extends string> = T & { readonly __brand: B };

/** A session's id: the agent's own id where it has one (Claude Code's UUID), else one trail minted. */
export type SessionId = Brand<string, 'SessionId'>;
/** An event's id, stable across re-imports so folding the same work twice adds nothing. */
export type EventId = Brand<string, 'EventId'>;
/** A portable project id: the same repository on two machines gets the same id. */
export type ProjectId = Brand<string, 'ProjectId'>;
/** A blob's id: a keyed hash of its content, hex. Reveals nothing about the content. */
export type BlobHash = Brand<string, 'BlobHash'>;
/** A checkpoint's id (a snapshot of a working tree). */
export type CheckpointId = Brand<string, 'CheckpointId'>;

/** Vouches that a string is a session id. */
export const asSessionId = (s: string): SessionId => s as SessionId;
/** Vouches that a string is an event id. */
export const asEventId = (s: string): EventId => s as EventId;
/** Vouches that a string is a project id. */
export const asProjectId = (s: string): ProjectId => s as ProjectId;
/** Vouches that a string is a blob hash. */
export const asBlobHash = (s: string): BlobHash => s as BlobHash;
/** Vouches that a string is a checkpoint id. */
export const asCheckpointId = (s: string): CheckpointId => s as CheckpointId;
