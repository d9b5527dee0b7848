import { randomBytes } from 'node:crypto';

// 64 random bits per relay process, then a counter: unique across restarts and processes sharing
// one history database, without a call into the crypto library per request
const processPart = randomBytes(8).toString('hex');
let counter = 0;

/** A request's id (`x-relay-request-id`, the history's key): `req_` and 32 hex digits. */
export function newRequestId(): string {
  counter += 1;
  return `req_${processPart}${counter.toString(16).padStart(16, '0')}`;
}
