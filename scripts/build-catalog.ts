/**
 * Builds resources/catalog.json from LiteLLM's public price snapshot. Developers run it when the
 * snapshot changes (`npm run build:catalog [-- path/to/model_prices_and_context_window.json]`);
 * the app and the tests read only the generated, committed file.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { normalizeLitellm } from '../relay-core/src/catalog/normalize-litellm.js';

const input =
  process.argv[2] ??
  new URL('../../shared/catalog/model_prices_and_context_window.json', import.meta.url).pathname;
const generatedFrom = {
  source: 'litellm',
  repository: 'BerriAI/litellm',
  commit: 'caddc6dd0fc26931b3fcc4e91e81a3d90080f3ef',
  date: '2025-11-21',
  license: 'MIT',
};
const json = JSON.parse(readFileSync(input, 'utf8')) as Record<string, unknown>;
const entries = normalizeLitellm(json, { name: generatedFrom.source, date: generatedFrom.date });
// one entry per line keeps diffs of future refreshes readable
const text = `{"generatedFrom":${JSON.stringify(generatedFrom)},"entries":[\n${entries.map((entry) => JSON.stringify(entry)).join(',\n')}\n]}\n`;
writeFileSync(new URL('../resources/catalog.json', import.meta.url), text);
const chat = entries.filter((entry) => entry.mode === 'chat');
console.log(
  `catalog: ${entries.length} entries (${chat.length} chat) across ${new Set(entries.map((e) => e.provider)).size} providers; ${
    entries.filter((e) => e.input === undefined).length
  } without prices`,
);
