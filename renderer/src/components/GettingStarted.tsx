import { CopyButton } from './CopyButton.js';

function Snippet({ title, code }: { title: string; code: string }) {
  return (
    <div className="snippet">
      <div className="snippet-head">
        <h3>{title}</h3>
        <CopyButton text={code} />
      </div>
      <pre>
        <code>{code}</code>
      </pre>
    </div>
  );
}

/**
 * How to point code and tools at the relay by hand. `base` is where the relay listens (no `/v1`);
 * `model` a name that works on the current config (unset: none does yet). Coding tools connect in
 * one click above; these are for everything else.
 */
export function GettingStarted({
  base,
  clientKeys,
  model,
}: {
  base: string;
  clientKeys: number | undefined;
  model: string | undefined;
}) {
  const name = model ?? '<model>';
  return (
    <div className="getting-started" data-testid="getting-started">
      <p>
        {clientKeys === 0 ? 'First create' : 'Use'} a client key for each tool (it is shown once), then point
        the tool at the endpoint. Models are <code>provider/model</code>, a catalog name, or a route you
        defined
        {model ? (
          <>
            ; <code>{model}</code> works here now.
          </>
        ) : (
          <>: add a provider and its key first, no model works yet.</>
        )}
      </p>
      <div className="snippets">
        <Snippet title="Client key" code="npm run relay -- keys create laptop" />
        <Snippet
          title="OpenAI SDK (Python, Node), LangChain"
          code={`export OPENAI_BASE_URL=${base}/v1\nexport OPENAI_API_KEY=<client key>\n# model="${name}"`}
        />
        <Snippet
          title="Claude Code, one shell only"
          code={`export ANTHROPIC_BASE_URL=${base}\nexport ANTHROPIC_AUTH_TOKEN=<client key>\nexport ANTHROPIC_MODEL=${name}\nclaude`}
        />
      </div>
    </div>
  );
}
