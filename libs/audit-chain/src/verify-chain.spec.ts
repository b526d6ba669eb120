import fc from 'fast-check';
import { chainHash, contentHash, GENESIS_HASH } from './chain-hash';
import { ChainedRecord, verifyChain } from './verify-chain';

function buildChain(events: object[]): ChainedRecord[] {
  let prev = GENESIS_HASH;
  return events.map((event, i) => {
    const hash = chainHash(prev, event);
    const record = { seq: i + 1, prev_hash: prev, hash, event };
    prev = hash;
    return record;
  });
}

const eventArb = fc.record({
  eventId: fc.uuid(),
  type: fc.constantFrom('message.accepted', 'message.delivered', 'key.destroyed', 'retention.sweep'),
  correlationId: fc.string({ minLength: 1, maxLength: 20 }),
  payload: fc.record({ target: fc.string({ maxLength: 30 }), count: fc.integer() }),
});
const chainArb = fc.array(eventArb, { minLength: 2, maxLength: 25 }).map(buildChain);
const clone = (records: ChainedRecord[]) => structuredClone(records);

describe('verifyChain', () => {
  it('accepts an untouched log and reports its head', () => {
    fc.assert(
      fc.property(chainArb, (records) => {
        expect(verifyChain(records)).toEqual({ valid: true, length: records.length, head_hash: records[records.length - 1].hash });
      }),
    );
  });

  it('names the altered event, whatever field of whichever event changed', () => {
    const fieldArb = fc.constantFrom('seq', 'prev_hash', 'hash', 'type', 'correlationId', 'payload.target', 'payload.count');
    fc.assert(
      fc.property(chainArb, fc.nat(), fieldArb, (original, at, field) => {
        const records = clone(original);
        const i = at % records.length;
        const r = records[i] as ChainedRecord & { event: Record<string, unknown> & { payload: Record<string, unknown> } };
        if (field === 'seq') r.seq += 1000;
        else if (field === 'prev_hash' || field === 'hash') r[field] = (r[field][0] === 'a' ? 'b' : 'a') + r[field].slice(1);
        else if (field === 'payload.count') r.event.payload.count = (r.event.payload.count as number) + 1;
        else if (field === 'payload.target') r.event.payload.target = `${r.event.payload.target as string}x`;
        else r.event[field] = `${r.event[field] as string}x`;
        expect(verifyChain(records)).toMatchObject({ valid: false, first_invalid_seq: i + 1 });
      }),
    );
  });

  it('names the first missing event when one (not the last) is deleted', () => {
    fc.assert(
      fc.property(chainArb, fc.nat(), (original, at) => {
        const i = at % (original.length - 1);
        const records = clone(original).filter((_, j) => j !== i);
        expect(verifyChain(records)).toMatchObject({ valid: false, first_invalid_seq: i + 1 });
      }),
    );
  });

  it('names the first position when two events are swapped', () => {
    fc.assert(
      fc.property(chainArb, fc.nat(), fc.nat(), fc.boolean(), (original, a, b, keepSeq) => {
        const i = a % original.length;
        const j = b % original.length;
        fc.pre(i !== j);
        const records = clone(original);
        const [lo, hi] = [Math.min(i, j), Math.max(i, j)];
        if (keepSeq) {
          // swapped contents, seq left in place (what a reordering in the store looks like)
          [records[lo].event, records[hi].event] = [records[hi].event, records[lo].event];
        } else {
          [records[lo], records[hi]] = [records[hi], records[lo]];
        }
        expect(verifyChain(records)).toMatchObject({ valid: false, first_invalid_seq: lo + 1 });
      }),
    );
  });

  it('accepts an expired prefix (events gone, chain kept) and refuses expiry in the middle', () => {
    fc.assert(
      fc.property(chainArb, fc.nat(), (original, at) => {
        const cut = at % original.length;
        const records = clone(original).map((r, i) => (i < cut ? { ...r, event: undefined, expired: true } : r));
        expect(verifyChain(records)).toMatchObject({ valid: true, length: records.length });
        if (cut + 1 < records.length) {
          records[cut + 1] = { ...records[cut + 1], event: undefined, expired: true };
          expect(verifyChain(records)).toMatchObject({ valid: false, first_invalid_seq: cut + 2 });
        }
      }),
    );
  });

  it('refuses a live event whose content hash does not match it', () => {
    const records = buildChain([{ eventId: 'a', type: 't' }, { eventId: 'b', type: 't' }]).map((r) => ({ ...r, content_hash: contentHash(r.event) }));
    expect(verifyChain(records)).toMatchObject({ valid: true });
    records[1]!.content_hash = contentHash({ eventId: 'b', type: 'other' });
    expect(verifyChain(records)).toMatchObject({ valid: false, first_invalid_seq: 2, reason: 'content_hash does not match the event' });
  });
});
