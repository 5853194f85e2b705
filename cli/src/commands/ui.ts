import { spawn } from 'node:child_process';
import { startUiServer } from '../ui/server.js';
import { printJson, type GlobalOptions } from '../output.js';

interface UiOptions extends GlobalOptions {
  port?: number;
  open?: boolean;
}

/** `trail ui`: serves the web view on 127.0.0.1 until interrupted. */
export async function run(opts: UiOptions): Promise<void> {
  const ui = await startUiServer({
    ...opts,
    ...(opts.port !== undefined ? { port: opts.port } : {}),
  });
  if (opts.json) printJson({ url: ui.url, port: ui.port });
  else process.stdout.write(ui.url + '\n');
  if (!opts.quiet)
    process.stderr.write(
      'trail ui: serving on 127.0.0.1 only; the URL carries this run’s token. Ctrl-C stops it.\n',
    );
  if (opts.open !== false) openBrowser(ui.url);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await ui.close();
}

/** Opens the URL in the desktop's browser, when there is a desktop; never fails the command. */
export function openBrowser(url: string): void {
  const cmd =
    process.platform === 'darwin'
      ? ['open', url]
      : process.platform === 'win32'
        ? ['cmd', '/c', 'start', '', url]
        : process.env.DISPLAY || process.env.WAYLAND_DISPLAY
          ? ['xdg-open', url]
          : undefined;
  if (!cmd) return;
  try {
    const child = spawn(cmd[0]!, cmd.slice(1), { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // no opener: the printed URL is enough
  }
}
