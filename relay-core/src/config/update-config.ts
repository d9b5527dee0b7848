import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import type { Document } from 'yaml';
import { ConfigError } from './config-error.js';
import { keepUnchangedSections } from './keep-unchanged-sections.js';
import { parseConfigDocument, syntaxIssues, validateDocument } from './load-config.js';
import type { Config } from './schema.js';

/**
 * Edits config.yaml round-trip through yaml's Document API: the user's comments and layout stay,
 * and a top-level section the edit did not change stays byte for byte. The result is validated
 * before anything is written, then written atomically (temp file + rename); an invalid edit throws
 * ConfigError and leaves the file as it was. Returns the new config (without environment overrides).
 */
export function updateConfigFile(path: string, mutate: (document: Document) => void): Config {
  return writeConfigText(path, previewConfigEdit(path, mutate).after);
}

/**
 * The text config.yaml would have after `mutate`, edited as updateConfigFile edits it and
 * validated, without writing it: for a change the user reviews before it is applied.
 */
export function previewConfigEdit(
  path: string,
  mutate: (document: Document) => void,
): { before: string; after: string; config: Config } {
  const original = readFileSync(path, 'utf8');
  const document = parseConfigDocument(original, path);
  if (document.errors.length > 0) throw new ConfigError(path, syntaxIssues(document));
  const before = document.toJS() as Record<string, unknown> | null;
  mutate(document);
  const after = document.toJS() as Record<string, unknown> | null;
  // `[a, b]`, as the default file and its comments write flow lists
  const text = keepUnchangedSections(original, document.toString({ flowCollectionPadding: false }), (key) =>
    isDeepStrictEqual(before?.[key], after?.[key]),
  );
  return { before: original, after: text, config: validateDocument(parseConfigDocument(text, path), path) };
}

/**
 * Replaces config.yaml with `text` (the UI's YAML view) after validating it; written atomically.
 * An invalid text throws ConfigError and leaves the file as it was.
 */
export function writeConfigText(path: string, text: string): Config {
  // validate what will be on disk, as the next load will read it
  const config = validateDocument(parseConfigDocument(text, path), path);
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    writeFileSync(temp, text, { mode: 0o600, flag: 'wx' });
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  return config;
}
