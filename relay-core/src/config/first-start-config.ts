import { defaultConfigText } from './default-config.js';

/** A provider the first start writes into config.yaml, with how it was found (never a key). */
export interface FirstStartProvider {
  id: string;
  baseUrl?: string;
  found: string;
}

const emptyProviders = 'providers: []\n';

/** A YAML plain scalar where it is one, else a double-quoted string. */
function scalar(text: string): string {
  return /^[\w./:@[\]-]+$/.test(text) && !/^[\d.]+$/.test(text) ? text : JSON.stringify(text);
}

/**
 * The commented default config.yaml with the providers the first start found under `providers:`,
 * each commented with how it was found. With none, the default as it is.
 */
export function firstStartConfigText(providers: readonly FirstStartProvider[]): string {
  if (providers.length === 0) return defaultConfigText;
  const lines = [
    'providers:',
    '  # found on the first start; their keys stay where they were found',
    ...providers.flatMap((provider) => [
      `  - id: ${scalar(provider.id)}   # ${provider.found.replace(/\n/g, ' ')}`,
      ...(provider.baseUrl ? [`    base_url: ${scalar(provider.baseUrl)}`] : []),
    ]),
  ];
  return defaultConfigText.replace(emptyProviders, `${lines.join('\n')}\n`);
}
