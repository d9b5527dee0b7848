/** What one playground column measured, updated while its answer streams. */
export interface ColumnRun {
  status: 'idle' | 'running' | 'done' | 'stopped' | 'error';
  text: string;
  error?: string;
  /** x-relay-request-id, to find the request in the history. */
  requestId?: string;
  /** x-relay-provider: who actually answered, after any failover. */
  provider?: string;
  upstreamModel?: string;
  attempts?: number;
  startedAt?: number;
  ttftMs?: number;
  totalMs?: number;
  inputTokens?: number;
  outputTokens?: number;
}

/** The parameters every column sends. */
export interface PlaygroundPrompt {
  system: string;
  user: string;
  temperature?: number;
  maxTokens?: number;
  /** A JSON schema for `response_format`, as text (empty: none). */
  jsonSchema: string;
  /** OpenAI `tools` as JSON text (empty: none). */
  tools: string;
}

/** A prompt that cannot be sent, and the field to fix. */
export class PromptProblem extends Error {
  constructor(
    readonly field: 'message' | 'models' | 'tools' | 'jsonSchema',
    message: string,
  ) {
    super(message);
    this.name = 'PromptProblem';
  }
}

/** Throws the PromptProblem that keeps a prompt from being sent to these models, if any. */
export function checkPrompt(prompt: PlaygroundPrompt, models: string[]): void {
  if (prompt.user.trim() === '') throw new PromptProblem('message', 'Write a message to send.');
  if (models.every((model) => model.trim() === ''))
    throw new PromptProblem('models', 'Choose a model for at least one column (provider/model, or a route).');
  buildChatBody('check', prompt);
}

/** The Chat Completions body for a prompt; throws a PromptProblem naming the field on bad JSON. */
export function buildChatBody(model: string, prompt: PlaygroundPrompt): Record<string, unknown> {
  const messages = [
    ...(prompt.system.trim() ? [{ role: 'system', content: prompt.system }] : []),
    { role: 'user', content: prompt.user },
  ];
  const body: Record<string, unknown> = {
    model,
    messages,
    stream: true,
    stream_options: { include_usage: true },
  };
  if (prompt.temperature !== undefined) body.temperature = prompt.temperature;
  if (prompt.maxTokens !== undefined) body.max_tokens = prompt.maxTokens;
  const parse = (text: string, field: 'tools' | 'jsonSchema', what: string): unknown => {
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new PromptProblem(field, `${what} is not valid JSON: ${(error as Error).message}`);
    }
  };
  if (prompt.jsonSchema.trim()) {
    body.response_format = {
      type: 'json_schema',
      json_schema: { name: 'answer', schema: parse(prompt.jsonSchema, 'jsonSchema', 'The JSON schema') },
    };
  }
  if (prompt.tools.trim()) body.tools = parse(prompt.tools, 'tools', 'The tools');
  return body;
}

/** Splits an SSE byte stream's text into `data:` payloads; returns the payloads and the unfinished rest. */
export function takeSseData(buffer: string): { data: string[]; rest: string } {
  const events = buffer.split(/\r?\n\r?\n/);
  const rest = events.pop() ?? '';
  const data = events.flatMap((event) =>
    event
      .split(/\r?\n/)
      .filter((line) => line.startsWith('data:'))
      .map((line) => line.slice(5).trimStart()),
  );
  return { data, rest };
}

interface ChatChunk {
  choices?: Array<{ delta?: { content?: string | null; tool_calls?: unknown[] } }>;
  usage?: { prompt_tokens?: number; completion_tokens?: number } | null;
}

/**
 * Streams one chat completion through the relay's own `/v1/chat/completions` and reports the
 * column's state after every chunk. Errors end in the column (status 'error'), never thrown.
 */
export async function streamChat(
  body: Record<string, unknown>,
  clientKey: string,
  signal: AbortSignal,
  update: (patch: Partial<ColumnRun>) => void,
  now: () => number = () => performance.now(),
): Promise<void> {
  const started = now();
  update({
    status: 'running',
    text: '',
    error: undefined,
    startedAt: Date.now(),
    ttftMs: undefined,
    totalMs: undefined,
  });
  try {
    const response = await fetch('/v1/chat/completions', {
      method: 'POST',
      headers: { authorization: `Bearer ${clientKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal,
    });
    const header = (name: string) => response.headers.get(name) ?? undefined;
    update({
      requestId: header('x-relay-request-id'),
      provider: header('x-relay-provider'),
      upstreamModel: header('x-relay-model'),
      attempts: Number(header('x-relay-attempts') ?? '') || undefined,
    });
    if (!response.ok || !response.body) {
      const failure = (await response.json().catch(() => undefined)) as
        { error?: { message?: string } } | undefined;
      update({
        status: 'error',
        error: failure?.error?.message ?? `HTTP ${response.status}`,
        totalMs: now() - started,
      });
      return;
    }
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    let text = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      const taken = takeSseData(buffer + value);
      buffer = taken.rest;
      for (const data of taken.data) {
        if (data === '[DONE]') continue;
        const chunk = JSON.parse(data) as ChatChunk & { error?: { message?: string } };
        if (chunk.error) {
          update({
            status: 'error',
            error: chunk.error.message ?? 'the stream failed',
            totalMs: now() - started,
          });
          return;
        }
        const delta = chunk.choices?.[0]?.delta;
        const piece = (delta?.content ?? '') + (delta?.tool_calls ? JSON.stringify(delta.tool_calls) : '');
        if (piece) {
          text += piece;
          update(text === piece ? { text, ttftMs: now() - started } : { text });
        }
        if (chunk.usage)
          update({ inputTokens: chunk.usage.prompt_tokens, outputTokens: chunk.usage.completion_tokens });
      }
    }
    update({ status: 'done', totalMs: now() - started });
  } catch (error) {
    if (signal.aborted) update({ status: 'stopped', totalMs: now() - started });
    else update({ status: 'error', error: (error as Error).message, totalMs: now() - started });
  }
}
