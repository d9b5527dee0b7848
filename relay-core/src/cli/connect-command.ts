import { homedir } from 'node:os';
import { join } from 'node:path';
import { createCatalog, readCatalogFile } from '../catalog/load-catalog.js';
import { loadRefreshed, mergeRefreshed } from '../catalog/refresh-catalog.js';
import { loadConfig } from '../config/load-config.js';
import { recentWindowMs } from '../connect/choose-models.js';
import { ConnectError } from '../connect/connect-error.js';
import { relayOrigin } from '../connect/relay-origin.js';
import { connectToolByName, disconnectToolByName, listTools } from '../connect/tool-connections.js';
import type { ConnectContext } from '../connect/tool-connections.js';
import { resolveProviders } from '../routing/resolve-providers.js';
import type { ResolvedProvider } from '../providers/types.js';
import { createSecretStore } from '../secrets/create-secret-store.js';
import { routesOf } from '../routing/routes-of.js';
import { servesFrom } from '../routing/check-catalog.js';
import { openDatabase } from '../store/open-database.js';
import { createSqliteHistoryStore } from '../store/sqlite-history-store.js';

/** How the relay a tool is pointed at was started, where that differs from config.yaml. */
interface RelayStart {
  /** `--demo`: provider `demo` is there too. */
  demo?: boolean;
  port?: number;
  host?: string;
}

/** The context of `connect`/`disconnect` from the command line: config.yaml, the history, the keys. */
async function loadContext(
  home: string,
  env: NodeJS.ProcessEnv,
  start: RelayStart,
): Promise<ConnectContext & { close(): void }> {
  const { config } = loadConfig(home, env);
  // the demo's upstream is started by the relay itself: its address is not this command's concern
  const demo = start.demo
    ? [(await import('./start-demo-upstream.js')).demoProvider('http://127.0.0.1/demo/v1')]
    : [];
  const warn = (message: string) => console.error(`warning: ${message}`);
  const refreshed = loadRefreshed(home, warn);
  const catalog = createCatalog(mergeRefreshed(readCatalogFile(), refreshed), refreshed?.refreshedAt);
  const keyEnv = (id: string) => config.providers.find((provider) => provider.id === id)?.key_env;
  const secrets = await createSecretStore({ home, env, onWarning: warn, keyEnv });
  const keys = new Map<string, Promise<boolean>>();
  const hasKey = (provider: ResolvedProvider) => {
    if (!keys.has(provider.id)) keys.set(provider.id, secrets.resolve(provider.id).then(Boolean));
    return keys.get(provider.id)!;
  };
  const db = openDatabase(join(home, 'switchboard.db'));
  const history = createSqliteHistoryStore(db);
  return {
    place: { home: homedir(), env },
    dataHome: home,
    db,
    history,
    origin: relayOrigin(start.host ?? config.server.host, start.port ?? config.server.port),
    models: {
      providers: resolveProviders([...config.providers, ...demo]),
      routes: routesOf(config),
      serves: servesFrom(() => catalog),
      catalog,
      regions: config.policy.regions,
      hasKey,
      recent: await history.recentModels(Date.now() - recentWindowMs),
    },
    close: () => db.close(),
  };
}

const when = (time: number | undefined) => (time === undefined ? '-' : new Date(time).toISOString());

async function printList(context: ConnectContext): Promise<void> {
  const tools = await listTools(context);
  const rows = [
    ['tool', 'state', 'model', 'last request', 'today'],
    ...tools.map((tool) => [
      tool.id,
      tool.state === 'not-connected'
        ? 'not connected'
        : tool.elsewhere
          ? `${tool.state} (to ${tool.origin})`
          : tool.state,
      tool.model ?? '-',
      when(tool.lastRequestAt),
      tool.requestsToday === 0 ? '-' : `$${tool.spentTodayUsd.toFixed(4)} (${tool.requestsToday} requests)`,
    ]),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  for (const row of rows)
    console.log(
      row
        .map((cell, column) => cell.padEnd(widths[column]!))
        .join('  ')
        .trimEnd(),
    );
  const working = [...new Set(tools.flatMap((tool) => tool.working.map((model) => model.name)))];
  console.log(
    working.length > 0
      ? `\nModels that work here: ${working.join(', ')}`
      : '\nNo model works yet: add a provider and its key (npm run relay -- secrets set <provider>); to a relay started with --demo, add --demo.',
  );
  console.log('Connect one: npm run relay -- connect <tool> [--model <name>] [--small-model <name>]');
}

/**
 * `connect <tool> [--model m] [--small-model m]`, `connect --list` and `disconnect <tool>`: point a
 * coding tool at the relay by writing its own settings, and undo it.
 */
export async function connectCommand(
  home: string,
  command: 'connect' | 'disconnect',
  args: string[],
  flags: { list?: boolean; model?: string; smallModel?: string } & RelayStart,
): Promise<void> {
  const context = await loadContext(home, process.env, flags);
  try {
    const [tool] = args;
    if (command === 'connect' && (flags.list || tool === undefined)) return await printList(context);
    if (tool === undefined) throw new Error('disconnect needs a tool, e.g. `disconnect claude-code`');
    if (command === 'disconnect') {
      const report = disconnectToolByName(context, tool);
      console.log(`Disconnected ${report.displayName}.`);
      for (const file of report.files) {
        if (file.action === 'kept-edits')
          console.log(
            `  ${file.path}: took out the relay's settings and kept your edits${file.kept?.length ? `; left as you changed them: ${file.kept.join(', ')}` : ''}`,
          );
        else console.log(`  ${file.action} ${file.path}`);
      }
      if (report.keyRevoked) console.log(`  revoked client key '${report.tool}'`);
      return;
    }
    const report = await connectToolByName(context, tool, {
      model: flags.model,
      smallModel: flags.smallModel,
    }).catch((error: unknown) => {
      // provider `demo` lives only in a relay started with --demo: this command knows it when told
      if (error instanceof ConnectError && error.code === 'NO_WORKING_MODEL' && !flags.demo)
        error.message += '. To a relay started with --demo, connect with --demo (and its --port) too';
      throw error;
    });
    const small = report.smallModel === report.model ? '' : `, small model '${report.smallModel}'`;
    console.log(`Connected ${report.displayName} to ${report.origin} with model '${report.model}'${small}.`);
    for (const file of report.files) console.log(`  ${file.action} ${file.path}`);
    console.log(`  client key '${report.keyName}': ${report.key} (written into the settings, not shown)`);
    console.log(`  backups and a record of the change: ${join(home, 'connections', report.tool)}`);
    for (const note of report.notes) console.log(`  ${note}`);
    console.log(`Undo with: npm run relay -- disconnect ${report.tool}`);
  } finally {
    context.close();
  }
}
