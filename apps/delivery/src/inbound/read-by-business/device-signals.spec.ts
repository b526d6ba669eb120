import { READ_SIGNAL_WINDOW_MS, signalsBody, signalsFor, TYPING_FOR_MS } from './device-signals';

const at = '2026-01-01T00:00:00.500Z';
const read = { business_id: '123', phone_number_id: '456', message_id: 'wamid.abc', typing: true, at };
const t0 = Date.parse(at);

describe('signalsFor', () => {
  it('tells a read receipt and typing, both with the read time in unix seconds', () => {
    expect(signalsFor(read, t0 + 100)).toEqual([
      { type: 'read', message_id: 'wamid.abc', timestamp: '1767225600' },
      { type: 'typing', phone_number_id: '456', timestamp: '1767225600' },
    ]);
  });

  it('tells only the read receipt without typing_indicator', () => {
    expect(signalsFor({ ...read, typing: false }, t0)).toEqual([{ type: 'read', message_id: 'wamid.abc', timestamp: '1767225600' }]);
  });

  it('drops typing once its 25 s are over, and the read receipt once its retry window is', () => {
    expect(signalsFor(read, t0 + TYPING_FOR_MS).map((s) => s.type)).toEqual(['read']);
    expect(signalsFor(read, t0 + READ_SIGNAL_WINDOW_MS + 1)).toEqual([]);
  });
});

describe('signalsBody', () => {
  it('carries signals only, no messages', () => {
    const signals = signalsFor(read, t0);
    expect(JSON.parse(signalsBody(signals).toString('utf8'))).toEqual({ signals });
  });
});
