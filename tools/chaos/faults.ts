import { SERVICE_NAMES, ServiceName, TOPIC_SPECS, TopicName, TOPICS } from '@sealpost/contracts';
import { FakeDevice, FakeWebhookReceiver, KafkaEndpoint, Suite, TestInfraControl, waitFor } from '@sealpost/testing';
import { partitionOwners } from './partition-owners';

export const FAULT_NAMES = [
  ...SERVICE_NAMES.map((s) => `kill-${s}` as const),
  ...SERVICE_NAMES.map((s) => `stop-${s}` as const),
  'kafka-restart',
  'store-restart',
  'device-flap',
  'webhook-slow-then-failing',
] as const;
/** With several instances (--instances 2): the last one of a service dies for good; its partitions must move to the others. */
export const SCALE_OUT_FAULTS = ['lose-ingestion-instance', 'lose-delivery-instance'] as const;
export type FaultName = (typeof FAULT_NAMES)[number] | (typeof SCALE_OUT_FAULTS)[number];

const SCALED_TOPIC: Record<'ingestion' | 'delivery', TopicName> = { ingestion: TOPICS.messagesSubmit, delivery: TOPICS.messagesAccepted };

export interface FaultWorld {
  suite: Suite;
  control: TestInfraControl;
  devices: FakeDevice[];
  receiver: FakeWebhookReceiver;
  /** how long an outage lasts before it heals */
  holdMs: number;
  /** a webhook answer slower than the suite's SEALPOST_WEBHOOK_TIMEOUT */
  slowWebhookMs: number;
  kafka: KafkaEndpoint;
}

export interface FaultOutcome {
  name: FaultName;
  /** from the heal to every process ready again (service and infrastructure faults) */
  recoveryMs: number;
  /** what went wrong while injecting it, e.g. a graceful stop that missed its deadline */
  problem?: string;
  /** for a SIGKILL of a delivery instance: from just before the signal to the process gone (ms since the epoch) */
  deliveryCrash?: CrashWindow;
}

export interface CrashWindow {
  from: number;
  to: number;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function allReady(world: FaultWorld): Promise<void> {
  await waitFor('every service to be ready again', async () => {
    // an instance lost for good (scale-out fault) is not waited for
    const answers = await Promise.all(world.suite.all().filter((p) => p.running).map((p) => fetch(`${p.url}/health/ready`).then((r) => r.status, () => 0)));
    return answers.every((status) => status === 200);
  }, 180000, 250);
}

/**
 * SIGKILL (no shutdown hook runs: a crash) or SIGTERM (a deploy: in-flight work must finish or
 * be handed back), then a fresh start, as a supervisor would.
 */
async function stopAndRestart(world: FaultWorld, service: ServiceName, signal: 'SIGKILL' | 'SIGTERM'): Promise<{ problem?: string; crash: CrashWindow }> {
  const victim = world.suite.instances(service)[0];
  const from = Date.now();
  const code = await victim.stop(signal);
  const crash = { from, to: Date.now() };
  await pause(world.holdMs / 5);
  victim.start();
  // a service exits 1 when its shutdown misses the deadline: in-flight work was cut off, not finished
  return { crash, ...(signal === 'SIGTERM' && code !== 0 && { problem: `${service} exited ${code} on SIGTERM instead of stopping cleanly` }) };
}

/** SIGKILL of the service's last instance, never restarted: healed once the survivors own every partition. */
async function loseInstance(world: FaultWorld, service: 'ingestion' | 'delivery'): Promise<FaultOutcome> {
  const instances = world.suite.instances(service);
  if (instances.length < 2) throw new Error(`lose-${service}-instance needs two or more ${service} instances (--instances 2)`);
  const from = Date.now();
  await instances[instances.length - 1].stop('SIGKILL');
  const killed = Date.now();
  const topic = SCALED_TOPIC[service];
  const partitions = TOPIC_SPECS.find((t) => t.name === topic)!.partitions;
  await waitFor(`${service}'s partitions to move to the surviving instance(s)`, async () => {
    const owners = await partitionOwners(world.kafka, service, topic);
    return owners.length === instances.length - 1 && owners.flat().length === partitions;
  }, 120000, 500);
  return { name: `lose-${service}-instance`, recoveryMs: Date.now() - killed, ...(service === 'delivery' && { deliveryCrash: { from, to: killed } }) };
}

/** Injects one fault, lets it last, heals it; resolves with how long the suite took to be whole again. */
export async function injectFault(world: FaultWorld, name: FaultName): Promise<FaultOutcome> {
  if (name === 'lose-ingestion-instance' || name === 'lose-delivery-instance') return loseInstance(world, name === 'lose-ingestion-instance' ? 'ingestion' : 'delivery');
  let problem: string | undefined;
  let deliveryCrash: CrashWindow | undefined;
  const [action, service] = name.split('-') as [string, ServiceName];
  if (action === 'kill' || action === 'stop') {
    const stopped = await stopAndRestart(world, service, action === 'kill' ? 'SIGKILL' : 'SIGTERM');
    problem = stopped.problem;
    if (action === 'kill' && service === 'delivery') deliveryCrash = stopped.crash;
  } else if (name === 'kafka-restart') {
    await world.control.stopKafka();
    await pause(world.holdMs);
    await world.control.startKafka();
  } else if (name === 'store-restart') {
    await world.control.stopStore();
    await pause(world.holdMs);
    await world.control.startStore();
  } else if (name === 'device-flap') {
    // every other device answers 503, 200, 503, … : delivery must retry, not fail or double
    const flapping = world.devices.filter((_, i) => i % 2 === 0);
    for (let round = 0; round < 4; round++) {
      for (const d of flapping) d.respondWith(round % 2 === 0 ? 503 : 200);
      await pause(world.holdMs / 4);
    }
    for (const d of flapping) d.respondWith(200);
  } else {
    world.receiver.delayResponses(world.slowWebhookMs);
    await pause(world.holdMs);
    world.receiver.delayResponses(0);
    world.receiver.respondWith(500);
    await pause(world.holdMs);
    world.receiver.respondWith(200);
  }
  const healed = Date.now();
  await allReady(world);
  return { name, recoveryMs: Date.now() - healed, ...(problem && { problem }), ...(deliveryCrash && { deliveryCrash }) };
}
