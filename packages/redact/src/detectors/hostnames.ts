import type { Detector } from './detector.js';
import { addressAround } from './email.js';

const LOOPBACK =
  /^(?:localhost|127(?:\.\d{1,3}){3}|0\.0\.0\.0|\[?::1?\]?|example\.(?:com|org|net))$/i;
const IPV4 =
  /(?<![\d.A-Za-z])(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}(?![\d.])/g;

function hostEnd(text: string, from: number): number {
  if (text.charCodeAt(from) === 91) {
    const close = text.indexOf(']', from);
    return close === -1 ? from : close + 1;
  }
  let e = from;
  while (e < text.length) {
    const c = text.charCodeAt(e);
    if (!(
      (c >= 97 && c <= 122) ||
      (c >= 65 && c <= 90) ||
      (c >= 48 && c <= 57) ||
      c === 46 ||
      c === 45
    ))
      break;
    e++;
  }
  while (e > from && text.charCodeAt(e - 1) === 46) e--;
  return e;
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Host names, when asked for: this machine's name, the host of every URL, the host of
 * `user@host` SSH addresses, and IPv4 addresses other than loopback.
 */
export function hostnameDetector(hostName: string): Detector {
  const names = new Set<string>();
  if (hostName.length >= 3 && !LOOPBACK.test(hostName)) {
    names.add(hostName);
    const short = hostName.split('.')[0]!;
    if (short.length >= 3) names.add(short);
  }
  const own = names.size
    ? new RegExp(
        `(?<![A-Za-z0-9-])(?:${[...names]
          .sort((a, b) => b.length - a.length)
          .map(escapeRegex)
          .join('|')})(?![A-Za-z0-9-])`,
        'gi',
      )
    : undefined;
  return {
    id: 'hostnames',
    detect(text, emit) {
      const report = (s: number, e: number): void => {
        if (e > s && !LOOPBACK.test(text.slice(s, e))) emit('hostname', s, e);
      };
      for (let i = text.indexOf('://'); i !== -1; i = text.indexOf('://', i + 3)) {
        let from = i + 3;
        const e0 = hostEnd(text, from);
        // skip userinfo
        const at = text.indexOf('@', from);
        if (at !== -1 && at < from + 512 && !/[\s/?#]/.test(text.slice(from, at))) from = at + 1;
        report(from, from === i + 3 ? e0 : hostEnd(text, from));
      }
      for (let i = text.indexOf('@'); i !== -1; i = text.indexOf('@', i + 1)) {
        const found = addressAround(text, i);
        if (!found) continue;
        const [, e, domain] = found;
        // e-mail addresses are the e-mail detector's; SSH forms have no TLD or a `:path`
        if (domain.includes('.') && text.charCodeAt(e) !== 58) continue;
        report(i + 1, e);
      }
      IPV4.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = IPV4.exec(text)) !== null) report(m.index, m.index + m[0].length);
      if (own) {
        own.lastIndex = 0;
        while ((m = own.exec(text)) !== null) report(m.index, m.index + m[0].length);
      }
    },
  };
}
