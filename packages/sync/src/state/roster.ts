import { certSignedBy, decodeCert, encodeCert, type DeviceCert } from '../keys/device-cert.js';
import type { Database } from './database.js';

/** A member device as this device knows it. */
export interface Member {
  readonly cert: DeviceCert;
  /** The epoch whose rotation removed it, if it was removed. */
  readonly removedEpoch: number | undefined;
}

/** A bundle rejection kept for `trail status`. */
export interface Rejection {
  readonly at: number;
  readonly relay: string;
  readonly epoch: number;
  readonly bundle: string;
  readonly reason: string;
  readonly message: string;
}

/**
 * The devices of the space: certificates accepted so far, removals, which devices have been
 * seen writing in each epoch, the rotations this device made (re-sent until every remaining
 * device has moved), and recent rejections.
 */
export class Roster {
  constructor(private readonly db: Database) {}

  /** Every device ever accepted, removed ones included. */
  members(): Member[] {
    return this.db
      .all<{ cert: Uint8Array; removed_epoch: number | null }>(
        'SELECT cert, removed_epoch FROM devices ORDER BY device',
      )
      .map((r) => ({ cert: decodeCert(r.cert), removedEpoch: r.removed_epoch ?? undefined }));
  }

  /** One device, if known. */
  member(deviceId: string): Member | undefined {
    const row = this.db.get<{ cert: Uint8Array; removed_epoch: number | null }>(
      'SELECT cert, removed_epoch FROM devices WHERE device = ?',
      deviceId,
    );
    return row && { cert: decodeCert(row.cert), removedEpoch: row.removed_epoch ?? undefined };
  }

  /** Whether a device is a member in good standing. */
  isActive(deviceId: string): boolean {
    const m = this.member(deviceId);
    return m !== undefined && m.removedEpoch === undefined;
  }

  /** Adds a certificate without checking it (pairing: it came over an authenticated channel). */
  trust(cert: DeviceCert): void {
    this.db.run(
      'INSERT OR IGNORE INTO devices(device, cert) VALUES (?, ?)',
      cert.deviceId,
      encodeCert(cert),
    );
  }

  /**
   * Accepts the certificates whose issuer is an active member (repeating, so chains resolve in
   * any order). Returns the ids newly accepted; the rest are ignored.
   */
  admit(certs: readonly DeviceCert[]): string[] {
    const added: string[] = [];
    let pending = certs.filter((c) => this.member(c.deviceId) === undefined);
    for (let progress = true; progress && pending.length > 0;) {
      progress = false;
      const rest: DeviceCert[] = [];
      for (const cert of pending) {
        const issuer = this.member(cert.issuer);
        if (
          issuer &&
          issuer.removedEpoch === undefined &&
          cert.issuer !== cert.deviceId &&
          certSignedBy(cert, issuer.cert.signPublicKey)
        ) {
          this.trust(cert);
          added.push(cert.deviceId);
          progress = true;
        } else rest.push(cert);
      }
      pending = rest.filter((c) => this.member(c.deviceId) === undefined);
    }
    return added;
  }

  /** Marks a device removed by the rotation to `epoch` (the earliest such epoch wins). */
  remove(deviceId: string, epoch: number): void {
    this.db.run(
      'UPDATE devices SET removed_epoch = ? WHERE device = ? AND (removed_epoch IS NULL OR removed_epoch > ?)',
      epoch,
      deviceId,
      epoch,
    );
  }

  /** Records that a device wrote in an epoch. */
  markSeen(epoch: number, deviceId: string): void {
    this.db.run('INSERT OR IGNORE INTO seen(epoch, device) VALUES (?, ?)', epoch, deviceId);
  }

  /** Devices seen writing in an epoch. */
  seenIn(epoch: number): Set<string> {
    return new Set(
      this.db
        .all<{ device: string }>('SELECT device FROM seen WHERE epoch = ?', epoch)
        .map((r) => r.device),
    );
  }

  /** Keeps a rotation bundle this device made, to re-send until everyone has moved. */
  saveRotation(epoch: number, bundle: string, bytes: Uint8Array, devices: readonly string[]): void {
    this.db.run(
      'INSERT OR REPLACE INTO rekeys(epoch, bundle, bytes, devices) VALUES (?, ?, ?, ?)',
      epoch,
      bundle,
      bytes,
      JSON.stringify(devices),
    );
  }

  /** Rotations this device made: the new epoch, the bundle, and the devices that must move. */
  rotations(): { epoch: number; bundle: string; bytes: Uint8Array; devices: string[] }[] {
    return this.db
      .all<{ epoch: number; bundle: string; bytes: Uint8Array; devices: string }>(
        'SELECT epoch, bundle, bytes, devices FROM rekeys',
      )
      .map((r) => ({ ...r, devices: JSON.parse(r.devices) as string[] }));
  }

  /** Forgets a rotation once every remaining device has moved. */
  dropRotation(epoch: number): void {
    this.db.run('DELETE FROM rekeys WHERE epoch = ?', epoch);
  }

  /** Keeps a rejection for `trail status` (the last 100). */
  logRejection(r: Rejection): void {
    this.db.run(
      'INSERT INTO rejections(at, relay, epoch, bundle, reason, message) VALUES (?, ?, ?, ?, ?, ?)',
      r.at,
      r.relay,
      r.epoch,
      r.bundle,
      r.reason,
      r.message,
    );
    this.db.run(
      'DELETE FROM rejections WHERE rowid NOT IN (SELECT rowid FROM rejections ORDER BY at DESC LIMIT 100)',
    );
  }

  /** The most recent rejections, newest first. */
  rejections(limit = 20): Rejection[] {
    return this.db.all<Rejection>(
      'SELECT at, relay, epoch, bundle, reason, message FROM rejections ORDER BY at DESC, rowid DESC LIMIT ?',
      limit,
    );
  }
}
