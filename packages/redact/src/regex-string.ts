const LITERAL = /^\/(.+)\/([dgimsuvy]*)$/s;

/** True for the `/source/flags` form used in JSON configs (secretlint's convention). */
export function isRegexLiteral(s: string): boolean {
  return LITERAL.test(s);
}

/** Compiles `/source/flags`, or a bare string as a regex source; throws SyntaxError when invalid. */
export function parseRegexString(s: string): RegExp {
  const m = LITERAL.exec(s);
  return m ? new RegExp(m[1]!, m[2]) : new RegExp(s);
}
