/** One line of a panel: a value per second of the run, null where there is none (a gap in the line). */
export interface ChartSeries {
  name: string;
  color: string;
  values: readonly (number | null)[];
}

export interface ChartPanel {
  title: string;
  yLabel: string;
  series: readonly ChartSeries[];
}

const WIDTH = 960;
const PANEL_HEIGHT = 300;
const MARGIN = { left: 80, right: 30, top: 56, bottom: 50 };
const TITLE_LINE = 22;

/**
 * Line charts stacked over one shared time axis, under a title (its first line bold), as one standalone SVG document. Hand-written so
 * the bench needs no charting dependency: axes from zero to a round maximum, ticks, a legend.
 */
export function stackedLineChartsSvg(titleLines: readonly string[], xLabel: string, panels: readonly ChartPanel[]): string {
  const header = 14 + titleLines.length * TITLE_LINE;
  const height = header + panels.length * PANEL_HEIGHT;
  const body = panels.map((panel, i) => panelSvg(panel, xLabel, header + i * PANEL_HEIGHT)).join('\n');
  const titles = titleLines.map((line, i) =>
    `<text x="${WIDTH / 2}" y="${24 + i * TITLE_LINE}" text-anchor="middle" font-size="${i === 0 ? 16 : 14}"${i === 0 ? ' font-weight="bold"' : ''}>${escapeXml(line)}</text>`);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${height}" fill="white"/>`,
    ...titles,
    body,
    '</svg>',
    '',
  ].join('\n');
}

function panelSvg(panel: ChartPanel, xLabel: string, top: number): string {
  const plot = { x: MARGIN.left, y: top + MARGIN.top, w: WIDTH - MARGIN.left - MARGIN.right, h: PANEL_HEIGHT - MARGIN.top - MARGIN.bottom };
  const seconds = Math.max(1, ...panel.series.map((s) => s.values.length - 1));
  const yAxis = niceAxis(Math.max(0, ...panel.series.flatMap((s) => s.values.filter((v): v is number => v !== null))));
  const xAxis = niceAxis(seconds);
  const px = (second: number) => plot.x + (second / seconds) * plot.w;
  const py = (value: number) => plot.y + plot.h - (value / yAxis.max) * plot.h;
  const out: string[] = [`<g>`, `<text x="${plot.x}" y="${top + 28}" font-size="14" font-weight="bold">${escapeXml(panel.title)}</text>`];
  for (const y of yAxis.ticks) {
    out.push(`<line x1="${plot.x}" x2="${plot.x + plot.w}" y1="${fmt(py(y))}" y2="${fmt(py(y))}" stroke="#e5e5e5"/>`);
    out.push(`<text x="${plot.x - 6}" y="${fmt(py(y) + 4)}" text-anchor="end">${tickLabel(y)}</text>`);
  }
  for (const x of xAxis.ticks.filter((x) => x <= seconds)) {
    out.push(`<line x1="${fmt(px(x))}" x2="${fmt(px(x))}" y1="${plot.y + plot.h}" y2="${plot.y + plot.h + 5}" stroke="#333"/>`);
    out.push(`<text x="${fmt(px(x))}" y="${plot.y + plot.h + 18}" text-anchor="middle">${tickLabel(x)}</text>`);
  }
  out.push(`<polyline points="${plot.x},${plot.y} ${plot.x},${plot.y + plot.h} ${plot.x + plot.w},${plot.y + plot.h}" fill="none" stroke="#333"/>`);
  out.push(`<text x="${plot.x + plot.w / 2}" y="${plot.y + plot.h + 38}" text-anchor="middle">${escapeXml(xLabel)}</text>`);
  out.push(`<text transform="translate(${plot.x - 58} ${plot.y + plot.h / 2}) rotate(-90)" text-anchor="middle">${escapeXml(panel.yLabel)}</text>`);
  panel.series.forEach((series, i) => {
    out.push(...seriesSvg(series, px, py));
    const lx = plot.x + plot.w - 170;
    const ly = top + 22 + i * 16;
    out.push(`<line x1="${lx}" x2="${lx + 24}" y1="${ly}" y2="${ly}" stroke="${series.color}" stroke-width="2"/>`);
    out.push(`<text x="${lx + 30}" y="${ly + 4}">${escapeXml(series.name)}</text>`);
  });
  out.push('</g>');
  return out.join('\n');
}

/** A path broken at every null; a point with no neighbour becomes a dot, or it would not show. */
function seriesSvg(series: ChartSeries, px: (s: number) => number, py: (v: number) => number): string[] {
  const runs: [number, number][][] = [];
  let run: [number, number][] = [];
  series.values.forEach((v, second) => {
    if (v === null) {
      if (run.length > 0) runs.push(run);
      run = [];
    } else run.push([px(second), py(v)]);
  });
  if (run.length > 0) runs.push(run);
  const lines = runs.filter((r) => r.length > 1).map((r) => r.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${fmt(x)} ${fmt(y)}`).join(' '));
  const dots = runs.filter((r) => r.length === 1).map(([[x, y]]) => `<circle cx="${fmt(x)}" cy="${fmt(y)}" r="2" fill="${series.color}"/>`);
  return [...(lines.length > 0 ? [`<path d="${lines.join(' ')}" fill="none" stroke="${series.color}" stroke-width="1.5"/>`] : []), ...dots];
}

/** 1, 2 or 5 times a power of ten: a tick step a reader can count in. */
export function niceStep(rough: number): number {
  if (!(rough > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(rough));
  return [1, 2, 5, 10].map((m) => m * power).find((step) => step >= rough * (1 - 1e-9))!;
}

/** An axis from zero: a round maximum that holds max, and its ticks (5 to 9 of them; 0 to 1 for nothing). */
export function niceAxis(max: number): { max: number; ticks: number[] } {
  if (!(max > 0)) return { max: 1, ticks: [0, 0.2, 0.4, 0.6, 0.8, 1] };
  const step = niceStep(max / 8);
  const steps = Math.ceil(max / step - 1e-9);
  return { max: round(steps * step), ticks: Array.from({ length: steps + 1 }, (_, i) => round(i * step)) };
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const round = (n: number) => Number(n.toPrecision(12));
const fmt = (n: number) => String(Math.round(n * 10) / 10);
const tickLabel = (n: number) => (n >= 10000 ? `${round(n / 1000)}k` : String(n));
