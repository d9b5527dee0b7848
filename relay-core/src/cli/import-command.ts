import { readFileSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { loadConfig } from '../config/load-config.js';
import { applyImport, previewImport } from '../config/import/apply-import.js';
import type { ImportPreview } from '../config/import/apply-import.js';
import { exportLitellm } from '../config/import/export-litellm.js';
import { importSources } from '../config/import/import-plan.js';
import { isImportSource, parseImport } from '../config/import/parse-import.js';
import { createSecretStore } from '../secrets/create-secret-store.js';
import type { SecretStore } from '../secrets/types.js';

/** Where the import and export commands write: standard output and standard error, or test buffers. */
export interface CommandOutput {
  out(line: string): void;
  err(line: string): void;
}

const consoleOutput: CommandOutput = { out: (line) => console.log(line), err: (line) => console.error(line) };

function report(preview: ImportPreview, output: CommandOutput): void {
  output.out(
    preview.diff === '' ? 'config.yaml would not change.' : `Changes to config.yaml:\n${preview.diff}`,
  );
  if (preview.keys.length > 0)
    output.out(
      `\nKeys found in the file, for the secret store (never config.yaml): ${preview.keys.join(', ')}`,
    );
  if (preview.notes.length > 0)
    output.out(`\nNotes:\n${preview.notes.map((line) => `  - ${line}`).join('\n')}`);
  if (preview.untranslated.length > 0)
    output.out(`\nNot translated:\n${preview.untranslated.map((line) => `  - ${line}`).join('\n')}`);
}

async function confirm(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) return false;
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  const answer = await new Promise<string>((resolve) => rl.question(question, resolve));
  rl.close();
  return /^y(es)?$/i.test(answer.trim());
}

/**
 * `import <litellm|ccr|cc-switch> <file> [--yes]`: shows the change to config.yaml, the keys found
 * and what was not translated; applies it when confirmed (or with --yes), storing the keys in the
 * secret store.
 */
export async function importCommand(
  home: string,
  args: string[],
  options: { yes?: boolean; output?: CommandOutput; env?: NodeJS.ProcessEnv; secrets?: SecretStore } = {},
): Promise<void> {
  const output = options.output ?? consoleOutput;
  const env = options.env ?? process.env;
  const [source, file] = args;
  if (!isImportSource(source) || !file)
    throw new Error(`import needs a tool and a file: import <${importSources.join('|')}> <file>`);
  const plan = parseImport(source, readFileSync(file, 'utf8'));
  const { path } = loadConfig(home, env);
  const preview = previewImport(path, plan);
  report(preview, output);
  if (preview.diff === '' && preview.keys.length === 0) return;
  if (!options.yes && !(await confirm('\nApply this to config.yaml? [y/N] '))) {
    output.out('\nNothing was changed. Run again with --yes to apply.');
    return;
  }
  const secrets =
    options.secrets ??
    (await createSecretStore({ home, env, onWarning: (message) => output.err(`warning: ${message}`) }));
  const applied = await applyImport(path, plan, secrets);
  output.out(
    `\nImported into ${path}.` +
      (applied.keys.length > 0
        ? ` Stored keys for ${applied.keys.join(', ')} in the ${secrets.source === 'keychain' ? 'OS keychain' : secrets.source}.`
        : ''),
  );
}

/** `export litellm [file]`: an equivalent LiteLLM config.yaml, to the file or standard output. */
export async function exportCommand(
  home: string,
  args: string[],
  output: CommandOutput = consoleOutput,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  const [target, file] = args;
  if (target !== 'litellm') throw new Error('export writes a LiteLLM config: export litellm [file]');
  const { config } = loadConfig(home, env);
  const exported = exportLitellm(config);
  if (file) {
    // never over a file the user has: a LiteLLM config of their own may hold keys
    try {
      writeFileSync(file, exported.yaml, { flag: 'wx', mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST')
        throw new Error(`${file} already exists; choose another file name`);
      throw error;
    }
    output.err(`Wrote ${file}.`);
  } else output.out(exported.yaml);
  for (const note of exported.notes) output.err(`note: ${note}`);
}
