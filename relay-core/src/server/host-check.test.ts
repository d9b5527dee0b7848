import { describe, expect, it } from 'vitest';
import { createHostCheck } from './host-check.js';

describe('createHostCheck', () => {
  it('serves loopback names at the relay port, and a configured name behind a balancer on any port', () => {
    const check = createHostCheck(4141, ['relay.team.internal']);
    expect(['127.0.0.1:4141', 'localhost:4141', '[::1]:4141'].map(check)).toEqual([true, true, true]);
    expect(['relay.team.internal', 'relay.team.internal:443', 'RELAY.team.internal:4141'].map(check)).toEqual(
      [true, true, true],
    );
  });

  it('refuses any other name, whatever its port (a rebinding page sends its own)', () => {
    const check = createHostCheck(4141, ['relay.team.internal']);
    const refused = [
      'evil.example:4141',
      'relay.team.internal.evil.example',
      'relay.team.internal:443@evil.example',
      'relay.team.internal:notaport',
      '127.0.0.1.nip.io:4141',
      undefined,
    ];
    expect(refused.map(check)).toEqual(refused.map(() => false));
  });
});
