import { needsOpenWindow, windowChanges, withinWindow } from './service-window-rule';

const HOUR = 3_600_000;
const sentAt = new Date('2026-12-07T12:00:00Z');

describe('the service window rule', () => {
  it('lets templates through and holds every free-form type to the window', () => {
    expect(needsOpenWindow('template')).toBe(false);
    for (const type of ['text', 'location', 'contacts', 'interactive', 'reaction'] as const) expect(needsOpenWindow(type)).toBe(true);
  });

  it('is open when the customer wrote within the window, up to its last millisecond, or after the send', () => {
    expect(withinWindow(24 * HOUR, new Date(sentAt.getTime() - HOUR), sentAt)).toBe(true);
    expect(withinWindow(24 * HOUR, new Date(sentAt.getTime() - 24 * HOUR), sentAt)).toBe(true);
    expect(withinWindow(24 * HOUR, new Date(sentAt.getTime() + 1000), sentAt)).toBe(true);
  });

  it('is closed when the customer never wrote or wrote before the window', () => {
    expect(withinWindow(24 * HOUR, undefined, sentAt)).toBe(false);
    expect(withinWindow(24 * HOUR, new Date(sentAt.getTime() - 24 * HOUR - 1), sentAt)).toBe(false);
  });
});

describe('windowChanges', () => {
  it('writes new and changed windows, deletes dropped ones and leaves unchanged ones alone', () => {
    const stored = [
      { _id: 'same', window_ms: HOUR },
      { _id: 'changed', window_ms: HOUR },
      { _id: 'dropped', window_ms: HOUR },
    ];
    expect(windowChanges(stored, { same: HOUR, changed: 2 * HOUR, added: 24 * HOUR })).toEqual({
      write: [
        { _id: 'changed', window_ms: 2 * HOUR },
        { _id: 'added', window_ms: 24 * HOUR },
      ],
      remove: ['dropped'],
    });
  });
});
