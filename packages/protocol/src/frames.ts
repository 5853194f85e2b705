import type { BundleId, Cursor, DeviceTag, InvitationId, RelayId, RoutingId } from './ids.js';
import type { SessionLimits } from './session-limits.js';

/** What a device claims in `hello` when it opens a session in a space. */
export interface SpaceHello {
  readonly routingId: RoutingId;
  /** Raw 32-byte Ed25519 public key derived by clients from the space key. */
  readonly authPublicKey: Uint8Array;
  readonly deviceTag: DeviceTag;
}

/** Client → relay: opens a session; without `space` it is a guest (rendezvous only) session. */
export interface HelloFrame {
  readonly type: 'hello';
  readonly minProtocolVersion: number;
  readonly protocolVersion: number;
  readonly space?: SpaceHello;
}

/** Client → relay: the detached Ed25519 signature over `authChallengeMessage(...)`. */
export interface AuthFrame {
  readonly type: 'auth';
  readonly signature: Uint8Array;
}

/** Client → relay: stores a bundle in the sender's outbox (idempotent by `bundleId`). */
export interface PutFrame {
  readonly type: 'put';
  readonly requestId: number;
  readonly bundleId: BundleId;
  readonly bytes: Uint8Array;
}

/** Client → relay: reads bundles of every device of the space after `after`. */
export interface PullFrame {
  readonly type: 'pull';
  readonly requestId: number;
  readonly after: Cursor;
  readonly limit: number;
  /** Skip bundles uploaded under the sender's own device tag. */
  readonly excludeOwn: boolean;
}

/** Client → relay: deletes bundles of the space by id (any member may). */
export interface DeleteFrame {
  readonly type: 'delete';
  readonly requestId: number;
  readonly bundleIds: readonly BundleId[];
}

/** Client → relay: deletes the whole mailbox of the authenticated space. */
export interface DeleteSpaceFrame {
  readonly type: 'deleteSpace';
  readonly requestId: number;
}

/** Client → relay: relays bytes live to connected devices of the space; nothing is stored. */
export interface ForwardFrame {
  readonly type: 'forward';
  readonly requestId: number;
  /** One device; absent means every other connected device of the space. */
  readonly to?: DeviceTag;
  readonly bytes: Uint8Array;
}

/** Client → relay: appends a sealed message to an invitation mailbox. */
export interface InvitePutFrame {
  readonly type: 'invitePut';
  readonly requestId: number;
  readonly invitationId: InvitationId;
  readonly bytes: Uint8Array;
}

/** Client → relay: reads an invitation mailbox after message number `after` (0 = all). */
export interface InvitePullFrame {
  readonly type: 'invitePull';
  readonly requestId: number;
  readonly invitationId: InvitationId;
  readonly after: number;
}

/** Client → relay: deletes an invitation mailbox once pairing is done. */
export interface InviteDeleteFrame {
  readonly type: 'inviteDelete';
  readonly requestId: number;
  readonly invitationId: InvitationId;
}

/** Every frame a client may send. */
export type ClientFrame =
  | HelloFrame
  | AuthFrame
  | PutFrame
  | PullFrame
  | DeleteFrame
  | DeleteSpaceFrame
  | ForwardFrame
  | InvitePutFrame
  | InvitePullFrame
  | InviteDeleteFrame;

/** Client frames that carry a request id and get exactly one response or error. */
export type RequestFrame = Exclude<ClientFrame, HelloFrame | AuthFrame | ForwardFrame>;

/** Relay → client: the random nonce to sign, with the negotiated version and the relay id. */
export interface ChallengeFrame {
  readonly type: 'challenge';
  readonly protocolVersion: number;
  readonly relayId: RelayId;
  readonly nonce: Uint8Array;
}

/** Relay → client: the session is open. */
export interface WelcomeFrame {
  readonly type: 'welcome';
  readonly protocolVersion: number;
  /** The relay's wall clock, milliseconds since the Unix epoch. */
  readonly serverTime: number;
  readonly limits: SessionLimits;
  /** Other devices of the space connected now (empty for guests). */
  readonly online: readonly DeviceTag[];
  /** Current storage use of the space (zero for guests). */
  readonly usage: { readonly bytes: number; readonly bundles: number };
}

/** Relay → client: the bundle is durably stored (or already was). */
export interface PutOkFrame {
  readonly type: 'putOk';
  readonly requestId: number;
  readonly cursor: Cursor;
  readonly duplicate: boolean;
}

/** One bundle in a pull page. */
export interface PulledBundle {
  readonly cursor: Cursor;
  readonly deviceTag: DeviceTag;
  readonly bundleId: BundleId;
  /** When the relay stored it, milliseconds since the Unix epoch. */
  readonly storedAt: number;
  readonly bytes: Uint8Array;
}

