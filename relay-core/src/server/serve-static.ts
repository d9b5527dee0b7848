import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/** The renderer's CSP: same-origin only, no inline scripts, no framing. */
export const uiContentSecurityPolicy =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * Serves the built renderer under `/ui`. Paths are normalised and must stay inside `root`
 * (no `..` traversal, no encoded separators); unknown paths fall back to index.html for the SPA.
 */
export async function serveStatic(root: string, urlPath: string, response: ServerResponse): Promise<boolean> {
  let relative: string;
  try {
    relative = decodeURIComponent(urlPath.replace(/^\/ui\/?/, ''));
  } catch {
    return false;
  }
  if (relative.includes('\0') || relative.includes('\\')) return false;
  const resolvedRoot = normalize(root + sep);
  let file = normalize(join(resolvedRoot, relative || 'index.html'));
  if (!file.startsWith(resolvedRoot)) return false;
  let info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) {
    if (extname(relative) !== '') return false;
    file = join(resolvedRoot, 'index.html');
    info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) return false;
  }
  response.writeHead(200, {
    'content-type': types[extname(file)] ?? 'application/octet-stream',
    'content-length': info.size,
    'content-security-policy': uiContentSecurityPolicy,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cache-control': file.endsWith('index.html') ? 'no-cache' : 'public, max-age=31536000, immutable',
  });
  createReadStream(file).pipe(response);
  return true;
}
