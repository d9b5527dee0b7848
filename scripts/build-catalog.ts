/**
 * Builds the bundled model catalog from three offline sources (genai-prices and models.dev, both
 * dev dependencies, and the LiteLLM snapshot in scripts/catalog/litellm-snapshot): `npm run build:catalog`.
 *
 * Writes resources/catalog.json (what the relay loads), resources/catalog-disagreements.json,
 * resources/CATALOG-SOURCE.md and resources/catalog-LICENSE.txt. Only this script reads the
 * sources; the app and the tests read the generated, committed files. Running it again on the same
 * inputs writes the same bytes.
 */
import { writeFileSync } from 'node:fs';
import { buildCatalogData } from './catalog/build-catalog-data.js';
import { renderCatalogFiles } from './catalog/render-catalog-files.js';

const data = await buildCatalogData();
for (const [name, text] of Object.entries(renderCatalogFiles(data)))
  writeFileSync(new URL(`../resources/${name}`, import.meta.url), text);

const { entries } = data.file;
const chat = entries.filter((entry) => entry.mode === 'chat');
console.log(
  `catalog: ${entries.length} entries (${chat.length} chat across ` +
    `${new Set(chat.map((entry) => entry.provider)).size} providers); ` +
    `${entries.filter((entry) => entry.input === undefined || entry.output === undefined).length} unpriced; ` +
    `${data.merged.disagreements.length} disagreements`,
);
