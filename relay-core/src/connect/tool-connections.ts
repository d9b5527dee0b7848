import type Database from 'better-sqlite3';
import type { HistoryReads } from '../store/history-store.js';
import { displayPath } from './apply-settings.js';
import { chooseModels, modelLimits, workingModels } from './choose-models.js';
import type { ModelSource, WorkingModel } from './choose-models.js';
import type { ToolPlace } from './coding-tool.js';
import { codingTools, findTool } from './coding-tools.js';
import { connectTool, newFileText } from './connect-tool.js';
import type { ConnectReport } from './connect-tool.js';
import { describeConnection } from './describe-connection.js';
import type { ToolConnection } from './describe-connection.js';
import { disconnectTool } from './disconnect-tool.js';
import type { DisconnectReport } from './disconnect-tool.js';

/** Everything connecting needs: where the tools live, the relay's data, address and models. */
export interface ConnectContext {
  place: ToolPlace;
  /** The relay's data folder (backups, records) and its history. */
  dataHome: string;
  db: Database.Database;
  /** The request history (each tool's latest request and spend today). */
  history: Pick<HistoryReads, 'clientActivity'>;
  /** Where the relay listens, without `/v1`. */
  origin: string;
  models: ModelSource;
  now?: () => number;
}

/** A tool as the window and `connect --list` show it. */
export interface ToolView extends ToolConnection {
  /** Connected to another address than the relay's current one (the port changed): connect again. */
  elsewhere: boolean;
  /** The latest request from the tool's key, from the history. */
  lastRequestAt?: number;
  /** Its priced spend and requests today (UTC day, as client budgets count). */
  spentTodayUsd: number;
  requestsToday: number;
  /** Model names that work for this tool, best first; connect's default is the first. */
  working: WorkingModel[];
  /** What connect would write into each file, with `<client key>` for the key: to set it up by hand. */
  snippets: Array<{ path: string; text: string }>;
}

const dayMs = 86_400_000;

/** Every tool with its connection, activity, working models and setup snippets. */
export async function listTools(context: ConnectContext): Promise<ToolView[]> {
  const now = (context.now ?? Date.now)();
  const activity = await context.history.clientActivity(
    codingTools.map((tool) => tool.id),
    Math.floor(now / dayMs) * dayMs,
  );
  return Promise.all(
    codingTools.map(async (tool) => {
      const connection = describeConnection(tool, context.place, context.dataHome);
      const working = await workingModels(context.models, tool.id);
      const used = activity.get(tool.id);
      const first = working[0];
      const snippets = first
        ? tool
            .files(context.place, {
              origin: context.origin,
              key: '<client key>',
              model: first.name,
              smallModel: first.smallModel,
            })
            .map((file) => ({
              path: displayPath(file.path, context.place.home),
              text: newFileText(file, context.place.home),
            }))
        : [];
      return {
        ...connection,
        elsewhere: connection.origin !== undefined && connection.origin !== context.origin,
        ...(used?.lastRequestAt === undefined ? {} : { lastRequestAt: used.lastRequestAt }),
        spentTodayUsd: used?.spentUsd ?? 0,
        requestsToday: used?.requests ?? 0,
        working,
        snippets,
      };
    }),
  );
}

/** Connects a tool with the models asked for, or the first that works for it. */
export async function connectToolByName(
  context: ConnectContext,
  id: string,
  asked: { model?: string; smallModel?: string } = {},
): Promise<ConnectReport> {
  const tool = findTool(id);
  const { model, smallModel } = await chooseModels(context.models, tool.id, asked);
  const { catalog } = context.models;
  const limits = modelLimits(
    context.models,
    (provider, name) => catalog.find(provider.preset.catalogProvider, name),
    model,
    tool.id,
  );
  return connectTool({ ...context, tool, model, smallModel, limits });
}

/** Disconnects a tool (see disconnectTool). */
export function disconnectToolByName(context: ConnectContext, id: string): DisconnectReport {
  return disconnectTool({ ...context, tool: findTool(id) });
}
