import { parseIsoDuration } from './iso-duration';

describe('parseIsoDuration', () => {
  it.each([
    ['P30D', 30 * 86400000],
    ['PT5S', 5000],
    ['PT2S', 2000],
    ['P1DT2H3M4S', ((24 + 2) * 60 + 3) * 60000 + 4000],
    ['PT1M', 60000],
    ['PT0.5S', 500],
  ])('%s is %d ms', (input, ms) => expect(parseIsoDuration(input)).toBe(ms));

  it.each(['', 'P', 'PT', 'garbage', '30D', 'P1W', 'P1Y', 'PT-5S'])('rejects %p', (input) => {
    expect(parseIsoDuration(input)).toBeUndefined();
  });
});
