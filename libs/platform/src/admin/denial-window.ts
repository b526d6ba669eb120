/** Refused admin calls of one source and route, counted over one window. */
export interface DenialTally {
  source: string;
  route: string;
  /** refusals in the window after the first (which was recorded at once) */
  more: number;
  since: number;
}

interface Tally {
  source: string;
  route: string;
  count: number;
  since: number;
}

/** where sources and routes beyond `maxKeys` are counted together */
const OVERFLOW = '*';

/**
 * Refused admin calls per source and route over fixed windows, in bounded memory: the first
 * refusal of each is to be recorded at once, the others only as one count when the window ends;
 * and a source refused `limit` times in a window is refused outright until it ends, its token
 * not even looked at (no guessing at speed).
 */
export class DenialWindow {
  private readonly tallies = new Map<string, Tally>();
  private readonly sources = new Map<string, { count: number; since: number }>();
  private readonly ended: DenialTally[] = [];

  constructor(
    readonly windowMs: number,
    private readonly limit: number,
    private readonly maxKeys: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether `source` used up its refusals for this window. */
  limited(source: string): boolean {
    const s = this.sources.get(this.sources.has(source) ? source : OVERFLOW);
    return !!s && this.now() - s.since < this.windowMs && s.count >= this.limit;
  }

  /** Counts one refusal; true when it is the first of its source and route in this window: record that one now. */
  deny(source: string, route: string): boolean {
    const now = this.now();
    const sourceKey = this.sources.has(source) || this.sources.size < this.maxKeys ? source : OVERFLOW;
    const s = this.sources.get(sourceKey);
    if (!s || now - s.since >= this.windowMs) this.sources.set(sourceKey, { count: 1, since: now });
    else s.count++;

    let key = `${source} ${route}`;
    if (!this.tallies.has(key) && this.tallies.size >= this.maxKeys) key = `${OVERFLOW} ${OVERFLOW}`;
    const t = this.tallies.get(key);
    if (t && now - t.since < this.windowMs) {
      t.count++;
      return false;
    }
    if (t) this.end(key, t);
    const [tallySource, tallyRoute] = key === `${OVERFLOW} ${OVERFLOW}` ? [OVERFLOW, OVERFLOW] : [source, route];
    this.tallies.set(key, { source: tallySource, route: tallyRoute, count: 1, since: now });
    return true;
  }

  /** The tallies whose window ended with refusals beyond the first, each once; forgets whatever ended. */
  takeEnded(): DenialTally[] {
    const now = this.now();
    for (const [key, t] of this.tallies) if (now - t.since >= this.windowMs) this.end(key, t);
    for (const [key, s] of this.sources) if (now - s.since >= this.windowMs) this.sources.delete(key);
    return this.ended.splice(0);
  }

  /** Everything counted so far, ended or not (at shutdown). */
  takeAll(): DenialTally[] {
    for (const [key, t] of this.tallies) this.end(key, t);
    return this.ended.splice(0);
  }

  private end(key: string, t: Tally): void {
    this.tallies.delete(key);
    if (t.count > 1) this.ended.push({ source: t.source, route: t.route, more: t.count - 1, since: t.since });
  }
}
