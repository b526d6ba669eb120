import { Injectable } from '@nestjs/common';

type Listener = () => void;

/**
 * In-process nudges from whoever stores new work to the loop that sends it, so the happy
 * path does not wait for (or pay for) a poll; the poll stays as the fallback for retries
 * that come due and work left by another process.
 */
@Injectable()
export class DispatchSignals {
  private readonly listeners = { device: [] as Listener[], webhook: [] as Listener[] };

  on(kind: 'device' | 'webhook', listener: Listener): void {
    this.listeners[kind].push(listener);
  }

  notify(kind: 'device' | 'webhook'): void {
    for (const listener of this.listeners[kind]) listener();
  }
}
