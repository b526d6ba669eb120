import { OpenLoopSchedule } from './open-loop-schedule';

describe('OpenLoopSchedule', () => {
  it('makes record i due i / rate after the start', () => {
    const schedule = new OpenLoopSchedule(1000, 4, 10);
    expect(schedule.dueAt(0)).toBe(1000);
    expect(schedule.dueAt(3)).toBe(1750);
  });

  it('counts the records due by a moment, capped at the total', () => {
    const schedule = new OpenLoopSchedule(1000, 4, 10);
    expect(schedule.dueBy(999)).toBe(0);
    expect(schedule.dueBy(1000)).toBe(1);
    expect(schedule.dueBy(1249)).toBe(1);
    expect(schedule.dueBy(1250)).toBe(2);
    expect(schedule.dueBy(60_000)).toBe(10);
  });

  it('never makes a record due later than its due time despite float rounding', () => {
    const schedule = new OpenLoopSchedule(0, 3, 1000);
    for (let i = 0; i < 1000; i++) expect(schedule.dueBy(schedule.dueAt(i))).toBeGreaterThanOrEqual(i + 1);
  });
});
