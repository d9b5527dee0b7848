import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readUpstreamRequest } from './read-upstream-request.js';
import type { UpstreamDialect, UpstreamTurn } from './read-upstream-request.js';
import { writeUpstreamAnswer } from './write-upstream-answer.js';
import type { ScriptedAnswer } from './write-upstream-answer.js';

/**
 * A coding agent's tool loop, as the upstream model plays it: when a request offers `tool` and
 * carries `marker` (the task's prompt), the model asks for the tool; once the tool's result is in
 * the conversation, it answers `finalText`. Every other call (titles, summaries, checks) gets a
 * short text, or an instance of the JSON schema it asks for.
 */
export interface ToolLoopScript {
  marker: string;
  tool: string;
  arguments: Record<string, unknown>;
  finalText: string;
  /** Anthropic and Gemini: a signed thought before the call, which the next turn must carry back. */
  signedThinking?: boolean;
}

/** One request the upstream received, and what it answered. */
export interface UpstreamCall {
  path: string;
  dialect: UpstreamDialect;
  model: string;
  stream: boolean;
  answered: 'tool_call' | 'final' | 'side' | 'refused' | 'failed';
  authorization?: string;
  turn: UpstreamTurn;
}

export interface ScriptedUpstream {
  url: string;
  calls: UpstreamCall[];
  script(script: ToolLoopScript): void;
  /** Every request is answered with this status and a provider-shaped error (a failing target). */
  failWith(status: number | undefined): void;
  close(): Promise<void>;
}

const signature = 'c2lnbmVkLXRoaW5raW5nLXNjcmlwdGVk';

/** What the real providers enforce of the models the agents' routes use: output limits, reasoning. */
const modelFacts: Record<string, { maxOutput: number; reasons: boolean }> = {
  'gpt-4o-mini': { maxOutput: 16_384, reasons: false },
  'gpt-4.1': { maxOutput: 32_768, reasons: false },
  'gpt-5-codex': { maxOutput: 128_000, reasons: true },
  'claude-sonnet-4-5': { maxOutput: 64_000, reasons: true },
  'gemini-2.5-flash': { maxOutput: 65_536, reasons: true },
};

/** A request the real provider would refuse for its model's limits, worded as that provider words it. */
function limitRefusal(turn: UpstreamTurn): string | undefined {
  const facts = modelFacts[turn.model];
  if (!facts) return undefined;
  const asked = turn.maxOutput?.value;
  if (asked !== undefined && asked > facts.maxOutput)
    return turn.dialect === 'anthropic'
      ? `max_tokens: ${asked} > ${facts.maxOutput}, which is the maximum allowed number of output tokens for ${turn.model}`
      : `${turn.maxOutput!.field} is too large: ${asked}. This model supports at most ${facts.maxOutput} completion tokens, whereas you provided ${asked}.`;
  if (turn.reasoningField && !facts.reasons)
    return `Unsupported parameter: '${turn.reasoningField}' is not supported with this model.`;
  return undefined;
}

function errorBody(dialect: UpstreamDialect, status: number, message: string): unknown {
  if (dialect === 'anthropic') {
    const type = status === 429 ? 'rate_limit_error' : status >= 500 ? 'api_error' : 'invalid_request_error';
    return { type: 'error', error: { type, message } };
  }
  if (dialect === 'gemini') {
    const state = status === 429 ? 'RESOURCE_EXHAUSTED' : status >= 500 ? 'UNAVAILABLE' : 'INVALID_ARGUMENT';
    return { error: { code: status, message, status: state } };
  }
  return { error: { message, type: status === 429 ? 'rate_limit_exceeded' : 'server_error', code: null } };
}

/** Decides the answer to one turn of the script. */
function play(
  turn: UpstreamTurn,
  script: ToolLoopScript | undefined,
): { answer: ScriptedAnswer; kind: UpstreamCall['answered'] } | { refuse: string } {
  const model = turn.dialect === 'anthropic' ? `${turn.model}-20250929` : turn.model;
  if (turn.json !== undefined) return { answer: { model, text: turn.json }, kind: 'side' };
  const offered = script && turn.tools.includes(script.tool) && turn.text.includes(script.marker);
  if (!script || !offered) return { answer: { model, text: 'ok' }, kind: 'side' };
  if (turn.toolResults.length > 0) {
    if (script.signedThinking && turn.dialect === 'anthropic' && !turn.thinkingSignatures.includes(signature))
      // Anthropic's own refusal when thinking is on and a tool-use turn lost its thinking block
      return {
        refuse:
          'messages.1.content.0.type: Expected `thinking` or `redacted_thinking`, but found `tool_use`. When `thinking` is enabled, a final `assistant` message must start with a thinking block.',
      };
    if (script.signedThinking && turn.dialect === 'gemini' && !turn.thoughtSignatures.includes(signature))
      return { refuse: 'Function call is missing a thought_signature in functionCall parts.' };
    return { answer: { model, text: script.finalText }, kind: 'final' };
  }
  return {
    kind: 'tool_call',
    answer: {
      model,
      ...(script.signedThinking && turn.dialect === 'anthropic'
        ? { thinking: { text: 'The user wants a file; I will write it with the tool.', signature } }
        : {}),
      toolCall: {
        id: turn.dialect === 'anthropic' ? 'toolu_scripted_1' : 'call_scripted_1',
        name: script.tool,
        arguments: JSON.stringify(script.arguments),
        ...(script.signedThinking && turn.dialect === 'gemini' ? { thoughtSignature: signature } : {}),
      },
    },
  };
}

/**
 * An upstream that speaks OpenAI Chat, Responses, Anthropic Messages and the Gemini API on one
 * port (`/v1/chat/completions`, `/v1/responses`, `/v1/messages`, `/v1beta/models/{m}:…`), and
 * plays a coding agent's tool loop.
 */
export async function startScriptedUpstream(): Promise<ScriptedUpstream> {
  let script: ToolLoopScript | undefined;
  let failure: number | undefined;
  const calls: UpstreamCall[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = (request.url ?? '').split('?')[0]!;
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      } catch {
        // an unreadable body is answered as an unknown request below
      }
      if (path.endsWith('/count_tokens') || path.endsWith(':countTokens')) {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(
          JSON.stringify(path.endsWith(':countTokens') ? { totalTokens: 42 } : { input_tokens: 42 }),
        );
        return;
      }
      const turn = readUpstreamRequest(path, body);
      if (!turn) {
        response.writeHead(404, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ error: { message: `scripted upstream: no ${path}` } }));
        return;
      }
      const call: UpstreamCall = {
        path,
        dialect: turn.dialect,
        model: turn.model,
        stream: turn.stream,
        answered: 'failed',
        turn,
        ...(request.headers.authorization ? { authorization: request.headers.authorization } : {}),
      };
      calls.push(call);
      const status = failure;
      if (status !== undefined) {
        response.writeHead(status, { 'content-type': 'application/json', 'retry-after': '0' });
        response.end(JSON.stringify(errorBody(turn.dialect, status, 'scripted failure')));
        return;
      }
      const refused = limitRefusal(turn);
      const played = refused ? { refuse: refused } : play(turn, script);
      if ('refuse' in played) {
        call.answered = 'refused';
        response.writeHead(400, { 'content-type': 'application/json' });
        response.end(JSON.stringify(errorBody(turn.dialect, 400, played.refuse)));
        return;
      }
      call.answered = played.kind;
      writeUpstreamAnswer(response, turn.dialect, played.answer, turn.stream);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    script(next) {
      script = next;
    },
    failWith(status) {
      failure = status;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
