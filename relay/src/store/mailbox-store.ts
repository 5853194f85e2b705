import type { BundleId, Cursor, DeviceTag, RoutingId } from '@trail/protocol';

/** A space as the relay knows it: an opaque routing id and the auth key pinned on first use. */
export interface SpaceRecord {
  readonly routingId: RoutingId;
  /** Raw 32-byte Ed25519 public key. */
  readonly authPublicKey: Uint8Array;
  /** Milliseconds since the Unix epoch. */
  readonly createdAt: number;
}

/** A bundle a device uploads. */
export interface NewBundle {
  readonly deviceTag: DeviceTag;
  readonly bundleId: BundleId;
  /** Opaque ciphertext. Stores copy or persist it; the caller may reuse the buffer. */
  readonly bytes: Uint8Array;
}

/** A bundle as stored, with its position in the space's mailbox. */
export interface StoredBundle {
  readonly cursor: Cursor;
  readonly deviceTag: DeviceTag;
  readonly bundleId: BundleId;
  readonly storedAt: number;
  readonly bytes: Uint8Array;
}

/** Caps checked atomically with a put. */
export interface PutLimits {
  readonly quotaBytes: number;
  readonly quotaBundles: number;
}

/** What a put did. `duplicate` returns the cursor of the bundle stored earlier. */
export type PutOutcome =
  | { readonly status: 'stored'; readonly cursor: Cursor }
  | { readonly status: 'duplicate'; readonly cursor: Cursor }
  | { readonly status: 'over_quota' }
  | { readonly status: 'no_space' };

/** What a pull asks for. */
export interface PullRequest {
  /** Return bundles after this cursor; an empty or foreign cursor means from the start. */
  readonly after: Cursor;
  readonly limit: number;
  /** Stop before the payload total would exceed this (but always return at least one). */
  readonly maxBytes: number;
  /** Skip bundles uploaded under this device tag (the cursor still moves past them). */
  readonly excludeDevice?: DeviceTag;
}

/** One page of a pull. */
export interface PullPage {
  readonly bundles: readonly StoredBundle[];
  /** Where the next pull starts: after everything this page examined. */
  readonly cursor: Cursor;
  readonly more: boolean;
}

/** Storage use of one space. */
export interface SpaceUsage {
  readonly bytes: number;
  readonly bundles: number;
}

/** Result of registering a space: the record now stored, and whether this call created it. */
export type RegisterOutcome =
  | { readonly status: 'registered' | 'exists'; readonly record: SpaceRecord }
  | { readonly status: 'full' };

/**
 * Where the relay keeps mailboxes. The relay core owns policy (who may do what, limits it
 * passes in); a store only has to make each call atomic and durable before it resolves, so
 * it stays small enough to re-implement on S3 or Redis. `runMailboxStoreTests` is the
 * contract every implementation must pass.
 */
export interface MailboxStore {
  /** The space record, if the routing id is known. */
  getSpace(routingId: RoutingId): Promise<SpaceRecord | undefined>;
  /**
   * Pins a routing id to an auth key if it is new (first use wins, atomically); otherwise
   * returns the existing record. `full` when `maxSpaces` spaces already exist.
   */
  registerSpace(record: SpaceRecord, maxSpaces: number): Promise<RegisterOutcome>;
  /** Storage use of a space (zero if unknown). */
  usage(routingId: RoutingId): Promise<SpaceUsage>;
  /** Stores a bundle idempotently by id within the space; durable before it resolves. */
  put(routingId: RoutingId, bundle: NewBundle, now: number, limits: PutLimits): Promise<PutOutcome>;
  /** Bundles of every device after a cursor, in a stable (cursor) order. */
  pull(routingId: RoutingId, request: PullRequest): Promise<PullPage>;
  /** Deletes bundles by id; resolves with how many existed. Durable before it resolves. */
  delete(routingId: RoutingId, bundleIds: readonly BundleId[]): Promise<number>;
  /** Deletes a space and all its bundles, forgetting its auth key; false if unknown. */
  deleteSpace(routingId: RoutingId): Promise<boolean>;
  /** Deletes every bundle stored before `cutoff`; resolves with how many. */
  expire(cutoff: number): Promise<number>;
  /** Number of spaces. */
  spaceCount(): Promise<number>;
  /** Flushes and releases resources (file locks); the store is unusable afterwards. */
  close(): Promise<void>;
}
