import { parse as parseJsonc } from 'jsonc-parser';
import { parse as parseYaml } from 'yaml';
import { isPlainObject } from '../../shared/is-plain-object.js';
import { importCcSwitch } from './import-cc-switch.js';
import { importCcr } from './import-ccr.js';
import { importLitellm } from './import-litellm.js';
import { importSources } from './import-plan.js';
import type { ImportPlan, ImportSource } from './import-plan.js';

const importers: Record<ImportSource, (text: string) => ImportPlan> = {
  litellm: importLitellm,
  ccr: importCcr,
  'cc-switch': importCcSwitch,
};

/** True for one of the names `import` takes (`litellm`, `ccr`, `cc-switch`). */
export function isImportSource(value: unknown): value is ImportSource {
  return typeof value === 'string' && (importSources as readonly string[]).includes(value);
}

/** Translates another tool's configuration file; throws an Error naming the tool when it is not one. */
export function parseImport(source: ImportSource, text: string): ImportPlan {
  return importers[source](text);
}

/** Which tool wrote this file, by the sections only that tool has; undefined when none fits. */
export function detectImportSource(text: string): ImportSource | undefined {
  const json: unknown = parseJsonc(text, [], { allowTrailingComma: true });
  if (isPlainObject(json) || Array.isArray(json)) {
    if (isPlainObject(json) && (Array.isArray(json.Providers) || isPlainObject(json.Router))) return 'ccr';
    if (text.includes('"settingsConfig"')) return 'cc-switch';
    if (isPlainObject(json) && Array.isArray(json.providers) && isPlainObject(json.router)) return 'ccr';
  }
  try {
    const yaml: unknown = parseYaml(text);
    if (isPlainObject(yaml) && Array.isArray(yaml.model_list)) return 'litellm';
  } catch {
    // not YAML either
  }
  return undefined;
}
