import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import type { Document } from 'yaml';
import { ConfigError } from './config-error.js';
import { parseConfig } from './load-config.js';

/**
 * Edits config.yaml round-trip: the user's comments and layout stay. The result is validated
 * before it is written (atomically); an invalid edit throws ConfigError and leaves the file as it was.
 */
export function updateConfigFile(path: string, mutate: (document: Document) => void): void {
  const document = parseDocument(readFileSync(path, 'utf8'));
  if (document.errors.length > 0)
    throw new ConfigError(path, [{ path: '', message: document.errors[0]!.message }]);
  mutate(document);
  const text = document.toString();
  parseConfig(text, path);
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, text, { mode: 0o600 });
  renameSync(temp, path);
}
