import type { Detector } from './detector.js';

function isNameChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) ||
    (c >= 65 && c <= 90) ||
    (c >= 48 && c <= 57) ||
    c === 95 ||
    c === 46 ||
    c === 45
  );
}

/** The spellings a home directory takes in transcripts: as is, and with the other slash. */
export function homeDirVariants(homeDir: string): string[] {
  const trimmed = homeDir.replace(/[/\\]+$/, '');
  if (trimmed.length < 2) return []; // `/` or a drive root would mask every path
  return [...new Set([trimmed, trimmed.replace(/\\/g, '/'), trimmed.replace(/\//g, '\\')])];
}

/** The user's home directory (`/home/alice`, `C:\Users\alice`), replaced by `~`. */
export function homeDirDetector(homeDir: string): Detector | undefined {
  const variants = homeDirVariants(homeDir);
  if (variants.length === 0) return undefined;
  // Windows paths are case-insensitive, POSIX ones are not
  const windows = /^[A-Za-z]:[\\/]/.test(homeDir);
  const lowered = windows ? variants.map((v) => v.toLowerCase()) : variants;
  return {
    id: 'home-dir',
    ...(windows ? { anchorsIgnoringCase: lowered } : { anchors: variants }),
    detect(text, emit) {
      const hay = windows ? text.toLowerCase() : text;
      if (hay.length !== text.length) return;
      for (const v of lowered) {
        for (let i = hay.indexOf(v); i !== -1; i = hay.indexOf(v, i + 1)) {
          const end = i + v.length;
          if (i > 0 && isNameChar(text.charCodeAt(i - 1))) continue; // /mnt/x/home/alice2…
          if (end < text.length && isNameChar(text.charCodeAt(end))) continue; // /home/alice2
          emit('home-dir', i, end);
        }
      }
    },
  };
}
