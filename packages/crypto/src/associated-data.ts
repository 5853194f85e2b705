import { checkInteger, concatBytes, utf8 } from './bytes.js';

/** What a sealed bundle is bound to: a ciphertext opens only under exactly these values. */
export interface AssociatedDataFields {
  /** The Automerge document the bytes belong to. */
  readonly docId: string;
  /** The sending device's id. */
  readonly sender: string;
  /** The space-key epoch the bytes were sealed under. */
  readonly epoch: number;
  /** What the bytes are (for example 'bundle', 'snapshot', 'sync-message'). */
  readonly kind: string;
}

const MAGIC = utf8('trail/ad/v1');

function field(text: string, what: string): Uint8Array {
  const bytes = utf8(text, what);
  const length = new Uint8Array(4);
  new DataView(length.buffer).setUint32(0, bytes.length);
  return concatBytes(length, bytes);
}

/**
 * The canonical associated-data bytes for AEAD: "trail/ad/v1", then docId, sender and kind as
 * (u32 big-endian byte length, UTF-8) and epoch as u64 big-endian, in the order docId, sender,
 * epoch, kind. Length prefixes make the encoding injective: distinct fields, distinct bytes.
 */
export function encodeAssociatedData(fields: AssociatedDataFields): Uint8Array {
  checkInteger(fields.epoch, 0, Number.MAX_SAFE_INTEGER, 'epoch');
  const epoch = new Uint8Array(8);
  new DataView(epoch.buffer).setBigUint64(0, BigInt(fields.epoch));
  return concatBytes(
    MAGIC,
    field(fields.docId, 'docId'),
    field(fields.sender, 'sender'),
    epoch,
    field(fields.kind, 'kind'),
  );
}
