import type { FakeWebhookReceiver } from '@sealpost/testing';
import { CRASH_RESEND_WINDOW_MS, deliveryFindings, DeviceTally, placed } from './invariants';
import type { Submission } from './load-generator';

const device = {};
const deviceIds = new Map<object, string>([[device, 'device-0']]);
const receiver = { statuses: () => [] } as unknown as FakeWebhookReceiver;
const submission = (tag: string) => ({ tag, recipient: { phone: '+12025552000', devices: [device] } }) as unknown as Submission;
const crash = { from: 100_000, to: 100_050 };

function findings(copies: Record<string, { messageId: string; at: number }[]>) {
  const tally: DeviceTally = new Map([['device-0', new Map(Object.entries(copies))]]);
  return deliveryFindings(Object.keys(copies).map(submission), tally, receiver, deviceIds, [crash]);
}

describe('deliveryFindings and delivery crashes', () => {
  it('admits the resend of the one POST a delivery SIGKILL cut off, and nothing more', () => {
    const cutOff = crash.from - 10;
    const result = findings({
      a: [{ messageId: 'm1', at: cutOff }, { messageId: 'm1', at: crash.to + 5000 }],
      b: [{ messageId: 'm2', at: cutOff }, { messageId: 'm2', at: crash.to + 5000 }],
      // an earlier POST to the same device was answered and recorded long before: its resend is a bug
      c: [{ messageId: 'm3', at: cutOff - 500 }, { messageId: 'm3', at: crash.to + 5000 }],
    });
    expect(result.resentAfterCrash).toHaveLength(2);
    expect(result.duplicated).toEqual([expect.stringContaining('c x2')]);
  });

  it('never admits a resend of what arrived outside the window, nor one send accepted twice', () => {
    const result = findings({
      old: [{ messageId: 'm1', at: crash.from - CRASH_RESEND_WINDOW_MS - 1 }, { messageId: 'm1', at: crash.to + 1 }],
      twice: [{ messageId: 'm2', at: crash.from }, { messageId: 'm3', at: crash.to + 1 }],
    });
    expect(result.resentAfterCrash).toEqual([]);
    expect(result.duplicated).toHaveLength(2);
  });
});

describe('placed', () => {
  const timeline = { startedAt: 1_000, faults: [{ name: 'stop-delivery', from: 11_000, to: 25_000 }, { name: 'store-restart', from: 40_000, to: 52_000 }] };

  it('places an arrival in the fault under way, after the last one healed, or before any', () => {
    expect(placed(15_000, timeline)).toBe('+14.0 s (4.0 s into stop-delivery)');
    expect(placed(30_000, timeline)).toBe('+29.0 s (5.0 s after stop-delivery healed)');
    expect(placed(5_000, timeline)).toBe('+4.0 s (before any fault)');
  });
});

describe('deliveryFindings and statuses out of order', () => {
  it('names a message whose statuses went backwards, with when each arrived', () => {
    const body = (status: string) => ({ entry: [{ id: 'b', changes: [{ value: { metadata: { phone_number_id: 'p' }, statuses: [{ id: 'm1', status, biz_opaque_callback_data: 'a' }] } }] }] });
    const requests = [
      { body: body('delivered'), signatureValid: true, answeredStatus: 200, receivedAt: 11_000 },
      { body: body('sent'), signatureValid: true, answeredStatus: 200, receivedAt: 12_000 },
    ];
    const withStatuses = { requests, statuses: () => requests.flatMap((r) => r.body.entry[0]!.changes[0]!.value.statuses) } as unknown as FakeWebhookReceiver;
    const tally: DeviceTally = new Map([['device-0', new Map([['a', [{ messageId: 'm1', at: 10_000 }]]])]]);
    const result = deliveryFindings([submission('a')], tally, withStatuses, deviceIds, [], { startedAt: 1_000, faults: [] });
    expect(result.backwards).toEqual(['a: delivered → sent (delivered +10.0 s (before any fault), sent +11.0 s (before any fault))']);
  });
});
