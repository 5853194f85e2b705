import type { CompiledPattern } from '../options.js';
import type { Detector } from './detector.js';

/** A user-defined pattern; with a `secret` group only that group is replaced. */
export function customPatternDetector(pattern: CompiledPattern): Detector {
  const { regex, name, hasSecretGroup } = pattern;
  return {
    id: `pattern:${name}`,
    detect(text, emit) {
      regex.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = regex.exec(text)) !== null) {
        if (m[0].length === 0) {
          regex.lastIndex++;
          continue;
        }
        const span = hasSecretGroup ? m.indices?.groups?.['secret'] : undefined;
        if (span) emit(name, span[0], span[1]);
        else if (!hasSecretGroup) emit(name, m.index, m.index + m[0].length);
      }
    },
  };
}
