import { useRelayStore } from '../store/use-relay-store.js';
import { CopyButton } from './CopyButton.js';

function Snippet({ title, code }: { title: string; code: string }) {
  return (
    <div className="snippet">
      <div className="snippet-head">
        <h3>{title}</h3>
        <CopyButton text={code} />
      </div>
      <pre tabIndex={0}>
        <code>{code}</code>
      </pre>
    </div>
  );
}

/** The snippets' stand-in for a client key until one is created in this window. */
export const keyPlaceholder = '<client key>';

/**
 * How to point code and tools at the relay by hand. `base` is where the relay listens (no `/v1`);
 * `model` a name that works on the current config (unset: none does yet). A client key created in
 * this window is filled in; otherwise the snippets say where to create one.
 */
export function GettingStarted({
  base,
  clientKeys,
  model,
  onClientsPage = false,
}: {
  base: string;
  clientKeys: number | undefined;
  model: string | undefined;
  onClientsPage?: boolean;
}) {
  const created = useRelayStore((state) => state.createdClientKey);
  const navigate = useRelayStore((state) => state.navigate);
  const key = created?.key ?? keyPlaceholder;
  const name = model ?? '<model>';
  return (
    <div className="getting-started" data-testid="getting-started">
      <p>
        {created ? (
          <>
            The snippets use the key <code>{created.name}</code> you just created.
          </>
        ) : (
          <>
            {clientKeys === 0 ? 'First create' : 'Use'} a client key for each tool (it is shown once), then
            point the tool at the endpoint.
          </>
        )}{' '}
        Models are <code>provider/model</code>, a catalog name, or a route you defined
        {model ? (
          <>
            ; <code>{model}</code> works here now.
          </>
        ) : (
          <>: add a provider and its key first, no model works yet.</>
        )}
      </p>
      <div className="snippets">
        {!created && (
          <div className="snippet key-card">
            <h3>Client key</h3>
            {onClientsPage ? (
              <p>Create one with the form at the top of this page: it is filled in below.</p>
            ) : (
              <p>
                Create one on the Clients page: it is shown once, and filled into these snippets.{' '}
                <button type="button" className="primary" onClick={() => navigate('clients')}>
                  Go to Clients
                </button>
              </p>
            )}
          </div>
        )}
        <Snippet
          title="OpenAI SDK (Python, Node), LangChain"
          code={`export OPENAI_BASE_URL=${base}/v1\nexport OPENAI_API_KEY=${key}\n# model="${name}"`}
        />
        <Snippet
          title="Claude Code, one shell only"
          code={`export ANTHROPIC_BASE_URL=${base}\nexport ANTHROPIC_AUTH_TOKEN=${key}\nexport ANTHROPIC_MODEL=${name}\nclaude`}
        />
      </div>
    </div>
  );
}
