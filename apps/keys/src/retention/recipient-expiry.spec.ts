import { PurgeCommand } from '@sealpost/contracts';
import { expiredRecipients, recipientCutoff } from './recipient-expiry';

const DAY = 24 * 60 * 60 * 1000;
const issuedAt = Date.parse('2026-12-31T00:00:00Z');
const command = (policies: Record<string, number> = {}): PurgeCommand => ({ command_id: 'c', issued_at: new Date(issuedAt).toISOString(), default_max_age_ms: 30 * DAY, policies });
const row = (usedDaysAgo: number | undefined, pinned = false) => ({ used_until: usedDaysAgo === undefined ? undefined : new Date(issuedAt - usedDaysAgo * DAY), pinned });

describe('recipient expiry', () => {
  it('waits for the longest retention any business may have, not the shortest policy', () => {
    expect(recipientCutoff(command({ a: 1000 })).getTime()).toBe(issuedAt - 30 * DAY);
  });

  it('deletes rows out of use for longer than that, and only those', () => {
    const old = row(31);
    const recent = row(29);
    expect(expiredRecipients([old, recent], command({ a: 5 * DAY }))).toEqual([old]);
  });

  it('keeps a row a device pins, and a row from before use was tracked', () => {
    expect(expiredRecipients([row(400, true), row(undefined)], command())).toEqual([]);
  });
});
