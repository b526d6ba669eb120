import type { IncomingRecord } from '@sealpost/kafka';
import { submitRecordKey } from './submit-record-key';

const record = (partition: number, offset: string, timestamp = '1732550000000'): IncomingRecord =>
  ({ topic: 'sealpost.messages.submit.v1', partition, message: { offset, timestamp, key: null, value: Buffer.from('{}'), attributes: 0, headers: {} } }) as IncomingRecord;

describe('submitRecordKey', () => {
  it('is the same for the same record delivered again', () => {
    expect(submitRecordKey(record(3, '17'))).toBe(submitRecordKey(record(3, '17')));
    expect(submitRecordKey(record(3, '17'))).toBe('submit:3:17:1732550000000');
  });

  it('differs between records', () => {
    const keys = [record(3, '17'), record(3, '18'), record(4, '17'), record(3, '17', '1732550000001')].map(submitRecordKey);
    expect(new Set(keys).size).toBe(4);
  });
});
