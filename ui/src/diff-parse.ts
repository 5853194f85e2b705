// Unified diffs into lines with their old and new numbers, and into side-by-side pairs.

/** One line of a diff. */
export interface DiffLine {
  kind: 'add' | 'del' | 'ctx' | 'hunk';
  text: string;
  old?: number;
  new?: number;
}

/** The lines of a unified diff, file headers dropped. */
export function parseDiff(patch: string): DiffLine[] {
  const out: DiffLine[] = [];
  let o = 0;
  let n = 0;
  for (const l of patch.replace(/\n$/, '').split('\n')) {
    if (
      l.startsWith('--- ') ||
      l.startsWith('+++ ') ||
      l.startsWith('diff ') ||
      l.startsWith('index ') ||
      l.startsWith('Index: ') ||
      /^=+$/.test(l)
    )
      continue;
    const h = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@(.*)$/.exec(l);
    if (h) {
      o = Number(h[1]);
      n = Number(h[2]);
      out.push({ kind: 'hunk', text: l });
    } else if (l.startsWith('+')) out.push({ kind: 'add', text: l.slice(1), new: n++ });
    else if (l.startsWith('-')) out.push({ kind: 'del', text: l.slice(1), old: o++ });
    else if (l.startsWith('\\'))
      continue; // "\ No newline at end of file"
    else out.push({ kind: 'ctx', text: l.slice(1), old: o++, new: n++ });
  }
  return out;
}

/** Side-by-side rows: removals on the left paired with the additions that replaced them. */
export function sideBySide(lines: DiffLine[]): [DiffLine | undefined, DiffLine | undefined][] {
  const rows: [DiffLine | undefined, DiffLine | undefined][] = [];
  for (let i = 0; i < lines.length;) {
    const l = lines[i]!;
    if (l.kind === 'del' || l.kind === 'add') {
      const dels: DiffLine[] = [];
      const adds: DiffLine[] = [];
      while (lines[i]?.kind === 'del') dels.push(lines[i++]!);
      while (lines[i]?.kind === 'add') adds.push(lines[i++]!);
      for (let k = 0; k < Math.max(dels.length, adds.length); k++) rows.push([dels[k], adds[k]]);
    } else {
      rows.push([l, l]);
      i++;
    }
  }
  return rows;
}
