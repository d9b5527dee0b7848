import { Tiktoken } from 'js-tiktoken/lite';
import type { TiktokenBPE } from 'js-tiktoken/lite';
import type { CanonicalRequest, InputSample, Usage } from '../canonical/types.js';

let encoder: Tiktoken | undefined;

/**
 * A real BPE tokenizer (o200k_base, OpenAI's current one), used when a provider did not report
 * usage. For other providers' models it is an estimate, and every figure it produces is marked as
 * one. It is built on first use (about 0.25 s of CPU, about 65 MB of memory): most providers
 * report usage, so most relays never pay for it.
 */
async function loadEncoder(): Promise<Tiktoken> {
  encoder ??= buildEncoder((await import('js-tiktoken/ranks/o200k_base')).default);
  return encoder;
}

/**
 * js-tiktoken's constructor keeps a decode table the relay never uses (200,000 byte arrays) and
 * goes through a 200,000-key object on the way: ~100 MB of peak RSS. The encoder is built empty
 * and its rank table filled directly (the same table: byte values joined by commas, later ranks of
 * a repeated token winning).
 */
function buildEncoder(ranks: TiktokenBPE): Tiktoken {
  const built = new Tiktoken({ ...ranks, bpe_ranks: '' });
  const rankMap = (built as unknown as { rankMap: Map<string, number> }).rankMap;
  for (const line of ranks.bpe_ranks.split('\n')) {
    if (!line) continue;
    const [, offsetText, ...tokens] = line.split(' ');
    const offset = Number.parseInt(offsetText!, 10);
    tokens.forEach((token, index) => rankMap.set(Buffer.from(token, 'base64').join(','), offset + index));
  }
  return built;
}

// js-tiktoken's BPE merge is worse than quadratic in a piece's length: one 16 kB run without a
// space (base64, a minified line, a repeated character) takes about 19 s of blocked event loop.
// Runs are cut every `maxRun` characters (ordinary words are shorter, so their counts do not
// change), and a long text is counted from evenly spaced samples, so an estimate stays bounded.
const maxRun = 24;
const runs = new RegExp(`\\S{${maxRun}}(?=\\S)`, 'g');
const sampleChars = 4096;
const samples = 8;
/** A text longer than this is counted from samples of it. */
export const sampledAboveChars = sampleChars * samples;

/** Tokens in a piece of text, its long runs cut (each cut's extra space taken off again). */
function encodeCut(tokenizer: Tiktoken, text: string): number {
  let cuts = 0;
  const cut = text.replace(runs, (run) => {
    cuts += 1;
    return `${run} `;
  });
  return Math.max(0, tokenizer.encode(cut).length - cuts);
}

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
function countSample(tokenizer: Tiktoken, sample: { windows: readonly string[]; length: number }): number {
  if (sample.length === 0) return 0;
  if (sample.length <= sampledAboveChars) return encodeCut(tokenizer, sample.windows[0]!);
  let tokens = 0;
  let sampled = 0;
  for (const window of sample.windows) {
    tokens += encodeCut(tokenizer, window);
    sampled += window.length;
  }
  return Math.round((tokens * sample.length) / sampled);
}

/** Tokens in a text: exact for ordinary text up to samples × sampleChars, extrapolated beyond. */
export function countTokens(tokenizer: Tiktoken, text: string): number {
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
  return { ...sampleText(pieces), messages: request.messages.length };
}

/**
 * A quick estimate of a request's input tokens, 4 characters a token (routing's estimate), for
 * when a figure is needed at once and no tokenizer may be waited for.
 */
export function quickInputTokens(request: CanonicalRequest): number {
  const input = request.inputSample ?? sampleInput(request);
  return Math.ceil(input.length / 4) + input.messages * perMessageTokens;
}

/** Estimated usage for a request and the output text the relay saw, marked `estimated`. */
export async function estimateUsage(
  request: CanonicalRequest,
  output: { text: string; reasoning: string },
): Promise<Usage> {
  const tokenizer = await loadEncoder();
  const input = request.inputSample ?? sampleInput(request);
  const reasoningTokens = countTokens(tokenizer, output.reasoning);
  return {
    inputTokens: countSample(tokenizer, input) + input.messages * perMessageTokens,
    outputTokens: countTokens(tokenizer, output.text) + reasoningTokens,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    reasoningTokens,
    estimated: true,
  };
}
