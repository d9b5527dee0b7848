#!/usr/bin/env node
/**
 * Headless command line: `npm run relay [-- --demo] [--port N] [--host H]`, `serve --config <file>`
 * (the relay as a service), plus
 * `keys create|list|revoke` (client keys), `secrets set|list|delete` (provider keys),
 * `connect|disconnect <tool>` (a coding tool's own settings) and `import`/`export` (another
 * relay's configuration).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultHome } from './config/default-home.js';
import { createSecretStore } from './secrets/create-secret-store.js';
import { keyNamePattern, parseKeyAccount } from './secrets/named-keys.js';
import { openDatabase } from './store/open-database.js';
import { countClientKeys, createClientKey, listClientKeys, revokeClientKey } from './store/client-keys.js';
import { startRelay } from './start-relay.js';
import { addProviderHint, describeFirstStart } from './discovery/describe-first-start.js';
import { readSecretFromStdin } from './cli/read-secret.js';
import { connectCommand } from './cli/connect-command.js';
import { codingTools } from './connect/coding-tools.js';
import { exportCommand, importCommand } from './cli/import-command.js';
import { serveCommand, ServeUsageError } from './cli/serve-command.js';

const usage = `Usage:
  npm run relay [-- --demo] [--port N] [--host H]   start the relay (UI at /ui)
  npm run relay -- serve --config <file> [--home <folder>]
                                                    run as a service: binds what the config says, data
                                                    beside the config (or in --home); /health, /ready
  npm run relay -- keys create <name>               create a client key (shown once)
  npm run relay -- keys list | keys revoke <name>
  npm run relay -- secrets set <provider>[:<name>]  store a provider key (read from stdin); a
                                                    name adds another key (openai:work)
  npm run relay -- secrets list | secrets delete <provider>[:<name>]
  npm run relay -- connect <tool> [--model <name>] [--small-model <name>]
                                                    point a coding tool at the relay (its own settings;
                                                    tools: ${codingTools.map((tool) => tool.id).join(', ')})
  npm run relay -- connect --list                   each tool's state, last request and spend today
  npm run relay -- disconnect <tool>                give the tool's settings back as they were
  npm run relay -- import <litellm|ccr|cc-switch> <file> [--yes]
                                                    add another relay's providers, routes and keys
                                                    (shows the change to config.yaml first)
  npm run relay -- export litellm [file]            an equivalent LiteLLM config.yaml (no keys)
  --home <folder>                                   the data folder (default SWITCHBOARD_HOME or the
                                                    OS app-data folder)`;

function fail(message: string): never {
  console.error(`switchboard: ${message}`);
  process.exit(2);
}

async function keysCommand(home: string, args: string[]): Promise<void> {
  // config.yaml is left for the relay's first start to write, with the providers it finds
  mkdirSync(home, { recursive: true, mode: 0o700 });
  const db = openDatabase(join(home, 'switchboard.db'));
  try {
    const [action, name] = args;
    if (action === 'create') {
      if (!name) fail('keys create needs a name, e.g. `keys create laptop`');
      const { key } = createClientKey(db, name);
      console.log(
        `Created client key '${name}'. It is shown only now; store it somewhere safe:\n\n  ${key}\n`,
      );
    } else if (action === 'list') {
      const keys = listClientKeys(db);
      if (keys.length === 0)
        console.log('No client keys yet. Create one with `npm run relay -- keys create <name>`.');
      for (const key of keys) {
        const state = key.revokedAt ? 'revoked' : 'active';
        console.log(
          `${key.name}\t${key.prefix}…\t${state}\tcreated ${new Date(key.createdAt).toISOString()}`,
        );
      }
    } else if (action === 'revoke') {
      if (!name) fail('keys revoke needs a name');
      if (!revokeClientKey(db, name)) fail(`no active client key named '${name}'`);
      console.log(`Revoked client key '${name}'. A running relay refuses it within a second.`);
    } else fail(`unknown keys action '${action ?? ''}'\n${usage}`);
  } finally {
    db.close();
  }
}

async function secretsCommand(home: string, args: string[]): Promise<void> {
  const store = await createSecretStore({
    home,
    onWarning: (message: string) => console.error(`warning: ${message}`),
  });
  const [action, provider] = args;
  if (provider?.includes(':') && !keyNamePattern.test(parseKeyAccount(provider).name))
    fail('a key name is lower-case letters, digits, - or _, e.g. `secrets set openai:work`');
  if (action === 'set') {
    if (!provider) fail('secrets set needs a provider id, e.g. `secrets set openai`');
    const key = await readSecretFromStdin(`API key for ${provider}: `);
    if (!key) fail('no key given on stdin');
    await store.set(provider, key);
    console.log(
      `Stored the key for '${provider}' in the ${store.source === 'keychain' ? 'OS keychain' : store.source}.`,
    );
  } else if (action === 'list') {
    const entries = await store.describe();
    if (entries.length === 0)
      console.log('No provider keys found (keychain, environment or encrypted file).');
    for (const entry of entries) console.log(`${entry.provider}\t${entry.source}`);
  } else if (action === 'delete') {
    if (!provider) fail('secrets delete needs a provider id');
    console.log(
      (await store.delete(provider))
        ? `Deleted the key for '${provider}'.`
        : `No stored key for '${provider}'.`,
    );
  } else fail(`unknown secrets action '${action ?? ''}'\n${usage}`);
}

/** `--port` as a number, when given; a value that is not a port ends the command. */
function portOf(flag: string | undefined): number | undefined {
  const port = flag === undefined ? undefined : Number(flag);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535))
    fail(`invalid --port '${flag}'`);
  return port;
}

