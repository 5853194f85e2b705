import { ApiError } from '../api.js';

/** An error from the API, in words. */
export function ErrorNote({ error }: { error: unknown }) {
  const msg =
    error instanceof ApiError
      ? error.message
      : error instanceof Error
        ? error.message
        : String(error);
  return (
    <div class="note error" role="alert">
      {msg}
    </div>
  );
}

/** How many secrets the server hid, and the deliberate click that reveals them on this machine. */
export function RedactionNote({
  count,
  revealed,
  onReveal,
}: {
  count: number;
  revealed: boolean;
  onReveal: () => void;
}) {
  if (revealed)
    return (
      <div class="note warn" role="status">
        Secrets revealed on this page. Reload to hide them again.
      </div>
    );
  if (!count) return null;
  return (
    <div class="note" role="status">
      {count} secret{count === 1 ? ' is' : 's are'} hidden as <code>[REDACTED:…]</code>.{' '}
      <button type="button" class="button small" onClick={onReveal}>
        Reveal here
      </button>
    </div>
  );
}
