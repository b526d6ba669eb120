import { Injectable } from '@nestjs/common';
import { Counter, Gauge } from 'prom-client';
import { MetricsRegistry } from '@sealpost/observability';
import type { AttemptVerdict } from './attempt-outcome';
import { DispatchOwnership } from './dispatch-ownership';

const OUTCOME: Record<AttemptVerdict, string> = { success: 'delivered', retry: 'retry', final: 'failed' };

/** What this instance sends: messages per device POST outcome, and how many dispatch shards it owns. */
@Injectable()
export class DeliveryMetrics {
  private readonly deviceMessages: Counter<'outcome'>;

  constructor(metrics: MetricsRegistry, ownership: DispatchOwnership) {
    this.deviceMessages = new Counter({ name: 'sealpost_device_messages_total', help: 'Messages in device POSTs by outcome (delivered, retry, failed)', labelNames: ['outcome'], registers: [metrics.registry] });
    new Gauge({
      name: 'sealpost_dispatch_shards',
      help: 'Dispatch shards (accepted-topic partitions) this instance sends for now',
      registers: [metrics.registry],
      collect() {
        this.set(ownership.tenure().shards.length);
      },
    });
  }

  devicePost(verdict: AttemptVerdict, messages: number): void {
    this.deviceMessages.inc({ outcome: OUTCOME[verdict] }, messages);
  }
}
