import { ByteReader, MalformedInput } from '../bytes/reader.js';
import { ByteWriter } from '../bytes/writer.js';
import { decodeCert, encodeCert } from '../keys/device-cert.js';
import type { BundleBody, Entry } from './body.js';

const MAGIC = new TextEncoder().encode('trail/bundle-body/v1\0');
const KIND = { doc: 1, blob: 2, rotate: 3, forget: 4 } as const;
const DEVICE_ID = /^[0-9a-hjkmnp-tv-z]{24}$/;
const DOC_ID = /^[1-9A-HJ-NP-Za-km-z]{16,64}$/;
const BLOB_HASH = /^[0-9a-f]{16,128}$/;
const BUNDLE_ID = /^[A-Za-z0-9_-]{1,128}$/;
/** Hard caps on what one body may claim, whatever the relay allows. */
const MAX = { certs: 1024, entries: 65_536, heads: 256, bytes: 64 * 1024 * 1024, parts: 1 << 20 };

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const unhex = (text: string) => Uint8Array.from(Buffer.from(text, 'hex'));

function writeEntry(w: ByteWriter, e: Entry): void {
  w.u8(KIND[e.kind]);
  switch (e.kind) {
    case 'doc':
      w.str(e.docId).u16(e.heads.length);
      for (const h of e.heads) w.raw(unhex(h));
      w.raw(unhex(e.digest)).u32(e.part).u32(e.parts).bytes(e.bytes);
      return;
    case 'blob':
      w.str(e.hash).u32(e.part).u32(e.parts).bytes(e.bytes);
      return;
    case 'rotate':
      w.u32(e.epoch).u16(e.removed.length);
      for (const d of e.removed) w.str(d);
      w.u16(e.keys.length);
      for (const k of e.keys) w.str(k.deviceId).bytes(k.sealed);
      return;
    case 'forget':
      w.u32(e.docs.length);
      for (const d of e.docs) w.str(d);
      w.u32(e.blobs.length);
      for (const b of e.blobs) w.str(b);
  }
}

function part(r: ByteReader): { part: number; parts: number } {
  const index = r.u32('part');
  const parts = r.u32('parts');
  if (parts < 1 || parts > MAX.parts || index >= parts)
    throw new MalformedInput('bad part numbers');
  return { part: index, parts };
}

function readEntry(r: ByteReader): Entry {
  const kind = r.u8('entry kind');
  if (kind === KIND.doc) {
    const docId = r.str('docId', 64, DOC_ID);
    const heads: string[] = [];
    const n = r.u16('heads');
    if (n > MAX.heads) throw new MalformedInput('too many heads');
    for (let i = 0; i < n; i++) heads.push(hex(r.raw(32, 'head')));
    const digest = hex(r.raw(32, 'digest'));
    return {
      kind: 'doc',
      docId,
      heads,
      digest,
      ...part(r),
      bytes: r.bytes('doc bytes', MAX.bytes),
    };
  }
  if (kind === KIND.blob) {
    const hash = r.str('blob hash', 128, BLOB_HASH);
    return { kind: 'blob', hash, ...part(r), bytes: r.bytes('blob bytes', MAX.bytes) };
  }
  if (kind === KIND.rotate) {
    const epoch = r.u32('epoch');
    const removed: string[] = [];
    for (let i = r.u16('removed'); i > 0; i--) removed.push(r.str('removed device', 24, DEVICE_ID));
    const keys = [];
    for (let i = r.u16('keys'); i > 0; i--) {
      keys.push({
        deviceId: r.str('key device', 24, DEVICE_ID),
        sealed: r.bytes('sealed key', 1024),
      });
    }
    return { kind: 'rotate', epoch, removed, keys };
  }
  if (kind === KIND.forget) {
    const docs: string[] = [];
    for (let n = r.count('forgotten documents', MAX.entries); n > 0; n--)
      docs.push(r.str('docId', 64, DOC_ID));
    const blobs: string[] = [];
    for (let n = r.count('forgotten blobs', MAX.entries); n > 0; n--)
      blobs.push(r.str('blob hash', 128, BLOB_HASH));
    return { kind: 'forget', docs, blobs };
  }
  throw new MalformedInput(`unknown entry kind ${kind}`);
}

/** The plaintext form of a bundle body (signed, then sealed, by bundle/seal.ts). */
export function encodeBody(body: BundleBody): Uint8Array {
  const w = new ByteWriter(64 * 1024)
    .raw(MAGIC)
    .str(body.bundleId)
    .u32(body.epoch)
    .str(body.sender)
    .u64(body.createdAt)
    .u32(body.certs.length);
  for (const cert of body.certs) w.bytes(encodeCert(cert));
  w.u32(body.entries.length);
  for (const entry of body.entries) writeEntry(w, entry);
  return w.finish();
}

/** Parses a body strictly (bounds, alphabets, no trailing bytes); throws MalformedInput. */
export function decodeBody(bytes: Uint8Array): BundleBody {
  const r = new ByteReader(bytes);
  const magic = r.raw(MAGIC.length, 'magic');
  if (!magic.every((b, i) => b === MAGIC[i])) throw new MalformedInput('not a bundle body');
  const bundleId = r.str('bundleId', 128, BUNDLE_ID);
  const epoch = r.u32('epoch');
  const sender = r.str('sender', 24, DEVICE_ID);
  const createdAt = r.u64('createdAt');
  const certs = [];
  for (let n = r.count('certificates', MAX.certs); n > 0; n--)
    certs.push(decodeCert(r.bytes('certificate', 1024)));
  const entries = [];
  for (let n = r.count('entries', MAX.entries); n > 0; n--) entries.push(readEntry(r));
  r.end();
  return { bundleId, epoch, sender, createdAt, certs, entries };
}

/** Bytes an entry adds to an encoded body, for packing. */
export function entrySize(e: Entry): number {
  switch (e.kind) {
    case 'doc':
      return 1 + 2 + e.docId.length + 2 + 32 * e.heads.length + 32 + 8 + 4 + e.bytes.length;
    case 'blob':
      return 1 + 2 + e.hash.length + 8 + 4 + e.bytes.length;
    case 'rotate':
      return 9 + e.removed.length * 26 + e.keys.reduce((n, k) => n + 30 + k.sealed.length, 0);
    case 'forget':
      return 9 + [...e.docs, ...e.blobs].reduce((n, id) => n + 2 + Buffer.byteLength(id), 0);
  }
}
