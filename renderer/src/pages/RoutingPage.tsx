import { useEffect, useMemo, useState } from 'react';
import type { ConfigEditResult, ConfigIssue, ConfigView, RouteConfig } from '../api/admin-types.js';
import { useAdminApi, useAdminQuery } from '../hooks/use-admin.js';
import { ExplainPanel } from '../routing/ExplainPanel.js';
import { RouteForm } from '../routing/RouteForm.js';
import { cleanRoute, draftIssues, issuesOfRoute, moveItem, plainMessage } from '../routing/route-draft.js';
import { useRelayStore } from '../store/use-relay-store.js';

const same = (a: RouteConfig[], b: RouteConfig[]) =>
  JSON.stringify(a.map(cleanRoute)) === JSON.stringify(b.map(cleanRoute));

/** Where an issue is, in words: "route 'fast', strategy", or the config key. */
function placeOf(issue: ConfigIssue, routes: RouteConfig[]): string {
  const match = /^routes\[(\d+)\]\.?(.*)$/.exec(issue.path);
  if (!match) return issue.path || 'config.yaml';
  const route = routes[Number(match[1])];
  const name = route?.name.trim() ? `route '${route.name}'` : `route ${Number(match[1]) + 1}`;
  return match[2] ? `${name}, ${match[2]}` : name;
}

/**
 * Routes as a list and a form, config.yaml beside them, and a panel that explains a request's
 * routing. One Save button saves what was edited: the form's routes, or the text of config.yaml
 * when that was edited instead (the other side waits meanwhile). Problems show beside their field
 * and are summed up beside Save; leaving the page with unsaved changes asks first.
 */
