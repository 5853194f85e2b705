import { generateDeviceIdentity, toBase64Url, type DeviceIdentity } from '@trail/crypto';
import { teamIdOf } from '../base58.js';
import { memberKeysOf, signEntry, type Entry } from '../entries.js';

/** A person in a test team: member key and one device. */
export interface Person {
  readonly name: string;
  readonly member: DeviceIdentity;
  readonly device: DeviceIdentity;
}

/** A fresh person. */
export function person(name: string): Person {
  return { name, member: generateDeviceIdentity(), device: generateDeviceIdentity() };
}

/** A team founded by `admin`: its id and the signed genesis and device entries. */
export function found(admin: Person, name = 'acme') {
  const genesis = signEntry(admin.member, {
    t: 'genesis',
    name,
    at: 1,
    admin: memberKeysOf(admin.member, admin.name),
    nonce: 'n',
  });
  const teamId = teamIdOf(genesis.id);
  return { teamId, entries: [genesis, certify(teamId, admin, 2)] };
}

/** The entry certifying a person's device, signed by their member key. */
export function certify(teamId: string, p: Person, at: number) {
  return signEntry(p.member, {
    t: 'device',
    team: teamId,
    at,
    member: p.member.deviceId,
    device: { id: p.device.deviceId, sign: toBase64Url(p.device.signPublicKey), name: 'laptop' },
  });
}

/** `admin` adds `p` as a member. */
export function add(teamId: string, admin: Person, p: Person, at: number) {
  return signEntry(admin.member, {
    t: 'add',
    team: teamId,
    at,
    member: memberKeysOf(p.member, p.name),
    role: 'member',
  });
}

/** A minimal summary entry by `author`, signed by `signer` (its device by default). */
export function summary(
  teamId: string,
  author: Person,
  session: string,
  at: number,
  signer = author.device,
) {
  const entry: Entry = {
    t: 'summary',
    team: teamId,
    at,
    author: author.member.deviceId,
    session,
    epoch: 1,
    summary: {
      schema: 'trail/team-summary',
      version: 1,
      policy: 'summary',
      session: {
        id: session,
        agent: 'claude-code',
        model: 'm',
        agentVersion: '',
        startedAt: '',
        endedAt: '',
        durationSeconds: null,
        title: 't',
        project: 'p',
      },
      counts: {} as never,
      files: [],
      commands: [],
      prompts: [],
      redactions: {},
    },
  };
  return signEntry(signer, entry);
}
