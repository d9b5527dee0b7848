import type { RelayStatus, ToolsView } from '../api/admin-types.js';
import type { Page } from '../store/ui-slice.js';
import { useRelayStore } from '../store/use-relay-store.js';

/** The one thing to do next, from what the relay has and has seen. */
export function nextStep(
  status: RelayStatus,
  requests: number,
  tools: ToolsView | undefined,
): { text: string; action: string; page: Page } {
  const real = status.providers.filter((provider) => !status.demoProviders?.includes(provider.id));
  if (real.length === 0)
    return {
      text: status.demoProviders
        ? 'The demo answers with recordings. Add a provider with your own key for real answers.'
        : 'Add a provider (OpenAI, Anthropic, DeepSeek, a local Ollama, …) and its key.',
      action: 'Add a provider',
      page: 'providers',
    };
  const missing = real.find((provider) => !provider.hasKey);
  if (missing && real.every((provider) => !provider.hasKey))
    return {
      text: `Store the key of ${missing.id}: no provider can answer without one.`,
      action: 'Store a key',
      page: 'providers',
    };
  if (requests === 0)
    return {
      text: 'Send a first request: compare models side by side.',
      action: 'Open the Playground',
      page: 'playground',
    };
  if (status.clientKeys === 0)
    return {
      text: 'Create a client key, one per tool or machine.',
      action: 'Create a client key',
      page: 'clients',
    };
  if (tools && tools.tools.every((tool) => tool.state === 'not-connected'))
    return {
      text: 'Connect a coding tool below, or point your own code at the endpoint.',
      action: 'See the snippets',
      page: 'clients',
    };
  return {
    text: 'See what each request cost, and what it would cost elsewhere.',
    action: 'Open History',
    page: 'history',
  };
}

/** A card with the next step and a button that goes there. */
export function NextStep({
  status,
  requests,
  tools,
}: {
  status: RelayStatus;
  requests: number;
  tools: ToolsView | undefined;
}) {
  const navigate = useRelayStore((state) => state.navigate);
  const step = nextStep(status, requests, tools);
  return (
    <div className="next-step" data-testid="next-step">
      <span className="label">Next step</span>
      <span>{step.text}</span>
      <button type="button" className="primary" onClick={() => navigate(step.page)}>
        {step.action}
      </button>
    </div>
  );
}
