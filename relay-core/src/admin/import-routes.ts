import { readFileSync } from 'node:fs';
import { RelayError } from '../canonical/errors.js';
import { ConfigError } from '../config/config-error.js';
import { parseConfig } from '../config/load-config.js';
import { applyImport, previewImport } from '../config/import/apply-import.js';
import type { ImportPreview } from '../config/import/apply-import.js';
import { exportLitellm } from '../config/import/export-litellm.js';
import type { ImportPlan } from '../config/import/import-plan.js';
import { detectImportSource, isImportSource, parseImport } from '../config/import/parse-import.js';
import type { AdminRoute } from '../server/create-server.js';
import type { AdminDeps } from './admin-deps.js';
import { refusedEdit } from './config-routes.js';

/** `POST /admin/import/preview` and `/apply`: what the window shows; never a key, only whose. */
export type ImportView = Omit<ImportPreview, 'before' | 'after'>;

function planOf(body: unknown): ImportPlan {
  const fields = (body ?? {}) as Record<string, unknown>;
  if (typeof fields.text !== 'string' || fields.text.trim() === '')
    throw new RelayError('BAD_REQUEST', 'text must be the content of the file to import', { param: 'text' });
  const source =
    fields.source === undefined || fields.source === 'auto' ? detectImportSource(fields.text) : fields.source;
  if (!isImportSource(source))
    throw new RelayError(
      'BAD_REQUEST',
      fields.source === undefined
        ? 'this file is not a LiteLLM config.yaml, a claude-code-router config.json or a cc-switch provider list'
        : 'source must be litellm, ccr or cc-switch',
      { param: 'source' },
    );
  try {
    return parseImport(source, fields.text);
  } catch (error) {
    throw new RelayError('BAD_REQUEST', error instanceof Error ? error.message : String(error), {
      param: 'text',
    });
  }
}

const view = ({ before: _before, after: _after, ...rest }: ImportPreview): ImportView => rest;

/**
 * Import from another relay (the window's "Import" panel: choose a file, read the diff, apply) and
 * export to LiteLLM. The file's text comes in the body; keys found in it go to the secret store on
 * apply and never back out.
 */
export function createImportRoutes(deps: AdminDeps): Record<string, AdminRoute> {
  const path = () => {
    if (!deps.configPath) throw new RelayError('NOT_FOUND', 'this relay has no config file to edit');
    return deps.configPath;
  };
  const guarded = async (action: () => Promise<ImportView> | ImportView) => {
    try {
      return await action();
    } catch (error) {
      if (error instanceof ConfigError) return refusedEdit(error);
      throw error;
    }
  };
  return {
    'POST /admin/import/preview': (_url, body) => guarded(() => view(previewImport(path(), planOf(body)))),
    'POST /admin/import/apply': (_url, body) =>
      guarded(async () => {
        const applied = await applyImport(path(), planOf(body), deps.secrets);
        deps.forgetKeys?.();
        deps.reloadConfig?.();
        const { config: _config, ...preview } = applied;
        return view(preview);
      }),
    'GET /admin/export/litellm': () => exportLitellm(parseConfig(readFileSync(path(), 'utf8'), path())),
  };
}
