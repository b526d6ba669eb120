import { e164Digits } from './phone-number';

describe('e164Digits', () => {
  it.each([
    ['+12025550123', '12025550123'],
    ['12025550123', '12025550123'],
    ['+442079460000', '442079460000'],
    ['+33612345678', '33612345678'],
  ])('%s → %s', (input, digits) => expect(e164Digits(input)).toBe(digits));

  it.each(['+15550100', '+1 202 555 0123', '+1-202-555-0123', '(202) 555-0123', '+0123456789', '', '+', 'abc', '++12025550123'])('rejects %p', (input) => {
    expect(e164Digits(input)).toBeUndefined();
  });

  it('rejects non-strings', () => {
    expect(e164Digits(12025550123)).toBeUndefined();
    expect(e164Digits(undefined)).toBeUndefined();
  });
});
