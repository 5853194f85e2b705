import type { Cursor, DeviceTag, RoutingId } from '@trail/protocol';
import { encodeRelayFrame } from '@trail/protocol';

/** An authenticated connection as the hub sees it. */
export interface HubMember {
  readonly routingId: RoutingId;
  readonly deviceTag: DeviceTag;
  /** Sends a live frame if the connection keeps up; false if it was dropped. */
  push(frame: Uint8Array): boolean;
  /** Sends an error and closes the connection. */
  kick(code: string, message: string): void;
}

interface Room {
  readonly members: Set<HubMember>;
  readonly devices: Map<DeviceTag, number>;
}

/**
 * Who is connected in which space: live forwarding, presence and `available` notices.
 * In memory and per relay instance (docs/protocol.md explains the multi-instance plan).
 */
export class SpaceHub {
  readonly #rooms = new Map<RoutingId, Room>();
  readonly #maxPerSpace: number;

  constructor(maxPerSpace: number) {
    this.#maxPerSpace = maxPerSpace;
  }

  /** Adds a member, telling the others if its device just came online; false if full. */
  join(member: HubMember): boolean {
    let room = this.#rooms.get(member.routingId);
    if (room === undefined)
      this.#rooms.set(member.routingId, (room = { members: new Set(), devices: new Map() }));
    if (room.members.size >= this.#maxPerSpace) return false;
    room.members.add(member);
    const count = room.devices.get(member.deviceTag) ?? 0;
    room.devices.set(member.deviceTag, count + 1);
    if (count === 0) this.#presence(room, member, 'joined');
    return true;
  }

  /** Removes a member, telling the others if its device went offline. Idempotent. */
  leave(member: HubMember): void {
    const room = this.#rooms.get(member.routingId);
    if (room === undefined || !room.members.delete(member)) return;
    const count = room.devices.get(member.deviceTag)! - 1;
    if (count > 0) room.devices.set(member.deviceTag, count);
    else {
      room.devices.delete(member.deviceTag);
      this.#presence(room, member, 'left');
    }
    if (room.members.size === 0) this.#rooms.delete(member.routingId);
  }

  /** Device tags online in a space, other than `except`. */
  online(routingId: RoutingId, except: DeviceTag): DeviceTag[] {
    const devices = this.#rooms.get(routingId)?.devices.keys() ?? [];
    return [...devices].filter((tag) => tag !== except);
  }

  /**
   * Relays live bytes to one device's connections (`to`), or to every other device's.
   * Encoded once for all recipients. Returns how many got it and how many were too slow.
   */
  forward(
    from: HubMember,
    to: DeviceTag | undefined,
    bytes: Uint8Array,
  ): { delivered: number; dropped: number } {
    const room = this.#rooms.get(from.routingId);
    let delivered = 0;
    let dropped = 0;
    if (room === undefined) return { delivered, dropped };
    const frame = encodeRelayFrame({ type: 'forwarded', from: from.deviceTag, bytes });
    for (const member of room.members) {
      if (member === from) continue;
      if (to === undefined ? member.deviceTag === from.deviceTag : member.deviceTag !== to)
        continue;
      if (member.push(frame)) delivered++;
      else dropped++;
    }
    return { delivered, dropped };
  }

  /** Tells the other devices of the space that a bundle was stored. */
  available(from: HubMember, cursor: Cursor): void {
    const room = this.#rooms.get(from.routingId);
    if (room === undefined || room.members.size < 2) return;
    const frame = encodeRelayFrame({ type: 'available', cursor, deviceTag: from.deviceTag });
    for (const member of room.members) if (member.deviceTag !== from.deviceTag) member.push(frame);
  }

  /** Closes every connection of a space except `except` (the space was deleted). */
  kickAll(routingId: RoutingId, except: HubMember, code: string, message: string): void {
    for (const member of [...(this.#rooms.get(routingId)?.members ?? [])]) {
      if (member !== except) member.kick(code, message);
    }
  }

  /** Spaces with at least one connection. */
  get spaces(): number {
    return this.#rooms.size;
  }

  #presence(room: Room, subject: HubMember, event: 'joined' | 'left'): void {
    const frame = encodeRelayFrame({ type: 'presence', event, deviceTag: subject.deviceTag });
    for (const member of room.members)
      if (member.deviceTag !== subject.deviceTag) member.push(frame);
  }
}