export function RoutingPage() {
  const { get, post } = useAdminApi();
  const { data: config, error, reload } = useAdminQuery<ConfigView>('/admin/config');
  const status = useRelayStore((state) => state.status);
  const setLeaveGuard = useRelayStore((state) => state.setLeaveGuard);
  const [routes, setRoutes] = useState<RouteConfig[]>([]);
  const [selected, setSelected] = useState(0);
  const [yaml, setYaml] = useState('');
  const [issues, setIssues] = useState<ConfigIssue[]>([]);
  const [saved, setSaved] = useState<string>();
  const [suggestions, setSuggestions] = useState<string[]>([]);
  const [loadedFrom, setLoadedFrom] = useState<ConfigView>();

  const formDirty = loadedFrom !== undefined && !same(routes, loadedFrom.routes);
  const textDirty = loadedFrom !== undefined && yaml !== loadedFrom.yaml;
  // a config answer replaces the drafts only when nothing is being edited: an answer arriving
  // after "Add route" was clicked must not take the new route away
  useEffect(() => {
    if (!config || formDirty || textDirty) return;
    setLoadedFrom(config);
    setRoutes(config.routes);
    setYaml(config.yaml);
  }, [config]);
  useEffect(() => {
    setLeaveGuard(
      formDirty
        ? 'Your route changes are not saved yet.'
        : textDirty
          ? 'Your edits to config.yaml are not saved yet.'
          : undefined,
    );
  }, [formDirty, textDirty, setLeaveGuard]);
  useEffect(() => () => setLeaveGuard(undefined), [setLeaveGuard]);
  useEffect(() => {
    void get<{ key: string }>('/admin/playground/key')
      .then(({ key }) => fetch('/v1/models', { headers: { authorization: `Bearer ${key}` } }))
      .then((response) => response.json() as Promise<{ data: Array<{ id: string }> }>)
      .then((list) => setSuggestions(list.data.map((model) => model.id).filter((id) => id.includes('/'))))
      .catch(() => setSuggestions([]));
  }, [get]);
  const regions = useMemo(
    () => [
      ...new Set([
        ...(config?.presets ?? []).map((preset) => preset.region),
        ...(status?.providers ?? []).map((provider) => provider.region),
      ]),
    ],
    [config, status],
  );

  const settle = (result: ConfigEditResult, message: string) => {
    if (result.ok) {
      setIssues([]);
      setSaved(message);
      setLoadedFrom(undefined);
      setYaml(result.yaml);
      reload();
    } else {
      setIssues(result.issues);
      setSaved(undefined);
    }
  };
  const save = async () => {
    setSaved(undefined);
    if (textDirty) {
      settle(await post<ConfigEditResult>('/admin/config/yaml', { yaml }), 'config.yaml saved.');
      return;
    }
    const local = draftIssues(routes);
    if (local.length > 0) return setIssues(local);
    settle(
      await post<ConfigEditResult>('/admin/config/routes', { routes: routes.map(cleanRoute) }),
      'Routes saved to config.yaml.',
    );
  };
  const validateYaml = async () => {
    const result = await post<{ ok: boolean; issues?: ConfigIssue[] }>('/admin/config/validate', { yaml });
    setIssues(result.issues ?? []);
    setSaved(result.ok ? 'The YAML is valid (not saved yet).' : undefined);
  };
  const discard = () => {
    if (!loadedFrom) return;
    setRoutes(loadedFrom.routes);
    setYaml(loadedFrom.yaml);
    setIssues([]);
    setSaved(undefined);
    setSelected((index) => Math.min(index, Math.max(0, loadedFrom.routes.length - 1)));
  };
  const change = (next: RouteConfig[]) => {
    setRoutes(next);
    setSaved(undefined);
  };
  const addRoute = () => {
    change([...routes, { name: `route-${routes.length + 1}`, targets: [] }]);
    setSelected(routes.length);
  };
  const current = routes[selected];
  const jump = (issue: ConfigIssue) => {
    const match = /^routes\[(\d+)\]/.exec(issue.path);
    if (match) setSelected(Number(match[1]));
    requestAnimationFrame(() =>
      document.querySelector<HTMLElement>(`.route-form [aria-invalid="true"], .route-form .error`)?.focus(),
    );
  };

  return (
    <section>
      <div className="page-head">
        <h2>Routing</h2>
        <span className="muted">
          {config ? `Editing ${config.path}; your comments are kept, except on values you change.` : ''}
        </span>
      </div>
      {error && (
        <p className="banner" role="alert">
          {error}
        </p>
      )}
      <div className="routing">
        <div className="route-list">
          <h3>Routes</h3>
          {textDirty && (
            <p className="notice small" data-testid="text-mode">
              config.yaml is being edited as text: Save writes the text. Discard the text edits to use the
              form again.
            </p>
          )}
          {routes.length === 0 && (
            <p className="empty">
              No routes yet. A route is a model name (like “auto”) over several targets. Add one to start.
            </p>
          )}
          <ul data-testid="route-list">
            {routes.map((route, index) => (
              <li key={index} className={index === selected ? 'selected' : undefined}>
                <button type="button" onClick={() => setSelected(index)} aria-current={index === selected}>
                  <strong>{route.name || '(unnamed)'}</strong>
                  <span className="muted">
                    {' '}
                    {route.strategy ?? 'ordered'} · {route.targets.length} targets
                    {route.when ? ' · when' : ''}
                  </span>
                </button>
                {issuesOfRoute(issues, index).length > 0 && (
                  <span className="badge bad">
                    {issuesOfRoute(issues, index).length} problem
                    {issuesOfRoute(issues, index).length === 1 ? '' : 's'}
                  </span>
                )}
              </li>
            ))}
          </ul>
          <div className="toolbar">
            {/* enabled once config.yaml is read: a route added before would be replaced by it */}
            <button type="button" onClick={addRoute} disabled={textDirty || loadedFrom === undefined}>
              Add route
            </button>
            {current && (
              <>
                <button
                  type="button"
                  disabled={selected === 0 || textDirty}
                  onClick={() => {
                    change(moveItem(routes, selected, selected - 1));
                    setSelected(selected - 1);
                  }}
                >
                  Move up
                </button>
                <button
                  type="button"
                  disabled={textDirty}
                  onClick={() => {
                    change(routes.filter((_, i) => i !== selected));
                    setSelected(0);
                  }}
                >
                  Delete route
                </button>
              </>
            )}
          </div>
          {current && (
            <RouteForm
              route={current}
              issues={issuesOfRoute(issues, selected)}
              suggestions={suggestions}
              strategies={config?.strategies ?? ['ordered']}
              regions={regions}
              disabled={textDirty}
              onChange={(route) => change(routes.map((entry, i) => (i === selected ? route : entry)))}
            />
          )}
        </div>
        <div className="yaml-view">
          <h3>config.yaml</h3>
          {formDirty && (
            <p className="notice small">Save or discard the form’s changes to edit config.yaml as text.</p>
          )}
          <textarea
            aria-label="config.yaml"
            spellCheck={false}
            value={yaml}
            readOnly={formDirty}
            onChange={(event) => {
              setYaml(event.target.value);
              setSaved(undefined);
            }}
          />
          <div className="toolbar">
            <button type="button" onClick={() => void validateYaml()} disabled={formDirty}>
              Validate
            </button>
          </div>
        </div>
        <div className="save-bar" data-testid="save-bar">
          <div className="toolbar">
            <button
              type="button"
              className="primary"
              onClick={() => void save()}
              disabled={!formDirty && !textDirty}
            >
              {textDirty ? 'Save config.yaml' : 'Save routes'}
            </button>
            <button type="button" onClick={discard} disabled={!formDirty && !textDirty}>
              Discard changes
            </button>
            {saved && (
              <span className="ok" role="status">
                {saved}
              </span>
            )}
            {!saved && !formDirty && !textDirty && <span className="muted small">Nothing to save.</span>}
          </div>
          {issues.length > 0 && (
            <div role="alert" data-testid="save-problems">
              <p className="error">
                Not saved: {issues.length} problem{issues.length === 1 ? '' : 's'} to fix.
              </p>
              <ul className="issues">
                {issues.map((issue) => (
                  <li key={`${issue.path}-${issue.message}`}>
                    <button type="button" className="link" onClick={() => jump(issue)}>
                      {placeOf(issue, routes)}
                    </button>
                    : {plainMessage(issue.message)}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </div>
        <ExplainPanel defaultModel={current?.name || 'auto'} />
      </div>
    </section>
  );
}
