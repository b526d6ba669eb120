import { parseArgs } from 'node:util';

export interface BenchOptions {
  messages: number;
  recipients: number;
  /** open-loop offered load in msg/s; absent: as fast as possible, in batches */
  rate?: number;
  /** messages put through (and delivered) before the measured run, so the store is not empty */
  prefill: number;
  /** drive POST /v1/{phone_number_id}/messages instead of the Kafka submit topic */
  http: boolean;
  /** the other way: each recipient's device writes to the business (POST /v1/messages on delivery), measured at its webhook */
  inbound: boolean;
  /** media (CONTRACT §12): each message an image uploaded, sent by id over HTTP, fetched and opened by its device */
  media: boolean;
  /** bytes of each image with --media */
  mediaBytes: number;
  /** concurrent keep-alive HTTP clients with --http (and uploaders with --media) */
  clients: number;
  /** records per producer.send on the Kafka path without --rate */
  batch: number;
  /** the business's throughput_mps: high, so pacing does not limit the bench */
  businessRate: number;
  timeoutS: number;
  /** a folder, or a path ending in .json (the chart goes beside it as .svg) */
  out?: string;
}

export const USAGE = `usage: npm run bench -- [options]
  --messages N        messages in the measured run (default 20000)
  --recipients N      recipients, one fake device each (default 100)
  --rate MSG_PER_S    open-loop offered load: submit on a fixed schedule, latency from the due time
                      (default: as fast as possible, in batches)
  --prefill N         first put N messages through and wait until delivered (a busy month's store)
  --http              send over POST /v1/{phone_number_id}/messages instead of Kafka
  --inbound           customers write back: each recipient's device seals messages to the business and
                      POSTs /v1/messages on delivery, one at a time; latency is device→webhook
                      (no Kafka ceiling; not with --http, --rate or --prefill)
  --media             media: each message a PNG image uploaded (POST /{version}/{phone_number_id}/media),
                      sent by id, fetched from its capability URL and opened by the device as it arrives;
                      reports MB/s, time to first byte at the device and memory (default 200 messages;
                      not with --inbound, --http, --rate or --prefill)
  --media-bytes N     bytes of each file with --media (default 1048576): a PNG image up to 5 MB, a PDF
                      document above, up to 100 MB
  --clients N         concurrent keep-alive HTTP clients with --http, uploaders with --media (default 32)
  --batch N           records per Kafka send without --rate (default 200)
  --business-rate N   the business's throughput_mps (default 1000)
  --timeout-s N       give up on a run after N s, or on the prefill after N s without a delivery (default 900)
  --out PATH          folder for <timestamp>.json/.svg, or a .json path (default .sealpost/bench)`;

export class UsageError extends Error {}

export function parseBenchOptions(argv: string[]): BenchOptions {
  const values = parseFlags(argv);
  const outbound = { http: values.http, rate: values.rate !== undefined, prefill: Number(values.prefill) !== 0 };
  const clash = values.inbound ? Object.keys(outbound).find((flag) => outbound[flag as keyof typeof outbound]) : undefined;
  if (clash) throw new UsageError(`--inbound runs alone: --${clash} is for the outbound modes`);
  const modes = { ...outbound, inbound: values.inbound };
  const mediaClash = values.media ? Object.keys(modes).find((flag) => modes[flag as keyof typeof modes]) : undefined;
  if (mediaClash) throw new UsageError(`--media runs alone: --${mediaClash} is another mode`);
  return {
    messages: count('--messages', values.messages ?? (values.media ? '200' : '20000'), 1),
    // the numbers are +1 202 555 1000 to 9999 (see recipients.ts)
    recipients: count('--recipients', values.recipients, 1, 9000),
    rate: values.rate === undefined ? undefined : positive('--rate', values.rate),
    prefill: count('--prefill', values.prefill, 0),
    http: values.http,
    inbound: values.inbound,
    media: values.media,
    mediaBytes: count('--media-bytes', values['media-bytes'], 100, 100 * 1024 * 1024),
    clients: count('--clients', values.clients, 1),
    batch: count('--batch', values.batch, 1),
    // onboarding accepts 1 to 1,000,000
    businessRate: count('--business-rate', values['business-rate'], 1, 1_000_000),
    timeoutS: positive('--timeout-s', values['timeout-s']),
    out: values.out,
  };
}

function parseFlags(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      strict: true,
      options: {
        messages: { type: 'string' },
        recipients: { type: 'string', default: '100' },
        rate: { type: 'string' },
        prefill: { type: 'string', default: '0' },
        http: { type: 'boolean', default: false },
        inbound: { type: 'boolean', default: false },
        media: { type: 'boolean', default: false },
        'media-bytes': { type: 'string', default: '1048576' },
        clients: { type: 'string', default: '32' },
        batch: { type: 'string', default: '200' },
        'business-rate': { type: 'string', default: '1000' },
        'timeout-s': { type: 'string', default: '900' },
        out: { type: 'string' },
      },
    }).values;
  } catch (err) {
    throw new UsageError((err as Error).message); // unknown flag, missing value
  }
}

function count(flag: string, raw: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const n = Number(raw);
  const range = max < Number.MAX_SAFE_INTEGER ? `from ${min} to ${max}` : `of at least ${min}`;
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`${flag} must be an integer ${range}, not ${raw}`);
  return n;
}

function positive(flag: string, raw: string): number {
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${flag} must be a positive number, not ${raw}`);
  return n;
}
