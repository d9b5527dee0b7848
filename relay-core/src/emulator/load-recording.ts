import { loadCassette } from './load-cassette.js';
import { loadChunks, loadJson, loadPlainChunks, loadSse, loadTypedChunks } from './load-fixture-file.js';

import type { Recording } from './recording.js';

// The recordings ship in resources/ beside the bundles (as resources/catalog.json does), so they are
// found from the source checkout, from the relay's bundle and from the packaged app alike.
const fixtures = new URL('../../../resources/recordings/', import.meta.url);
const cache = new Map<string, Recording>();

/**
 * Loads (once) a recording by its reference `<kind>:<path under resources/recordings/>`: `chunks:`,
 * `anthropic-chunks:` / `typed-chunks:`, `chunks-plain:`, `sse:`, `json:`, `json@<status>:` or
 * `cassette:<path>#<interaction>`.
 */
export function loadRecording(reference: string): Recording {
  const cached = cache.get(reference);
  if (cached) return cached;
  const [kind, rest] = reference.split(/:(.*)/s) as [string, string | undefined];
  if (rest === undefined) throw new Error(`not a recording reference: ${reference}`);
  const [path, interaction] = rest.split('#') as [string, string | undefined];
  const file = new URL(path, fixtures);
  let recording: Recording;
  if (kind === 'chunks') recording = loadChunks(file);
  else if (kind === 'anthropic-chunks' || kind === 'typed-chunks') recording = loadTypedChunks(file);
  else if (kind === 'chunks-plain') recording = loadPlainChunks(file);
  else if (kind === 'sse') recording = loadSse(file);
  else if (kind === 'json') recording = loadJson(file);
  else if (kind.startsWith('json@')) recording = loadJson(file, Number(kind.slice('json@'.length)));
  else if (kind === 'cassette') recording = loadCassette(file, Number(interaction ?? 0));
  else throw new Error(`unknown recording kind '${kind}' in ${reference}`);
  cache.set(reference, recording);
  return recording;
}
