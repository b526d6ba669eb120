import { parseArgs } from 'node:util';
import { FakeDevice, FakeWebhookReceiver, SealpostClient, startTestInfra, SubmitProducer, Suite, testKafka, textMessage, waitFor } from '@sealpost/testing';
import { percentile } from './percentile';

/**
 * `npm run bench`: a stream of signed Kafka submissions to many recipients, through
 * ingestion and delivery to real device endpoints. Prints throughput and submit-to-device
 * latency. A benchmark, not a test: it asserts nothing but completion.
 */
const { values: options } = parseArgs({
  options: {
    messages: { type: 'string', default: '2000' },
    recipients: { type: 'string', default: '50' },
    rate: { type: 'string', default: '1000', description: 'the business throughput_mps' },
  },
});

const log = (line: string) => process.stdout.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);

async function main(): Promise<void> {
  const total = Number(options.messages);
  const recipientCount = Number(options.recipients);
  log(`starting infrastructure and the five services (${total} messages to ${recipientCount} recipients)`);
  process.env.TEST_INFRA ??= 'embedded';
  const infra = await startTestInfra();
  const suite = await Suite.start();
  // Ctrl-C must not leave five services and the infrastructure running
  const abort = () => void suite.stop().then(() => infra.teardown()).finally(() => process.exit(130));
  process.once('SIGINT', abort);
  process.once('SIGTERM', abort);
  const client = new SealpostClient(suite);
  const receiver = await FakeWebhookReceiver.start();
  const business = await client.onboard(receiver.url, Number(options.rate), 'Bench Co');
  receiver.setAppSecret(business.app_secret);

  const devices: { phone: string; device: FakeDevice }[] = [];
  for (let i = 0; i < recipientCount; i++) {
    const phone = `+1202555${String(1000 + i).padStart(4, '0')}`;
    const device = await FakeDevice.start();
    await client.registerDevice(phone, device.url, device.publicKey);
    devices.push({ phone, device });
  }

  const delivered = () => devices.reduce((n, d) => n + d.device.deliveredIds().length, 0);
  const producer = await SubmitProducer.connect(testKafka('business', infra.info));
  const submittedAt = new Map<string, number>();
  const started = Date.now();
  for (let i = 0; i < total; i++) {
    const { phone } = devices[i % devices.length];
    submittedAt.set(`bench-${i}`, Date.now());
    await producer.submit({ ...textMessage(phone, `bench-${i}`), phone_number_id: business.phone_number_id, client_message_id: `bench-${i}` }, { appSecret: business.app_secret });
    if ((i + 1) % 500 === 0) log(`submitted ${i + 1}/${total}, delivered ${delivered()}`);
  }
  log(`submitted ${total} records in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const progress = setInterval(() => log(`delivered ${delivered()}/${total}`), 2000);
  await waitFor('every message on its device', async () => delivered() >= total, 15 * 60 * 1000, 100);
  clearInterval(progress);
  const elapsedS = (Date.now() - started) / 1000;

  const latencies: number[] = [];
  for (const { device } of devices) {
    for (const item of device.received) {
      const body = ((await device.open(item)) as { text: { body: string } }).text.body;
      latencies.push(device.arrivalOf(item) - submittedAt.get(body)!);
    }
  }
  latencies.sort((a, b) => a - b);
  log(`throughput: ${(total / elapsedS).toFixed(1)} messages/s (${total} messages in ${elapsedS.toFixed(1)} s)`);
  log(`submit-to-device latency: p50 ${percentile(latencies, 50)} ms, p99 ${percentile(latencies, 99)} ms, max ${latencies[latencies.length - 1]} ms`);

  await producer.disconnect();
  await Promise.all(devices.map((d) => d.device.stop()));
  await receiver.stop();
  await suite.stop();
  await infra.teardown();
}

main().catch((err: Error) => {
  process.stderr.write(`bench failed: ${err.message}\n`);
  process.exit(1);
});
