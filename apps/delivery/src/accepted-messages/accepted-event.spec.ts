import { InvalidEvent, parseAcceptedTopicEvent } from './accepted-event';

const envelope = { alg: 'A256GCM', key_id: 'dk_abc', key_version: 1, iv: 'AAAAAAAAAAAAAAAA', ct: 'abc_-', tag: 'AAAAAAAAAAAAAAAAAAAAAA' };
const business = { phone_number_id: '1234567890', webhook_url: 'http://127.0.0.1:9/hook', app_secret: { ...envelope, key_id: 'dk_secret' }, revision: 1 };
const accepted = {
  type: 'message.accepted',
  payload: {
    message_id: 'wamid.HBgL123',
    business_id: '123456',
    recipient: 'ab'.repeat(32),
    recipient_key_id: 'dk_recipient',
    accepted_at: '2025-01-01T00:00:00.000Z',
    expires_at: '2025-01-31T00:00:00.000Z',
    sealed: envelope,
    business,
  },
};
const rejected = {
  type: 'message.rejected',
  payload: {
    message_id: 'wamid.HBgL124',
    business_id: '123456',
    rejected_at: '2025-01-01T00:00:00.000Z',
    error: { code: 131009, title: 'Parameter value is not valid', message: 'bad signature' },
    business,
  },
};

const without = (value: object, path: string[]): Record<string, unknown> => {
  const copy = structuredClone(value) as Record<string, unknown>;
  let target = copy;
  for (const key of path.slice(0, -1)) target = target[key] as Record<string, unknown>;
  delete target[path.at(-1)!];
  return copy;
};

describe('parseAcceptedTopicEvent', () => {
  it('accepts a well-formed accepted and rejected event', () => {
    expect(parseAcceptedTopicEvent(accepted).type).toBe('message.accepted');
    const parsed = parseAcceptedTopicEvent(rejected);
    expect(parsed.type === 'message.rejected' && parsed.payload.message_id).toBe('wamid.HBgL124');
  });

  it('accepts a business read, which carries no routing, and refuses one missing a field', () => {
    const read = { type: 'message.read_by_business', payload: { business_id: '123456', phone_number_id: '1234567890', message_id: 'wamid.HBgL125', typing: true, at: '2025-01-01T00:00:00.000Z' } };
    expect(parseAcceptedTopicEvent(read)).toEqual(read);
    for (const field of ['phone_number_id', 'message_id', 'typing', 'at']) expect(() => parseAcceptedTopicEvent(without(read, ['payload', field]))).toThrow(InvalidEvent);
    expect(() => parseAcceptedTopicEvent({ ...read, payload: { ...read.payload, typing: 'yes' } })).toThrow(InvalidEvent);
  });

  it('accepts a business change, which names no message', () => {
    const { message_id: _, error: __, rejected_at: ___, ...payload } = rejected.payload as Record<string, unknown>;
    const parsed = parseAcceptedTopicEvent({ type: 'business.changed', payload });
    expect(parsed).toMatchObject({ type: 'business.changed', payload: { business_id: payload.business_id, business: payload.business } });
    expect(() => parseAcceptedTopicEvent({ type: 'business.changed', payload: { ...payload, business: { ...(payload.business as object), webhook_url: 'ftp://x' } } })).toThrow(InvalidEvent);
  });

  it.each([
    ['payload', 'message_id'],
    ['payload', 'recipient'],
    ['payload', 'recipient_key_id'],
    ['payload', 'sealed'],
    ['payload', 'sealed', 'ct'],
    ['payload', 'business'],
    ['payload', 'business', 'app_secret'],
    ['payload', 'business', 'revision'],
    ['payload', 'expires_at'],
  ])('rejects an accepted event without %s.%s', (...path) => {
    expect(() => parseAcceptedTopicEvent(without(accepted, path))).toThrow(InvalidEvent);
  });

  it('rejects malformed values and unknown types, naming the field only', () => {
    const bad = structuredClone(accepted);
    bad.payload.sealed.ct = 'not base64url!';
    expect(() => parseAcceptedTopicEvent(bad)).toThrow(/payload\.sealed\.ct/);
    const badUrl = structuredClone(accepted);
    badUrl.payload.business.webhook_url = 'ftp://x';
    expect(() => parseAcceptedTopicEvent(badUrl)).toThrow(/webhook_url/);
    const badKey = structuredClone(accepted);
    badKey.payload.sealed.key_id = '../keys';
    expect(() => parseAcceptedTopicEvent(badKey)).toThrow(/payload\.sealed\.key_id/);
    expect(() => parseAcceptedTopicEvent({ ...accepted, type: 'message.other' })).toThrow(/unknown event type/);
    expect(() => parseAcceptedTopicEvent(without(rejected, ['payload', 'error']))).toThrow(InvalidEvent);
  });
});
