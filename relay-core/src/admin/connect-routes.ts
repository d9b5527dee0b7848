import { RelayError } from '../canonical/errors.js';
import { recentWindowMs } from '../connect/choose-models.js';
import { ConnectError } from '../connect/connect-error.js';
import { connectToolByName, disconnectToolByName, listTools } from '../connect/tool-connections.js';
import type { ConnectContext } from '../connect/tool-connections.js';
import type { AdminRoute } from '../server/create-server.js';
import type { AdminDeps } from './admin-deps.js';

function text(body: unknown, name: string, required: boolean): string | undefined {
  const value = (body as Record<string, unknown> | null | undefined)?.[name];
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'string' || value.trim() === '')
    throw new RelayError('BAD_REQUEST', `${name} must be a non-empty string`, { param: name });
  return value.trim();
}

/** A ConnectError as the UI shows it: its message as it is, with the field at fault. */
function asRelayError(error: unknown): unknown {
  if (!(error instanceof ConnectError)) return error;
  if (error.code === 'UNKNOWN_TOOL') return new RelayError('NOT_FOUND', error.message, { param: 'tool' });
  const param = error.code === 'NO_WORKING_MODEL' ? 'model' : 'tool';
  return new RelayError('BAD_REQUEST', error.message, { param });
}

/**
 * Coding tools (`/admin/tools*`): each tool's connection, last request and spend today, and
 * connecting or disconnecting it. The relay runs as the user on the user's machine, so it writes
 * the tools' settings files itself; like every admin route, only with the admin token.
 */
export function createConnectRoutes(deps: AdminDeps): Record<string, AdminRoute> {
  const context = async (): Promise<ConnectContext> => {
    if (!deps.tools)
      throw new RelayError('NOT_FOUND', 'connecting coding tools is not available in this relay');
    const { runtime } = deps;
    return {
      ...deps.tools,
      db: deps.db,
      history: deps.history,
      origin: deps.url(),
      models: {
        providers: runtime.providers,
        routes: runtime.routes,
        serves: runtime.serves,
        catalog: deps.catalog,
        regions: runtime.policy.regions,
        hasKey: async (provider) => (await runtime.getKey(provider)) !== undefined,
        recent: await deps.history.recentModels(Date.now() - recentWindowMs),
      },
    };
  };
  const route =
    (handler: (body: unknown) => unknown): AdminRoute =>
    async (_url, body) => {
      try {
        return await handler(body);
      } catch (error) {
        throw asRelayError(error);
      }
    };
  return {
    'GET /admin/tools': route(async () => ({
      endpoint: deps.url(),
      tools: await listTools(await context()),
    })),
    'POST /admin/tools/connect': route(async (body) =>
      connectToolByName(await context(), text(body, 'tool', true)!, {
        model: text(body, 'model', false),
        smallModel: text(body, 'smallModel', false),
      }),
    ),
    'POST /admin/tools/disconnect': route(async (body) =>
      disconnectToolByName(await context(), text(body, 'tool', true)!),
    ),
  };
}
