import { DenialWindow } from './denial-window';

describe('DenialWindow', () => {
  let now = 0;
  const window = () => new DenialWindow(60000, 5, 3, () => now);

  beforeEach(() => (now = 1000));

  it('records the first refusal of a source and route at once, the rest as one count when the window ends', () => {
    const w = window();
    expect(w.deny('10.0.0.1', 'PATCH /admin/businesses/:id')).toBe(true);
    expect(w.deny('10.0.0.1', 'PATCH /admin/businesses/:id')).toBe(false);
    expect(w.deny('10.0.0.1', 'PATCH /admin/businesses/:id')).toBe(false);
    expect(w.deny('10.0.0.1', 'GET /admin/businesses')).toBe(true);
    expect(w.takeEnded()).toEqual([]);
    now += 60000;
    expect(w.takeEnded()).toEqual([{ source: '10.0.0.1', route: 'PATCH /admin/businesses/:id', more: 2, since: 1000 }]);
    expect(w.takeEnded()).toEqual([]);
    expect(w.deny('10.0.0.1', 'PATCH /admin/businesses/:id')).toBe(true);
  });

  it('refuses a source outright once it used up its refusals, until the window ends', () => {
    const w = window();
    for (let i = 0; i < 5; i++) w.deny('10.0.0.1', 'GET /admin/businesses');
    expect(w.limited('10.0.0.1')).toBe(true);
    expect(w.limited('10.0.0.2')).toBe(false);
    now += 60000;
    expect(w.limited('10.0.0.1')).toBe(false);
  });

  it('counts sources and routes beyond its bound together, so memory stays bounded', () => {
    const w = window();
    for (const source of ['a', 'b', 'c']) expect(w.deny(source, 'GET /admin/x')).toBe(true);
    expect(w.deny('d', 'GET /admin/x')).toBe(true);
    expect(w.deny('e', 'GET /admin/y')).toBe(false);
    expect(w.takeAll()).toEqual([{ source: '*', route: '*', more: 1, since: 1000 }]);
    for (let i = 0; i < 5; i++) w.deny(`other-${i}`, 'GET /admin/x');
    expect(w.limited('never-seen')).toBe(true);
  });

  it('hands over what is still counting at shutdown', () => {
    const w = window();
    w.deny('10.0.0.1', 'GET /admin/businesses');
    w.deny('10.0.0.1', 'GET /admin/businesses');
    expect(w.takeAll()).toEqual([{ source: '10.0.0.1', route: 'GET /admin/businesses', more: 1, since: 1000 }]);
  });
});
