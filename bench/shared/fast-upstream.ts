/**
 * An OpenAI-compatible upstream that answers every chat completion at once with the same short
 * answer, prepared as bytes before the first request: fast enough that a relay's own work shows in
 * the benchmark instead of the upstream's. `"stream": true` in a body gets the same answer as a
 * few SSE events.
 *
 *   node --import tsx bench/shared/fast-upstream.ts --port 4300
 */
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { port: { type: 'string', default: '0' } } });

const base = { id: 'chatcmpl-bench', created: 1765000000, model: 'gpt-4.1-nano-2025-04-14' };
const whole = Buffer.from(
  JSON.stringify({
    ...base,
    object: 'chat.completion',
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: 'Hello! How can I help you today?', refusal: null },
        logprobs: null,
        finish_reason: 'stop',
      },
    ],
    usage: { prompt_tokens: 12, completion_tokens: 9, total_tokens: 21 },
    system_fingerprint: 'fp_bench',
  }),
);
const chunk = (delta: object, finish: string | null, usage: object | null = null) =>
  `data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: finish }], usage })}\n\n`;
const streamed = Buffer.from(
  chunk({ role: 'assistant', content: '' }, null) +
    chunk({ content: 'Hello! How can I help' }, null) +
    chunk({ content: ' you today?' }, null) +
    chunk({}, 'stop') +
    `data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices: [], usage: { prompt_tokens: 12, completion_tokens: 9, total_tokens: 21 } })}\n\n` +
    'data: [DONE]\n\n',
);
const wholeHeaders = { 'content-type': 'application/json', 'content-length': whole.length };
const streamHeaders = { 'content-type': 'text/event-stream', 'content-length': streamed.length };
// a streaming request says so early in its body; the search stays within the first bytes
const streamFlag = /"stream"\s*:\s*true/;

const server = createServer((request, response) => {
  let head = '';
  request.on('data', (data: Buffer) => {
    if (head.length < 4096) head += data.toString('latin1');
  });
  request.on('end', () => {
    const stream = streamFlag.test(head);
    response.writeHead(200, stream ? streamHeaders : wholeHeaders);
    response.end(stream ? streamed : whole);
  });
});
server.keepAliveTimeout = 65_000;
server.listen(Number(values.port), '127.0.0.1', () => {
  const address = server.address();
  console.log(`fast upstream listening on ${typeof address === 'object' && address ? address.port : ''}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