/** Relay → client: a page of bundles; pull again from `cursor` while `more`. */
export interface PullOkFrame {
  readonly type: 'pullOk';
  readonly requestId: number;
  readonly cursor: Cursor;
  readonly more: boolean;
  readonly bundles: readonly PulledBundle[];
}

/** Relay → client: how many of the requested bundles existed and are now deleted. */
export interface DeleteOkFrame {
  readonly type: 'deleteOk';
  readonly requestId: number;
  readonly deleted: number;
}

/** Relay → client: the space's mailbox is gone; the connection closes next. */
export interface DeleteSpaceOkFrame {
  readonly type: 'deleteSpaceOk';
  readonly requestId: number;
}

/** Relay → client: the invitation message was stored as number `seq`. */
export interface InvitePutOkFrame {
  readonly type: 'invitePutOk';
  readonly requestId: number;
  readonly seq: number;
}

/** One message of an invitation mailbox. */
export interface InvitationMessage {
  readonly seq: number;
  readonly bytes: Uint8Array;
}

/** Relay → client: the messages of an invitation mailbox after the requested number. */
export interface InvitePullOkFrame {
  readonly type: 'invitePullOk';
  readonly requestId: number;
  readonly messages: readonly InvitationMessage[];
}

/** Relay → client: the invitation mailbox is deleted (`existed` false if it was not there). */
export interface InviteDeleteOkFrame {
  readonly type: 'inviteDeleteOk';
  readonly requestId: number;
  readonly existed: boolean;
}

/** Relay → client: live bytes from another device of the space. */
export interface ForwardedFrame {
  readonly type: 'forwarded';
  readonly from: DeviceTag;
  readonly bytes: Uint8Array;
}

/** Relay → client: a device of the space came online or went offline. */
export interface PresenceFrame {
  readonly type: 'presence';
  readonly event: 'joined' | 'left';
  readonly deviceTag: DeviceTag;
}

/** Relay → client: another device stored a bundle at `cursor`; pull when convenient. */
export interface AvailableFrame {
  readonly type: 'available';
  readonly cursor: Cursor;
  readonly deviceTag: DeviceTag;
}

/** Relay → client: a new message in an invitation mailbox this connection used. */
export interface InviteMessageFrame {
  readonly type: 'inviteMessage';
  readonly invitationId: InvitationId;
  readonly seq: number;
  readonly bytes: Uint8Array;
}

/** Relay → client: a request failed (requestId set) or the session failed (requestId 0). */
export interface ErrorFrame {
  readonly type: 'error';
  readonly requestId: number;
  /** A stable code; may be newer than this build's ERROR_CODES. */
  readonly code: string;
  readonly message: string;
}

/** Every frame a relay may send. */
export type RelayFrame =
  | ChallengeFrame
  | WelcomeFrame
  | PutOkFrame
  | PullOkFrame
  | DeleteOkFrame
  | DeleteSpaceOkFrame
  | InvitePutOkFrame
  | InvitePullOkFrame
  | InviteDeleteOkFrame
  | ForwardedFrame
  | PresenceFrame
  | AvailableFrame
  | InviteMessageFrame
  | ErrorFrame;

/** The successful response frame for each request frame type. */
export interface ResponseFrames {
  put: PutOkFrame;
  pull: PullOkFrame;
  delete: DeleteOkFrame;
  deleteSpace: DeleteSpaceOkFrame;
  invitePut: InvitePutOkFrame;
  invitePull: InvitePullOkFrame;
  inviteDelete: InviteDeleteOkFrame;
}

/** The response type expected for each request type. */
export const RESPONSE_TYPES = {
  put: 'putOk',
  pull: 'pullOk',
  delete: 'deleteOk',
  deleteSpace: 'deleteSpaceOk',
  invitePut: 'invitePutOk',
  invitePull: 'invitePullOk',
  inviteDelete: 'inviteDeleteOk',
} as const satisfies { [K in RequestFrame['type']]: ResponseFrames[K]['type'] };

/** Wire type byte of each frame. Client frames are below 0x80, relay frames at or above. */
export const FRAME_CODES = {
  hello: 0x01,
  auth: 0x02,
  put: 0x10,
  pull: 0x11,
  delete: 0x12,
  deleteSpace: 0x13,
  forward: 0x14,
  invitePut: 0x20,
  invitePull: 0x21,
  inviteDelete: 0x22,
  challenge: 0x81,
  welcome: 0x82,
  putOk: 0x90,
  pullOk: 0x91,
  deleteOk: 0x92,
  deleteSpaceOk: 0x93,
  invitePutOk: 0xa0,
  invitePullOk: 0xa1,
  inviteDeleteOk: 0xa2,
  presence: 0xb0,
  available: 0xb1,
  forwarded: 0xb2,
  inviteMessage: 0xb3,
  error: 0xff,
} as const satisfies Record<ClientFrame['type'] | RelayFrame['type'], number>;
