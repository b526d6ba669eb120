import { purgeCutoff } from './retention';

describe('purgeCutoff', () => {
  const command = { command_id: 's1', issued_at: '2026-11-25T12:00:00.000Z', default_max_age_ms: 30 * 86400000, policies: { short: 5000 } };

  it('uses the business policy when it has one', () => {
    expect(purgeCutoff(command, 'short').toISOString()).toBe('2026-11-25T11:59:55.000Z');
  });

  it('falls back to the default', () => {
    expect(purgeCutoff(command, 'other').toISOString()).toBe('2026-10-26T12:00:00.000Z');
  });
});
