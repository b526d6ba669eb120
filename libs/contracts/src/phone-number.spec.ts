import { normalizePhoneNumber } from './phone-number';

describe('normalizePhoneNumber', () => {
  it.each([
    ['+12025550123', '12025550123'],
    ['12025550123', '12025550123'],
    ['+447911123456', '447911123456'],
  ])('%s → %s', (input, digits) => expect(normalizePhoneNumber(input)).toBe(digits));

  it.each(['+15550100', '+1 555 0100', 'abc', '', '+', '12', '+999999999999999', '+12025550123; DROP', '+1 (202) 555-0123', '+1 202 555 0123', 42] as unknown[])('rejects %p', (input) => {
    expect(normalizePhoneNumber(input)).toBeUndefined();
  });
});
