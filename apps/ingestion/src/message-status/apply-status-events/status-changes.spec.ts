import { statusChanges, StatusStep } from './status-changes';

const step = (messageId: string, status: StatusStep['status'], timestamp: string, errors?: StatusStep['errors']): StatusStep => ({ messageId, status, timestamp, ...(errors && { errors }) });
const noDevice = [{ code: 131026, title: 'Message undeliverable', message: 'no device' }];

describe('statusChanges', () => {
  it('makes one change per message, the furthest step winning, with every step on the way timed', () => {
    const changes = statusChanges([step('m1', 'sent', '10'), step('m2', 'sent', '11'), step('m1', 'delivered', '12'), step('m1', 'read', '13')]);
    expect(changes).toEqual([
      { messageId: 'm1', status: 'read', timestamps: { sent: '10', delivered: '12', read: '13' }, from: ['accepted', 'sent', 'delivered'] },
      { messageId: 'm2', status: 'sent', timestamps: { sent: '11' }, from: ['accepted'] },
    ]);
  });

  it('ignores a late, older step', () => {
    expect(statusChanges([step('m1', 'delivered', '12'), step('m1', 'sent', '10')])).toEqual([
      { messageId: 'm1', status: 'delivered', timestamps: { delivered: '12' }, from: ['accepted', 'sent'] },
    ]);
  });

  it('keeps failed terminal, with its errors', () => {
    expect(statusChanges([step('m1', 'sent', '10'), step('m1', 'failed', '11', noDevice), step('m1', 'read', '12')])).toEqual([
      { messageId: 'm1', status: 'failed', timestamps: { sent: '10', failed: '11' }, errors: noDevice, from: ['accepted', 'sent'] },
    ]);
  });

  it('lets the first of two equal ranks stand, as one-by-one application does', () => {
    expect(statusChanges([step('m1', 'delivered', '12'), step('m1', 'failed', '13', noDevice)])).toEqual([
      { messageId: 'm1', status: 'delivered', timestamps: { delivered: '12' }, from: ['accepted', 'sent'] },
    ]);
  });

  it('never lets a read or failed message be replaced', () => {
    const from = statusChanges([step('a', 'read', '1'), step('b', 'failed', '1')]).flatMap((c) => c.from);
    expect(from).not.toContain('read');
    expect(from).not.toContain('failed');
  });

  it('changes nothing for an accepted step or no steps', () => {
    expect(statusChanges([step('m1', 'accepted', '1')])).toEqual([]);
    expect(statusChanges([])).toEqual([]);
  });
});
