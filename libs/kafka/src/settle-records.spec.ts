import type { IncomingRecord } from './kafka-subscription';
import { PoisonRecordError } from './poison-record.error';
import { SettleHooks, settleRecords } from './settle-records';

const record = (offset: number): IncomingRecord => ({ topic: 't', partition: 0, message: { offset: String(offset), key: null, value: Buffer.from('{}'), timestamp: '0', attributes: 0, headers: {} } }) as unknown as IncomingRecord;
const offsets = (records: readonly IncomingRecord[]) => records.map((r) => Number(r.message.offset));

function hooks(handle: (records: readonly IncomingRecord[]) => Promise<void>, stopping = () => false, othersSettled = false) {
  const handled: number[] = [];
  const deadLettered: { offset: number; reason: string }[] = [];
  let clock = 0;
  const h: SettleHooks = {
    handle: async (records) => {
      await handle(records);
      handled.push(...offsets(records));
      return [];
    },
    deadLetter: async (r, error) => void deadLettered.push({ offset: Number(r.message.offset), reason: error.reason }),
    heartbeat: async () => undefined,
    stopping,
    retrying: () => undefined,
    othersSettledSince: () => othersSettled,
    sleep: async (ms) => void (clock += ms),
    now: () => clock,
  };
  return { h, handled, deadLettered };
}

const outage = () => Object.assign(new Error('keys service answered 503'), { name: 'KeysUnavailable', getStatus: () => 503 });

describe('settleRecords', () => {
  it('sets aside the one record that fails for a reason of its own, and handles the others', async () => {
    const { h, handled, deadLettered } = hooks(async (records) => {
      if (offsets(records).includes(2)) throw new TypeError("Cannot read properties of undefined (reading 'body')");
    });
    await settleRecords([1, 2, 3].map(record), h);
    expect(handled).toEqual([1, 3]);
    expect(deadLettered).toEqual([{ offset: 2, reason: 'failed 3 times for a reason of its own (TypeError); set aside' }]);
  });

  it('retries a transient failure in place until it passes, setting nothing aside', async () => {
    let outage = 12;
    const { h, handled, deadLettered } = hooks(async () => {
      if (outage-- > 0) throw Object.assign(new Error('connection closed'), { name: 'MongoNetworkError' });
    });
    await settleRecords([1, 2].map(record), h);
    expect(handled).toEqual([1, 2]);
    expect(deadLettered).toEqual([]);
  });

  it('passes a failure of its own at once if it passes on a retry (a race, not a poison)', async () => {
    let failures = 1;
    const { h, handled, deadLettered } = hooks(async () => {
      if (failures-- > 0) throw new Error('idempotency key collided, but its message is gone');
    });
    await settleRecords([1, 2].map(record), h);
    expect(handled).toEqual([1, 2]);
    expect(deadLettered).toEqual([]);
  });

  it('hands dead-letter decisions the handler made to deadLetter', async () => {
    const deadLettered: number[] = [];
    await settleRecords([record(1), record(2)], {
      handle: async (records) => [{ record: records[1]!, error: new PoisonRecordError('invalid') }],
      deadLetter: async (r) => void deadLettered.push(Number(r.message.offset)),
      heartbeat: async () => undefined,
      stopping: () => false,
      retrying: () => undefined,
      othersSettledSince: () => false,
    });
    expect(deadLettered).toEqual([2]);
  });

  it('gives up, setting nothing aside, when the service stops', async () => {
    const { h, deadLettered } = hooks(async () => {
      throw new TypeError('boom');
    }, () => true);
    await expect(settleRecords([1, 2].map(record), h)).rejects.toThrow('boom');
    expect(deadLettered).toEqual([]);
  });

  it('takes a slice apart once a transient failure outlasts the bound, and sets aside the record still failing while the others passed', async () => {
    let calls = 0;
    const { h, handled, deadLettered } = hooks(async (records) => {
      calls++;
      if (offsets(records).includes(2)) throw outage();
    }, () => false, true);
    await settleRecords([1, 2, 3].map(record), h);
    expect(handled).toEqual([1, 3]);
    expect(deadLettered).toEqual([{ offset: 2, reason: expect.stringMatching(/^failed for 1\d\d s \(KeysUnavailable\) while other records passed; set aside$/) }]);
    expect(calls).toBeGreaterThan(40);
  });

  it('keeps retrying past the bound while nothing else passes (an outage), and sets nothing aside', async () => {
    let outageLeft = 200;
    const { h, handled, deadLettered } = hooks(async () => {
      if (outageLeft-- > 0) throw Object.assign(new Error('connection closed'), { name: 'MongoNetworkError' });
    });
    await settleRecords([record(1)], h);
    expect(handled).toEqual([1]);
    expect(deadLettered).toEqual([]);
  });
});
