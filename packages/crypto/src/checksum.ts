// A BCH checksum over 5-bit symbols: bech32m's generator and constant (BIP 350). Any single
// changed symbol is always detected (the generator has a non-zero constant term), up to four
// within 89 symbols, and anything else with probability 1 - 2^-30.

const GENERATOR = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3] as const;
const BECH32M_CONSTANT = 0x2bc830a3;
/** Symbols in a checksum. */
export const CHECKSUM_SYMBOLS = 6;

function polymod(symbols: readonly number[]): number {
  let chk = 1;
  for (const value of symbols) {
    const top = chk >>> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ value;
    for (let i = 0; i < GENERATOR.length; i++) {
      if ((top >>> i) & 1) chk ^= GENERATOR[i] ?? 0;
    }
  }
  return chk;
}

function expandPrefix(prefix: string): number[] {
  const codes = [...prefix].map((ch) => ch.charCodeAt(0));
  return [...codes.map((c) => c >> 5), 0, ...codes.map((c) => c & 31)];
}

/** The six checksum symbols for data symbols under a domain prefix. */
export function checksumSymbols(prefix: string, data: readonly number[]): number[] {
  const mod =
    polymod([...expandPrefix(prefix), ...data, ...new Array<number>(CHECKSUM_SYMBOLS).fill(0)]) ^
    BECH32M_CONSTANT;
  return Array.from({ length: CHECKSUM_SYMBOLS }, (_, i) => (mod >>> (5 * (5 - i))) & 31);
}

/** Whether data symbols followed by their checksum symbols are consistent. */
export function checksumValid(prefix: string, dataWithChecksum: readonly number[]): boolean {
  return polymod([...expandPrefix(prefix), ...dataWithChecksum]) === BECH32M_CONSTANT;
}
