import { TrailError } from '@trail/model';
import { JSON_VERSION, type ExportJson } from '@trail/api';
import { exportSession } from '../commands/export.js';
import type { UiData } from './data.js';

const TYPES: Record<string, string> = {
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  json: 'application/json',
};

/** The file `trail export <session> --format <format> [--policy <policy>]` writes, for the page's export button. */
export async function exportFile(
  data: UiData,
  session: string,
  format: string,
  policy: string | undefined,
): Promise<ExportJson> {
  if (!(format in TYPES))
    throw new TrailError(
      'USAGE',
      `export formats are md, html and json, not ${JSON.stringify(format)}`,
    );
  const { body } = await exportSession(session, {
    ...data.opts,
    format,
    ...(policy ? { policy } : {}),
  });
  return {
    version: JSON_VERSION,
    fileName: `trail-${session.slice(0, 8)}.${format}`,
    mediaType: TYPES[format]!,
    content: body,
  };
}
