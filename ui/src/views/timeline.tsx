import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { SessionDetail, TimelinePage, TimelineRow } from '@trail/api';
import { get, qs } from '../api.js';
import { isTyping } from '../app.js';
import { useVirtualizer } from '../components/virtual.js';
import { ErrorNote } from '../components/notes.js';
import { EventRow } from '../components/event-row.js';

const PAGE = 400;

/** Where to open the timeline: an event id, a tool call id, a prompt number or an event's seq. */
export interface Focus {
  at?: string | undefined;
  prompt?: string | undefined;
  seq?: string | undefined;
}

/** A session's events, subagent work nested under the call that started it; virtualised. */
export function Timeline({ session, focus }: { session: SessionDetail; focus: Focus }) {
  const { rows, total, focusAt, error } = useTimeline(session.id, focus);
  const [collapsed, setCollapsed] = useState<ReadonlySet<number>>(new Set());
  const [selected, setSelected] = useState(0);
  const scroller = useRef<HTMLDivElement>(null);
  const visible = useMemo(() => {
    const out: number[] = [];
    for (let i = 0; i < rows.length; i++) {
      out.push(i);
      if (collapsed.has(i)) i += rows[i]!.nested ?? 0;
    }
    return out;
  }, [rows, collapsed]);
  const v = useVirtualizer({
    count: visible.length,
    estimateSize: () => 56,
    getScrollElement: () => scroller.current,
    overscan: 10,
    getItemKey: (i) => rows[visible[i]!]?.event.seq ?? i,
  });
  const scrolled = useRef(false);
  useEffect(() => {
    if (scrolled.current || focusAt === undefined || focusAt >= rows.length) return;
    scrolled.current = true;
    const i = visible.indexOf(focusAt);
    setSelected(Math.max(0, i));
    requestAnimationFrame(() => v.scrollToIndex(Math.max(0, i), { align: 'start' }));
  }, [focusAt, rows.length]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTyping(e.target) || e.metaKey || e.ctrlKey || e.altKey || !visible.length) return;
      if (e.key !== 'j' && e.key !== 'k') return;
      e.preventDefault();
      const next = Math.max(0, Math.min(visible.length - 1, selected + (e.key === 'j' ? 1 : -1)));
      setSelected(next);
      v.scrollToIndex(next, { align: 'auto' });
      document.getElementById(`ev-${next}`)?.focus({ preventScroll: true });
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  });
  if (error) return <ErrorNote error={error} />;
  const prompts = new Map(session.prompts.map((p) => [p.index, p.text]));
  return (
    <section class="timeline" aria-label="Timeline">
      <p class="count" aria-live="polite">
        {total === undefined
          ? 'Loading timeline…'
          : `${total.toLocaleString()} event${total === 1 ? '' : 's'}${rows.length < total ? ` (${rows.length.toLocaleString()} loaded)` : ''}`}
        <span class="hint"> · j/k to move, Enter to expand</span>
      </p>
      <div
        class="scroller tall"
        ref={scroller}
        role="feed"
        aria-label="Session events"
        aria-busy={total === undefined || rows.length < total}
      >
        <div style={{ height: `${v.getTotalSize()}px`, position: 'relative' }}>
          {v.getVirtualItems().map((it) => {
            const index = visible[it.index]!;
            const row = rows[index]!;
            return (
              <div
                key={it.key}
                data-index={it.index}
                ref={v.measureElement}
                class="ev-slot"
                style={{ transform: `translateY(${it.start}px)` }}
              >
                <EventRow
                  id={`ev-${it.index}`}
                  session={session}
                  row={row}
                  promptText={
                    row.event.kind === 'prompt' && !row.event.agentId
                      ? prompts.get(row.event.promptNo)
                      : undefined
                  }
                  selected={it.index === selected}
                  focused={index === focusAt}
                  collapsed={collapsed.has(index)}
                  onSelect={() => setSelected(it.index)}
                  onToggleNested={() => {
                    const next = new Set(collapsed);
                    if (!next.delete(index)) next.add(index);
                    setCollapsed(next);
                  }}
                />
              </div>
            );
          })}
        </div>
      </div>
    </section>
  );
}

/** Loads a timeline page by page: the first page renders at once, the rest follow. */
function useTimeline(id: string, focus: Focus) {
  const [rows, setRows] = useState<TimelineRow[]>([]);
  const [total, setTotal] = useState<number>();
  const [focusAt, setFocusAt] = useState<number>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    let stop = false;
    setRows([]);
    setTotal(undefined);
    setFocusAt(undefined);
    void (async () => {
      try {
        let all: TimelineRow[] = [];
        for (let offset = 0; !stop; offset += PAGE) {
          const page = await get<TimelinePage & { focus?: number }>(
            `/api/sessions/${encodeURIComponent(id)}/timeline${qs({ offset, limit: PAGE, ...(offset === 0 ? focus : {}) })}`,
          );
          if (stop) return;
          all = all.concat(page.rows);
          setRows(all);
          setTotal(page.total);
          if (offset === 0 && page.focus !== undefined) setFocusAt(page.focus);
          if (all.length >= page.total || page.rows.length === 0) return;
        }
      } catch (e) {
        if (!stop) setError(e);
      }
    })();
    return () => {
      stop = true;
    };
  }, [id, focus.at, focus.prompt, focus.seq]);
  return { rows, total, focusAt, error };
}
