import { assignmentDetector } from './detectors/assignments.js';
import { customPatternDetector } from './detectors/custom-patterns.js';
import type { Detector } from './detectors/detector.js';
import { emailDetector } from './detectors/email.js';
import { entropyAssignmentDetector } from './detectors/entropy-assignments.js';
import { homeDirDetector } from './detectors/home-dir.js';
import { hostnameDetector } from './detectors/hostnames.js';
import { basicAuthDetector, bearerDetector, curlUserDetector } from './detectors/http-auth.js';
import { jwtDetector } from './detectors/jwt.js';
import { privateKeyDetector } from './detectors/private-key.js';
import { secretlintDetectors } from './detectors/secretlint.js';
import { tokenDetectors } from './detectors/tokens.js';
import { Trigger } from './detectors/trigger.js';
import { urlCredentialsDetector } from './detectors/url-credentials.js';
import { userNameDetector } from './detectors/user-name.js';
import { type Span, dropInside, mergeSpans, placeholderRanges } from './merge.js';
import type { ResolvedOptions } from './options.js';
import { decodeEscapes } from './views/escapes.js';
import { type View, rawView } from './views/view.js';
import { joinWrappedLines } from './views/wraps.js';

// A long run of base64 alphabet is an image, a signature or a blob: opaque, so not scanned.
const BASE64_BLOB = /^[A-Za-z0-9+/\r\n]*={0,2}\s*$/;
const BLOB_MIN = 256;
const MAX_ESCAPE_DEPTH = 4;

/** Every detector for a configuration, in a fixed order. */
export function buildDetectors(options: ResolvedOptions): Detector[] {
  const detectors: Detector[] = [
    ...secretlintDetectors(),
    ...tokenDetectors(),
    privateKeyDetector(),
    jwtDetector(),
    bearerDetector(),
    basicAuthDetector(),
    curlUserDetector(),
    urlCredentialsDetector(),
    assignmentDetector(),
    entropyAssignmentDetector(),
    ...options.patterns.map(customPatternDetector),
  ];
  if (options.maskEmails) detectors.push(emailDetector());
  if (options.maskHostnames) detectors.push(hostnameDetector(options.hostName));
  const home = homeDirDetector(options.homeDir);
  if (home) detectors.push(home);
  const user = userNameDetector(options.userName);
  if (user) detectors.push(user);
  return detectors;
}

/** Finds secrets in text: every detector over the text, its unescaped form and its unwrapped lines. */
export class Scanner {
  private readonly detectors: Detector[];
  private readonly trigger: Trigger;

  constructor(private readonly options: ResolvedOptions) {
    this.detectors = buildDetectors(options);
    this.trigger = new Trigger(this.detectors);
  }

  /** The detectors' ids, in order (for tests and docs). */
  get detectorIds(): string[] {
    return this.detectors.map((d) => d.id);
  }

  /** Merged, sorted, allowlist-filtered spans of `text`. */
  scan(text: string): Span[] {
    if (text.length === 0) return [];
    if (text.length >= BLOB_MIN && BASE64_BLOB.test(text)) return [];
    const spans: Span[] = [];
    const raw = rawView(text);
    const views: View[] = [raw];
    // JSON in a JSON string in a transcript line: each level of quoting adds one of escaping
    for (
      let v = decodeEscapes(raw), depth = 0;
      v && depth < MAX_ESCAPE_DEPTH;
      v = decodeEscapes(v), depth++
    ) {
      views.push(v);
    }
    for (const view of [...views]) {
      const wrapped = joinWrappedLines(view);
      if (wrapped) views.push(wrapped);
    }
    for (const view of views) this.run(view, text, spans);
    return mergeSpans(dropInside(spans, placeholderRanges(text)));
  }

  private run(view: View, raw: string, out: Span[]): void {
    const { active, hits } = this.trigger.scan(view.text);
    const emit = (kind: string, start: number, end: number): void => {
      if (end <= start || !view.keep(start, end, kind)) return;
      const [s, e] = view.toRaw(start, end);
      if (this.allowed(view.text.slice(start, end)) || this.allowed(raw.slice(s, e))) return;
      out.push({ kind, start: s, end: e });
    };
    for (let d = 0; d < this.detectors.length; d++) {
      if (active[d]) this.detectors[d]!.detect(view.text, emit, hits);
    }
  }

  private allowed(value: string): boolean {
    const { allowExact, allowRegexes } = this.options;
    if (allowExact.size > 0 && allowExact.has(value)) return true;
    for (const re of allowRegexes) if (re.test(value)) return true;
    return false;
  }
}
