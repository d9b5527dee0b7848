import { Tiktoken } from 'js-tiktoken/lite';
import type { CanonicalRequest, Usage } from '../canonical/types.js';

let encoder: Tiktoken | undefined;

/**
 * A real BPE tokenizer (o200k_base, OpenAI's current one), used when a provider did not report
 * usage. For other providers' models it is an estimate, and every figure it produces is marked as
 * one. Building it takes about half a second of CPU, so the relay warms it right after it starts
 * listening (`warmTokenizer`) rather than stalling the first request that needs it.
 */
export async function warmTokenizer(): Promise<void> {
  await loadEncoder();
}

async function loadEncoder(): Promise<Tiktoken> {
  if (!encoder) {
    const { default: ranks } = await import('js-tiktoken/ranks/o200k_base');
    encoder = new Tiktoken(ranks);
  }
  return encoder;
}

// chat formats add a few tokens per message (role markers and separators)
const perMessageTokens = 4;

function requestText(request: CanonicalRequest): { text: string; messages: number } {
  const pieces: string[] = [];
  for (const message of request.messages) {
    for (const part of message.content) {
      if (part.type === 'text' || part.type === 'reasoning') pieces.push(part.text);
      else if (part.type === 'tool_call') pieces.push(part.name, part.arguments);
      else if (part.type === 'tool_result')
        for (const inner of part.content) if (inner.type === 'text') pieces.push(inner.text);
    }
  }
  if (request.tools) pieces.push(JSON.stringify(request.tools));
  return { text: pieces.join('\n'), messages: request.messages.length };
}

/** Estimated usage for a request and the output text the relay saw, marked `estimated`. */
export async function estimateUsage(
  request: CanonicalRequest,
  output: { text: string; reasoning: string },
): Promise<Usage> {
  const tokenizer = await loadEncoder();
  const input = requestText(request);
  const reasoningTokens = output.reasoning ? tokenizer.encode(output.reasoning).length : 0;
  return {
    inputTokens: tokenizer.encode(input.text).length + input.messages * perMessageTokens,
    outputTokens: tokenizer.encode(output.text).length + reasoningTokens,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    reasoningTokens,
    estimated: true,
  };
}
