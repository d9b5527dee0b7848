import { useEffect, useState } from 'react';
import type { ConfigEditResult, ConfigIssue, ConfigView, RouteConfig } from '../api/admin-types.js';
import { useAdminApi, useAdminQuery } from '../hooks/use-admin.js';
import { ExplainPanel } from '../routing/ExplainPanel.js';
import { RouteForm } from '../routing/RouteForm.js';
import { cleanRoute, issuesOfRoute, moveItem } from '../routing/route-draft.js';

/** Routes as a list and a form, config.yaml beside them, and a panel that explains a request's routing. */
export function RoutingPage() {
  const { get, post } = useAdminApi();
  const { data: config, error, reload } = useAdminQuery<ConfigView>('/admin/config');
  const [routes, setRoutes] = useState<RouteConfig[]>([]);
  const [selected, setSelected] = useState(0);
  const [yaml, setYaml] = useState('');
  const [issues, setIssues] = useState<ConfigIssue[]>([]);
  const [saved, setSaved] = useState<string>();
  const [suggestions, setSuggestions] = useState<string[]>([]);

  useEffect(() => {
    if (!config) return;
    setRoutes(config.routes);
    setYaml(config.yaml);
  }, [config]);
  useEffect(() => {
    void get<{ key: string }>('/admin/playground/key')
      .then(({ key }) => fetch('/v1/models', { headers: { authorization: `Bearer ${key}` } }))
      .then((response) => response.json() as Promise<{ data: Array<{ id: string }> }>)
      .then((list) => setSuggestions(list.data.map((model) => model.id).filter((id) => id.includes('/'))))
      .catch(() => setSuggestions([]));
  }, [get]);

  const settle = (result: ConfigEditResult, message: string) => {
    if (result.ok) {
      setIssues([]);
      setSaved(message);
      setYaml(result.yaml);
      reload();
    } else {
      setIssues(result.issues);
      setSaved(undefined);
    }
  };
  const saveRoutes = async () =>
    settle(
      await post<ConfigEditResult>('/admin/config/routes', { routes: routes.map(cleanRoute) }),
      'Routes saved to config.yaml.',
    );
  const saveYaml = async () =>
    settle(await post<ConfigEditResult>('/admin/config/yaml', { yaml }), 'config.yaml saved.');
  const validateYaml = async () => {
    const result = await post<{ ok: boolean; issues?: ConfigIssue[] }>('/admin/config/validate', { yaml });
    setIssues(result.issues ?? []);
    setSaved(result.ok ? 'The YAML is valid (not saved yet).' : undefined);
  };
  const addRoute = () => {
    setRoutes([...routes, { name: `route-${routes.length + 1}`, targets: [] }]);
    setSelected(routes.length);
  };
  const current = routes[selected];
  const globalIssues = issues.filter((issue) => !issue.path.startsWith('routes['));

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
                {issuesOfRoute(issues, index).length > 0 && <span className="badge bad">invalid</span>}
              </li>
            ))}
          </ul>
          <div className="toolbar">
            <button type="button" onClick={addRoute}>
              Add route
            </button>
            {current && (
              <>
                <button
                  type="button"
                  disabled={selected === 0}
                  onClick={() => {
                    setRoutes(moveItem(routes, selected, selected - 1));
                    setSelected(selected - 1);
                  }}
                >
                  Move up
                </button>
                <button
                  type="button"
                  onClick={() => {
                    setRoutes(routes.filter((_, i) => i !== selected));
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
              onChange={(route) => setRoutes(routes.map((entry, i) => (i === selected ? route : entry)))}
            />
          )}
          <div className="toolbar">
            <button type="button" className="primary" onClick={() => void saveRoutes()}>
              Save routes
            </button>
            {saved && (
              <span className="ok" role="status">
                {saved}
              </span>
            )}
          </div>
          {globalIssues.length > 0 && (
            <ul className="issues" role="alert">
              {globalIssues.map((issue) => (
                <li key={`${issue.path}-${issue.message}`}>
                  {issue.path && <code>{issue.path}</code>} {issue.message}
                </li>
              ))}
            </ul>
          )}
        </div>
        <div className="yaml-view">
          <h3>config.yaml</h3>
          <textarea
            aria-label="config.yaml"
            spellCheck={false}
            value={yaml}
            onChange={(event) => setYaml(event.target.value)}
          />
          <div className="toolbar">
            <button type="button" onClick={() => void validateYaml()}>
              Validate
            </button>
            <button type="button" onClick={() => void saveYaml()}>
              Save YAML
            </button>
          </div>
        </div>
        <ExplainPanel defaultModel={current?.name || 'auto'} />
      </div>
    </section>
  );
}
