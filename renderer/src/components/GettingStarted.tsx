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
 * How to point tools at the relay. `base` is where the relay listens (no `/v1`); every snippet
 * uses a client key, which `keys create` prints once.
 */
export function GettingStarted({ base, clientKeys }: { base: string; clientKeys: number | undefined }) {
  return (
    <div className="getting-started" data-testid="getting-started">
      <p>
        {clientKeys === 0 ? 'First create' : 'Use'} a client key for each tool (it is shown once), then point
        the tool at the endpoint. Models are <code>provider/model</code> (<code>openai/gpt-4o-mini</code>), a
        catalog name (<code>gpt-4o-mini</code>), or a route such as <code>auto</code>.
      </p>
      <div className="snippets">
        <Snippet title="Client key" code="npm run relay -- keys create laptop" />
        <Snippet
          title="OpenAI SDK (Python, Node), LangChain"
          code={`export OPENAI_BASE_URL=${base}/v1\nexport OPENAI_API_KEY=<client key>`}
        />
        <Snippet
          title="Claude Code"
          code={`export ANTHROPIC_BASE_URL=${base}\nexport ANTHROPIC_API_KEY=<client key>\nclaude`}
        />
        <Snippet
          title="Codex CLI (~/.codex/config.toml)"
          code={`model_provider = "switchboard"\nmodel = "openai/gpt-5"\n\n[model_providers.switchboard]\nname = "Switchboard"\nbase_url = "${base}/v1"\nenv_key = "SWITCHBOARD_KEY"\nwire_api = "responses"\n\n# in the shell: export SWITCHBOARD_KEY=<client key>`}
        />
        <Snippet
          title="Continue (~/.continue/config.yaml)"
          code={`models:\n  - name: Switchboard auto\n    provider: openai\n    model: auto\n    apiBase: ${base}/v1\n    apiKey: <client key>`}
        />
        <Snippet
          title="aider"
          code={`export OPENAI_API_BASE=${base}/v1\nexport OPENAI_API_KEY=<client key>\naider --model openai/auto`}
        />
      </div>
    </div>
  );
}
