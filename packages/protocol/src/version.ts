/** An inclusive range of protocol versions. */
export interface VersionRange {
  readonly min: number;
  readonly max: number;
}

/** The newest protocol version this build speaks. */
export const PROTOCOL_VERSION = 1;

/** The versions this build speaks, oldest to newest. */
export const SUPPORTED_VERSIONS: VersionRange = { min: 1, max: PROTOCOL_VERSION };

/**
 * Picks the highest version both sides speak, or undefined when the ranges do not meet.
 * The client offers a range in `hello`; the relay answers with the pick in `challenge` and
 * `welcome`, or with `unsupported_version`.
 */
export function negotiateVersion(
  offered: VersionRange,
  supported: VersionRange = SUPPORTED_VERSIONS,
): number | undefined {
  if (offered.min > offered.max) return undefined;
  const version = Math.min(offered.max, supported.max);
  return version >= Math.max(offered.min, supported.min) ? version : undefined;
}

/** A human sentence describing a range, for error messages. */
export function describeVersions(range: VersionRange): string {
  return range.min === range.max ? `version ${range.min}` : `versions ${range.min}-${range.max}`;
}
