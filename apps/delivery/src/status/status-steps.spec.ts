import { MessageStatus } from '@sealpost/contracts';
import { ReportedStatus, statusSteps, unixSeconds } from './status-steps';

describe('statusSteps (never downgrade)', () => {
  it.each<[MessageStatus, ReportedStatus, ReportedStatus[]]>([
    ['accepted', 'sent', ['sent']],
    ['accepted', 'delivered', ['sent', 'delivered']],
    ['accepted', 'read', ['sent', 'delivered', 'read']],
    ['accepted', 'failed', ['failed']],
    ['sent', 'delivered', ['delivered']],
    ['sent', 'read', ['delivered', 'read']],
    ['sent', 'failed', ['failed']],
    ['delivered', 'read', ['read']],
  ])('%s → %s passes through %j', (from, to, steps) => expect(statusSteps(from, to)).toEqual(steps));

  it.each<[MessageStatus, ReportedStatus]>([
    ['sent', 'sent'],
    ['delivered', 'sent'],
    ['delivered', 'delivered'],
    ['delivered', 'failed'],
    ['read', 'sent'],
    ['read', 'delivered'],
    ['read', 'read'],
    ['read', 'failed'],
    ['failed', 'sent'],
    ['failed', 'delivered'],
    ['failed', 'read'],
    ['failed', 'failed'],
  ])('%s → %s changes nothing', (from, to) => expect(statusSteps(from, to)).toEqual([]));
});

describe('unixSeconds', () => {
  it('floors to whole seconds', () => expect(unixSeconds(new Date(1732550000999))).toBe('1732550000'));
});
