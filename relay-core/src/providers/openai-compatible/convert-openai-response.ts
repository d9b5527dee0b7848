import { RelayError } from '../../canonical/errors.js';
import { wrapCustomInput } from '../../canonical/custom-tool-input.js';
import { parseUpstreamJson } from '../shared/parse-upstream-json.js';
import type { CanonicalResponse, TokenLogprob } from '../../canonical/types.js';
import { convertOpenAIUsage } from './convert-openai-usage.js';
import { mapOpenAIFinishReason } from './map-openai-finish-reason.js';
import { readOpenAIContent } from './read-openai-content.js';
import { keepPlainAnswer } from './keep-plain-answer.js';

interface ResponseWire {
  id?: string;
  model?: string;
  created?: number;
  choices?: Array<{
    message?: {
      content?: unknown;
      refusal?: string | null;
      reasoning_content?: string | null;
      reasoning?: string | null;
      tool_calls?: Array<{
        id?: string;
        function?: { name?: string; arguments?: string };
        /** A call to a Chat client's custom tool: its text, not JSON arguments. */
        custom?: { name?: string; input?: string };
      }>;
    };
    finish_reason?: string | null;
    logprobs?: { content?: TokenLogprob[] | null } | null;
  }>;
  usage?: unknown;
  x_groq?: { usage?: unknown };
}

/** Converts a non-streaming OpenAI-family body; malformed bodies become a retryable protocol error. */
export function convertOpenAIResponse(text: string, provider: string): CanonicalResponse {
  const wire = parseUpstreamJson<ResponseWire>(text, provider, 'body');
  const choice = wire?.choices?.[0];
  if (!choice) {
    throw new RelayError('UPSTREAM_PROTOCOL_ERROR', `${provider}: upstream response has no choices`, {
      provider,
    });
  }
  const message = choice.message ?? {};
  const content: CanonicalResponse['content'] = [];
  const reasoning = message.reasoning_content ?? message.reasoning;
  if (typeof reasoning === 'string' && reasoning.length > 0)
    content.push({ type: 'reasoning', text: reasoning, provider });
  for (const piece of readOpenAIContent(message.content)) {
    content.push(
      piece.kind === 'text'
        ? { type: 'text', text: piece.text }
        : { type: 'reasoning', text: piece.text, provider },
    );
  }
  if (typeof message.refusal === 'string' && message.refusal.length > 0)
    content.push({ type: 'text', text: message.refusal, refusal: true });
  for (const [i, call] of (message.tool_calls ?? []).entries()) {
    content.push({
      type: 'tool_call',
      id: call.id ?? `call_${i}`,
      name: call.function?.name ?? call.custom?.name ?? '',
      arguments: call.custom ? wrapCustomInput(call.custom.input ?? '') : (call.function?.arguments ?? ''),
    });
  }
  const answer: CanonicalResponse = {
    id: wire.id ?? '',
    model: wire.model ?? '',
    created: wire.created ?? Math.floor(Date.now() / 1000),
    content,
    finishReason: mapOpenAIFinishReason(choice.finish_reason),
    rawFinishReason: choice.finish_reason ?? undefined,
    usage: convertOpenAIUsage(wire),
    ...(choice.logprobs?.content ? { logprobs: choice.logprobs.content } : {}),
  };
  return keepPlainAnswer(answer, wire, text);
}
