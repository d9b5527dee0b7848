/** Splits a raw SSE body into events, each with its trailing blank line, keeping the bytes as recorded. */
export function splitSseEvents(body: string): string[] {
  const events: string[] = [];
  // events end with a blank line; some providers (Gemini) use CRLF line ends
  const pattern = /\r?\n\r?\n/g;
  let start = 0;
  for (let match = pattern.exec(body); match; match = pattern.exec(body)) {
    events.push(body.slice(start, match.index + match[0].length));
    start = match.index + match[0].length;
  }
  if (start < body.length) events.push(body.slice(start));
  return events;
}
