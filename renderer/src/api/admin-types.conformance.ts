/**
 * Compile-time checks, no runtime code: what relay-core's admin API returns must fit the types the
 * UI declares for it (admin-types.ts keeps its own declarations so the bundle depends on the HTTP
 * contract, not on relay internals). `npm run typecheck` fails when the two drift apart: a server
 * field the UI reads changes type, or config.yaml gains a route condition or client limit the
 * routing and clients pages do not know.
 */
import type { ConfigEditResult as ServerConfigEditResult } from '../../../relay-core/src/admin/config-routes.js';
import type { Config } from '../../../relay-core/src/config/schema.js';
import type { ClientLimits as ServerClientLimits } from '../../../relay-core/src/pipeline/client-limits.js';
import type { HistoryStats as ServerHistoryStats } from '../../../relay-core/src/store/history-stats.js';
import type { HistoryWriterStatus } from '../../../relay-core/src/store/history-writer.js';
import type { StateStatus } from '../../../relay-core/src/state/state-store.js';
import type {
  MeasureWindow as ServerMeasureWindow,
  ModelMeasures as ServerModelMeasures,
} from '../../../relay-core/src/store/model-measures.js';
import type {
  AttemptRow as ServerAttemptRow,
  RequestRow as ServerRequestRow,
} from '../../../relay-core/src/store/query-history.js';
import type { explainRouting } from '../../../relay-core/src/admin/explain-routing.js';
import type { ConnectReport as ServerConnectReport } from '../../../relay-core/src/connect/connect-tool.js';
import type { DisconnectReport as ServerDisconnectReport } from '../../../relay-core/src/connect/disconnect-tool.js';
import type { ToolView as ServerToolView } from '../../../relay-core/src/connect/tool-connections.js';
import type { ImportView as ServerImportView } from '../../../relay-core/src/admin/import-routes.js';
import type { exportLitellm } from '../../../relay-core/src/config/import/export-litellm.js';
import type { KeyTestResult as ServerKeyTestResult } from '../../../relay-core/src/admin/classify-key-test.js';
import type {
  CapturedExchange as ServerCapturedExchange,
  CaptureSettings as ServerCaptureSettings,
} from '../../../relay-core/src/store/captured-bodies.js';
import type * as Ui from './admin-types.js';

/** The server's value can be read as the UI's type. */
type Fits<Server, Client> = [Server] extends [Client] ? true : false;
/** The UI's type names every key the server's has. */
type SameKeys<Server, Client> = [keyof Server] extends [keyof Client]
  ? [keyof Client] extends [keyof Server]
    ? true
    : false
  : false;
type Holds<T extends true> = T;

type ServerRoute = NonNullable<Config['routes']>[number];

export type AdminTypeChecks = [
  Holds<Fits<ServerRequestRow, Ui.HistoryRow>>,
  Holds<Fits<ServerAttemptRow, Ui.AttemptRow>>,
  Holds<Fits<ServerHistoryStats, Ui.HistoryStats>>,
  Holds<SameKeys<ServerHistoryStats['days'][number], Ui.HistoryStats['days'][number]>>,
  Holds<Fits<ServerConfigEditResult, Ui.ConfigEditResult>>,
  Holds<Fits<ServerRoute, Ui.RouteConfig>>,
  Holds<SameKeys<NonNullable<ServerRoute['when']>, NonNullable<Ui.RouteConfig['when']>>>,
  Holds<Fits<ServerClientLimits, Ui.ClientLimits>>,
  Holds<SameKeys<ServerClientLimits, Ui.ClientLimits>>,
  Holds<Fits<Awaited<ReturnType<typeof explainRouting>>, Ui.ExplainResult>>,
  Holds<Fits<ServerToolView, Ui.ToolRow>>,
  Holds<SameKeys<ServerToolView, Ui.ToolRow>>,
  Holds<Fits<ServerConnectReport, Ui.ConnectReport>>,
  Holds<Fits<ServerDisconnectReport, Ui.DisconnectReport>>,
  Holds<Fits<ServerImportView, Ui.ImportView>>,
  Holds<SameKeys<ServerImportView, Ui.ImportView>>,
  Holds<Fits<ReturnType<typeof exportLitellm>, Ui.LitellmExport>>,
  Holds<Fits<ServerModelMeasures, Ui.ModelMeasures>>,
  Holds<SameKeys<ServerModelMeasures, Ui.ModelMeasures>>,
  Holds<Fits<ServerMeasureWindow, Ui.MeasureWindow>>,
  Holds<Fits<ServerKeyTestResult['kind'], Ui.KeyTestResult['kind']>>,
  Holds<Fits<Ui.KeyTestResult['kind'], ServerKeyTestResult['kind']>>,
  Holds<Fits<ServerCapturedExchange, Ui.CapturedBodies>>,
  Holds<SameKeys<ServerCapturedExchange, Ui.CapturedBodies>>,
  Holds<Fits<ServerCaptureSettings, Ui.CaptureSettings>>,
  Holds<SameKeys<ServerCaptureSettings, Ui.CaptureSettings>>,
  Holds<Fits<StateStatus, Ui.StoreState>>,
  Holds<SameKeys<StateStatus, Ui.StoreState>>,
  Holds<Fits<HistoryWriterStatus, Omit<NonNullable<Ui.RelayStatus['history']>, 'store'>>>,
];
