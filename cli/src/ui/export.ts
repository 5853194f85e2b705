import { TrailError } from '@trail/model';
import type { ExportJson } from '@trail/api';
import type { UiData } from './data.js';

/**
 * The file `trail export <session> --format <format>` writes, for the page's export button.
 * `trail export` is being built beside this; until it lands the button answers that export is
 * unavailable, and this is the one place to connect it.
 */
export function exportFile(_data: UiData, session: string, format: string): Promise<ExportJson> {
  return Promise.reject(
    new TrailError(
      'EXPORT_UNAVAILABLE',
      `export is not available in this build of trail (session ${session.slice(0, 8)}, format ${format})`,
      { session, format },
    ),
  );
}
