import { join } from 'node:path';
import type { CodingTool } from '../coding-tool.js';
import { yamlFormat } from '../formats/yaml-format.js';

/**
 * aider: `~/.aider.conf.yml`, through its OpenAI-compatible settings (LiteLLM's `openai/` prefix
 * sends the rest of the name to the relay as it is).
 */
export const aider: CodingTool = {
  id: 'aider',
  displayName: 'aider',
  files(place, target) {
    return [
      {
        path: join(place.home, '.aider.conf.yml'),
        format: yamlFormat,
        initial: '',
        settings: [
          { path: ['openai-api-base'], value: `${target.origin}/v1` },
          { path: ['openai-api-key'], value: target.key, clientKey: [] },
          { path: ['model'], value: `openai/${target.model}` },
          { path: ['weak-model'], value: `openai/${target.smallModel}` },
        ],
      },
    ];
  },
  notes: () => [
    'An .aider.conf.yml in a git repository or the current folder is read after this one: settings it repeats win.',
  ],
};
