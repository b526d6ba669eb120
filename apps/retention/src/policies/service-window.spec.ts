import { serviceWindows } from './service-window';

describe('serviceWindows', () => {
  it('names only the businesses with a window, in milliseconds', () => {
    expect(
      serviceWindows([
        { business_id: 'a', service_window: 'PT24H' },
        { business_id: 'b', service_window: 'none' },
        { business_id: 'c' }, // stored before the window existed
        { business_id: 'd', service_window: 'P1DT30M' },
      ]),
    ).toEqual({ a: 86_400_000, d: 88_200_000 });
  });
});
