import { StallDetector } from './stall-detector';

describe('StallDetector', () => {
  it('calls a consumer stalled after two quiet checks with records waiting', () => {
    const d = new StallDetector();
    expect(d.quiet()).toBe(true);
    expect(d.stalled(5)).toBe(false);
    expect(d.quiet()).toBe(true);
    expect(d.stalled(5)).toBe(true);
  });

  it('never calls an idle, caught-up consumer stalled', () => {
    const d = new StallDetector();
    for (let i = 0; i < 5; i++) {
      expect(d.quiet()).toBe(true);
      expect(d.stalled(0)).toBe(false);
    }
  });

  it('is not quiet while a handler runs or after records settled', () => {
    const d = new StallDetector();
    d.quiet();
    d.started();
    expect(d.quiet()).toBe(false);
    d.settled();
    expect(d.quiet()).toBe(false);
    expect(d.quiet()).toBe(true);
  });

  it('starts counting again after progress', () => {
    const d = new StallDetector();
    d.quiet();
    d.stalled(3);
    d.started();
    d.settled();
    expect(d.quiet()).toBe(false);
    expect(d.quiet()).toBe(true);
    expect(d.stalled(3)).toBe(false);
  });
});
