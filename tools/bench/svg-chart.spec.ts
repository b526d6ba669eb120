import { escapeXml, niceAxis, niceStep, stackedLineChartsSvg } from './svg-chart';

describe('nice axis figures', () => {
  it('steps in 1, 2 or 5 times a power of ten', () => {
    expect(niceStep(0.7)).toBe(1);
    expect(niceStep(1.3)).toBe(2);
    expect(niceStep(3)).toBe(5);
    expect(niceStep(7)).toBe(10);
    expect(niceStep(0.03)).toBeCloseTo(0.05);
    expect(niceStep(2000)).toBe(2000);
  });

  it('rounds the axis maximum up to a step and ticks to it without float noise', () => {
    expect(niceAxis(47)).toEqual({ max: 50, ticks: [0, 10, 20, 30, 40, 50] });
    expect(niceAxis(101)).toEqual({ max: 120, ticks: [0, 20, 40, 60, 80, 100, 120] });
    expect(niceAxis(0.42).ticks).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5]);
    expect(niceAxis(0).max).toBe(1);
  });
});

describe('stackedLineChartsSvg', () => {
  const svg = stackedLineChartsSvg(['Bench <run> & co', 'second line'], 'seconds', [
    { title: 'throughput', yLabel: 'msg/s', series: [{ name: 'delivered/s', color: '#1f77b4', values: [0, 40, 55, 50] }] },
    { title: 'latency', yLabel: 's', series: [{ name: 'p50', color: '#2ca02c', values: [null, 1.2, null, 0.8] }, { name: 'p99', color: '#d62728', values: [null, 2, 3, 2.5] }] },
  ]);

  it('is one standalone SVG document with a panel per chart', () => {
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trim().endsWith('</svg>')).toBe(true);
    expect(svg.match(/<g>/g)).toHaveLength(2);
    expect(svg).toContain('>delivered/s</text>');
    expect(svg).not.toMatch(/NaN|undefined|Infinity/);
  });

  it('escapes text', () => {
    expect(svg).toContain('Bench &lt;run&gt; &amp; co');
    expect(svg).toContain('>second line</text>');
    expect(escapeXml('"a"')).toBe('&quot;a&quot;');
  });

  it('breaks a line where a second has no value, and dots a point alone', () => {
    const p99 = /<path d="([^"]+)" fill="none" stroke="#d62728"/.exec(svg)![1];
    expect(p99.match(/M/g)).toHaveLength(1);
    expect(svg.match(/<circle [^>]*fill="#2ca02c"/g)).toHaveLength(2);
  });

  it('starts a new stretch of line after a gap', () => {
    const gap = stackedLineChartsSvg(['t'], 's', [{ title: 'x', yLabel: 'y', series: [{ name: 'a', color: 'red', values: [1, 2, null, 3, 4] }] }]);
    expect(/<path d="([^"]+)"/.exec(gap)![1].match(/M/g)).toHaveLength(2);
  });

  it('draws a run of one second without dividing by zero', () => {
    const one = stackedLineChartsSvg(['t'], 's', [{ title: 'x', yLabel: 'y', series: [{ name: 'a', color: 'red', values: [3] }] }]);
    expect(one).not.toMatch(/NaN|Infinity/);
  });
});
