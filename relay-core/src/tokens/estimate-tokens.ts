import type { CanonicalRequest, InputSample, Usage } from '../canonical/types.js';
import { BpeCounter } from './bpe-counter.js';

let counter: Promise<BpeCounter> | undefined;

/**
 * A real BPE tokenizer's counts (o200k_base, OpenAI's current one), used when a provider did not
 * report usage and for a token count no upstream can make. For other providers' models it is an
 * estimate, and every figure it produces is marked as one. Its table (about 20 MB) is built once,
 * a slice per turn of the event loop; `warmTokenCounter` starts that before the first count needs
 * it, so the first count_tokens answer does not wait for it.
 */
function loadCounter(): Promise<BpeCounter> {
  counter ??= import('js-tiktoken/ranks/o200k_base').then((ranks) =>
    BpeCounter.build(ranks.default, () => new Promise((resolve) => setImmediate(resolve))),
  );
  return counter;
}

/** Starts building the token counter in the background (the relay calls it once it serves). */
export function warmTokenCounter(): void {
  void loadCounter().catch(() => undefined);
}

// A long text is counted from evenly spaced samples, so an estimate's cost stays bounded.
const sampleChars = 4096;
const samples = 8;
/** A text longer than this is counted from samples of it. */
export const sampledAboveChars = sampleChars * samples;

/** A copy of a string that shares nothing with it (V8 keeps a long slice's parent alive). */
function detached(text: string): string {
  return Buffer.from(text, 'utf16le').toString('utf16le');
}

/**
 * What a count reads of the text that `pieces` make joined by newlines: the whole text when it is
 * at most `samples` × `sampleChars` long, else `samples` evenly spaced windows of `sampleChars`,
 * detached from the pieces so they can be kept without them.
 */
function sampleText(pieces: readonly string[]): { windows: string[]; length: number } {
  const length = pieces.reduce((sum, piece) => sum + piece.length, 0) + Math.max(0, pieces.length - 1);
  if (length <= sampledAboveChars) return { windows: [pieces.join('\n')], length };
  const windows: string[] = [];
  const stride = length / samples;
  let piece = 0;
  // where pieces[piece] starts in the joined text
  let pieceStart = 0;
  for (let index = 0; index < samples; index++) {
    const start = Math.floor(index * stride);
    const end = start + sampleChars;
    while (pieceStart + pieces[piece]!.length < start) {
      pieceStart += pieces[piece]!.length + 1;
      piece += 1;
    }
    const parts: string[] = [];
    for (let at = piece, from = pieceStart; from < end && at < pieces.length; at++) {
      const text = pieces[at]!;
      parts.push(text.slice(Math.max(0, start - from), Math.min(text.length, end - from)));
      // the newline after this piece, when the window reaches it
      if (at < pieces.length - 1 && from + text.length >= start && from + text.length < end) parts.push('\n');
      from += text.length + 1;
    }
    windows.push(detached(parts.join('')));
  }
  return { windows, length };
}

/** Tokens in a sampled text: exact up to samples × sampleChars, extrapolated beyond. */
function countSample(tokenizer: BpeCounter, sample: { windows: readonly string[]; length: number }): number {
  if (sample.length === 0) return 0;
  if (sample.length <= sampledAboveChars) return tokenizer.count(sample.windows[0]!);
  let tokens = 0;
  let sampled = 0;
  for (const window of sample.windows) {
    tokens += tokenizer.count(window);
    sampled += window.length;
  }
  return Math.round((tokens * sample.length) / sampled);
}

/** Tokens in a text: exact for ordinary text up to samples × sampleChars, extrapolated beyond. */
export function countTokens(tokenizer: BpeCounter, text: string): number {
  return countSample(tokenizer, sampleText([text]));
}

// chat formats add a few tokens per message (role markers and separators)
const perMessageTokens = 4;

/**
 * What a usage estimate reads of a request's input: its text (every message's text, reasoning,
 * tool calls and results, and the tools), sampled as `countTokens` samples it, and how many
 * messages it has. Small enough to keep once the request's messages are let go.
 */
export function sampleInput(request: CanonicalRequest): InputSample {
  return { ...sampleText(inputPieces(request)), messages: request.messages.length };
}

/** The texts a usage estimate reads of a request, in order. */
function inputPieces(request: CanonicalRequest): string[] {
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
  return pieces;
}

/**
 * A quick estimate of a request's input tokens, 4 characters a token (routing's estimate), for
 * when a figure is needed at once and no tokenizer may be waited for.
 */
export function quickInputTokens(request: CanonicalRequest): number {
  const sample = request.inputSample;
  // the pieces joined by newlines, as a sample measures them
  const length =
    sample?.length ??
    inputPieces(request).reduce((sum, piece, index) => sum + piece.length + Math.min(1, index), 0);
  return Math.ceil(length / 4) + (sample?.messages ?? request.messages.length) * perMessageTokens;
}

/**
 * Estimated usage for a request and the output text the relay saw, each count marked `estimated`.
 * Reasoning is counted only when the relay saw some: a model may reason without showing it.
 */
export async function estimateUsage(
  request: CanonicalRequest,
  output: { text: string; reasoning: string },
): Promise<Usage> {
  const tokenizer = await loadCounter();
  const input = request.inputSample ?? sampleInput(request);
  const reasoningTokens = countTokens(tokenizer, output.reasoning);
  const usage: Usage = {
    inputTokens: countSample(tokenizer, input) + input.messages * perMessageTokens,
    outputTokens: countTokens(tokenizer, output.text) + reasoningTokens,
    estimated: ['inputTokens', 'outputTokens'],
  };
  if (output.reasoning.length > 0) {
    usage.reasoningTokens = reasoningTokens;
    usage.estimated!.push('reasoningTokens');
  }
  return usage;
}
