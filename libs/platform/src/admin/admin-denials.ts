import { BeforeApplicationShutdown, Injectable, OnModuleInit } from '@nestjs/common';
import { AuditTrail } from '@sealpost/kafka';
import { DenialTally, DenialWindow } from './denial-window';

/** the window refused admin calls are counted over */
const WINDOW_MS = 60_000;
/** refused calls one source may make per window before it is refused outright (429) */
const REFUSALS_PER_WINDOW = 20;
/** sources and routes counted apart; beyond, they are counted together */
const MAX_TALLIES = 10_000;

/**
 * What compliance sees of refused admin calls, at a bounded cost however many come: one
 * `admin.denied` event at the first refusal of a source and route in a minute, and one more
 * with the count of the rest when the minute ends. The route is the matched pattern, never the
 * raw path (the caller chose that).
 */
@Injectable()
export class AdminDenials implements OnModuleInit, BeforeApplicationShutdown {
  readonly window = new DenialWindow(WINDOW_MS, REFUSALS_PER_WINDOW, MAX_TALLIES);
  private timer?: NodeJS.Timeout;

  constructor(private readonly audit: AuditTrail) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.record(this.window.takeEnded()), WINDOW_MS / 4);
    this.timer.unref();
  }

  /** Before the Kafka producer disconnects (onApplicationShutdown): what is still counting goes out. */
  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.record(this.window.takeAll());
  }

  /** A refused call: recorded now when it is the first of its source and route in this window. */
  deny(source: string, route: string): void {
    if (this.window.deny(source, route)) void this.send(route, { source }).catch(() => undefined);
  }

  private async record(tallies: readonly DenialTally[]): Promise<void> {
    for (const t of tallies) {
      await this.send(t.route, { source: t.source, more_refusals: t.more, window_started: new Date(t.since).toISOString() }).catch(() => undefined);
    }
  }

  private send(route: string, detail: Record<string, string | number>): Promise<void> {
    return this.audit.record('admin.denied', { actor: 'unknown', action: route, target: '-', outcome: 'rejected', detail });
  }
}