async function runRelay(home: string, flags: { demo: boolean; port?: string; host?: string }): Promise<void> {
  const port = portOf(flags.port);
  // loaded only for the demo, so a relay without it never loads the emulator
  const demo = flags.demo
    ? await (await import('./cli/start-demo-upstream.js')).startDemoUpstream()
    : undefined;
  const relay = await startRelay({
    home,
    port,
    host: flags.host,
    extraProviders: demo ? [demo.provider] : [],
    // the demo is a sandbox of recorded answers: real keys are not looked for
    detectProviders: !demo,
  });
  const lines = [`Switchboard relay listening on ${relay.url}  (data: ${relay.home})`];
  if (relay.firstStart) lines.push(...describeFirstStart(relay.firstStart, relay.configPath));
  else if (relay.runtime.providers.length === 0) lines.push(...addProviderHint(relay.configPath));
  if (demo) lines.push(`Demo mode: provider 'demo' replays recorded traffic; try model 'demo/gpt-4.1-nano'.`);
  if (!process.env.SWITCHBOARD_API_KEY && countClientKeys(relay.db) === 0) {
    const { key } = createClientKey(relay.db, 'default');
    lines.push(`First start: created client key 'default' (shown only now):  ${key}`);
  }
  lines.push(`OpenAI SDK:  OPENAI_BASE_URL=${relay.url}/v1 OPENAI_API_KEY=<client key>`);
  lines.push(`UI:          ${relay.url}/ui/#token=${relay.adminToken}`);
  console.log(lines.join('\n'));
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.error(`switchboard: ${signal}: flushing history and closing`);
    await relay.close();
    await demo?.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      demo: { type: 'boolean', default: false },
      port: { type: 'string' },
      host: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
      list: { type: 'boolean', default: false },
      model: { type: 'string' },
      'small-model': { type: 'string' },
      yes: { type: 'boolean', short: 'y', default: false },
      config: { type: 'string' },
      home: { type: 'string' },
    },
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  const [command, ...rest] = positionals;
  if (command === 'serve') {
    if (values.demo || values.port !== undefined || values.host !== undefined)
      fail(
        'serve binds server.host and server.port from its config file (or SWITCHBOARD_HOST / SWITCHBOARD_PORT)',
      );
    await serveCommand({ config: values.config, home: values.home });
    return;
  }
  if (values.config !== undefined) fail('--config is for `serve`; other commands read config.yaml in --home');
  const relayFlags = values.demo || values.port !== undefined || values.host !== undefined;
  if (relayFlags && command !== undefined && command !== 'connect')
    fail(
      '--demo, --port and --host are for starting the relay, and for `connect` to a relay started with them',
    );
  const home = values.home ?? defaultHome(process.env, process.platform);
  if (command === 'keys') await keysCommand(home, rest);
  else if (command === 'secrets') await secretsCommand(home, rest);
  else if (command === 'connect' || command === 'disconnect')
    await connectCommand(home, command, rest, {
      list: values.list,
      model: values.model,
      smallModel: values['small-model'],
      demo: values.demo,
      port: portOf(values.port),
      host: values.host,
    });
  else if (command === 'import') await importCommand(home, rest, { yes: values.yes });
  else if (command === 'export') await exportCommand(home, rest);
  else if (command === undefined) await runRelay(home, values);
  else fail(`unknown command '${command}'\n${usage}`);
}

main().catch((error: unknown) => {
  console.error(`switchboard: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(error instanceof ServeUsageError ? 2 : 1);
});
