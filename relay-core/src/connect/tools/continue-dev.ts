import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CodingTool, RelayTarget, ToolPlace } from '../coding-tool.js';
import { jsoncFormat } from '../formats/jsonc-format.js';
import { yamlFormat } from '../formats/yaml-format.js';

const folderOf = (place: ToolPlace) => place.env.CONTINUE_GLOBAL_DIR || join(place.home, '.continue');

const entry = (target: RelayTarget, name: 'name' | 'title') => ({
  [name]: 'Switchboard',
  provider: 'openai',
  model: target.model,
  apiBase: `${target.origin}/v1`,
  apiKey: target.key,
});

/**
 * Continue: a `Switchboard` model (provider openai, the relay as apiBase) in `~/.continue/config.yaml`
 * (the folder moves with CONTINUE_GLOBAL_DIR). Where only the older config.json exists, the entry
 * goes there instead: creating config.yaml would hide the user's config.json from Continue.
 */
export const continueDev: CodingTool = {
  id: 'continue',
  displayName: 'Continue',
  files(place, target) {
    const folder = folderOf(place);
    const yaml = join(folder, 'config.yaml');
    const json = join(folder, 'config.json');
    const older = !existsSync(yaml) && existsSync(json);
    // config.json names a model by `title`, config.yaml by `name`
    const name = older ? 'title' : 'name';
    return [
      {
        path: older ? json : yaml,
        format: older ? jsoncFormat : yamlFormat,
        initial: older ? '{}\n' : 'name: Local config\nversion: 1.0.0\nschema: v1\n',
        settings: [
          {
            path: ['models', { key: name, equals: 'Switchboard' }],
            value: entry(target, name),
            clientKey: ['apiKey'],
          },
        ],
      },
    ];
  },
  notes: () => ['Pick “Switchboard” in Continue’s model menu.'],
};
