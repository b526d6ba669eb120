import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { MediaOpener } from '@sealpost/crypto';
import { FakeDevice, mediaForm, OnboardedBusiness, pdfDocument, pngImage } from '@sealpost/testing';
import type { BenchOptions } from './bench-options';
import { LatencySummary, summarize } from './percentile';
import { describeMode } from './pipeline-submitters';
import { ResourceUsage, WatchedProcess, whileSampling } from './process-sampler';
import type { Recipient } from './recipients';
import { benchTag, indexOfTag } from './submit-records';
import { sleep } from './submitter';

export interface MediaContext {
  ingestionOrigin: string;
  business: OnboardedBusiness;
  recipients: readonly Recipient[];
  options: BenchOptions;
  log: (line: string) => void;
}

/** What the media run measured (CONTRACT §12 end to end: upload, send by id, device download and decryption). */
export interface MediaFigures {
  mode: string;
  messages: number;
  bytesPerImage: number;
  completed: boolean;
  /** files the devices opened to the bytes uploaded */
  opened: number;
  /** opened at a device, but not the bytes uploaded */
  corrupt: number;
  elapsedS: number;
  /** upload bytes per second over the uploads (the clients side by side) */
  uploadMBps: number;
  /** bytes opened at the devices per second, from the first upload to the last download */
  deliveredMBps: number;
  uploadMs: LatencySummary;
  sendMs: LatencySummary;
  /** from the device asking its capability URL to the first byte of ciphertext */
  timeToFirstByteMs: LatencySummary;
  /** from the upload's start to the device holding the whole image, opened */
  uploadToOpenedMs: LatencySummary;
  resources: ResourceUsage[];
}

const MB = 1024 * 1024;
/** downloads the fake devices make at once, as that many phones would */
const DEVICE_DOWNLOADS = 16;

interface Timing {
  uploadStart: number;
  uploadMs: number;
  sendMs: number;
  /** SHA-256 of the image uploaded: what the device must open it to */
  sha256: string;
}

/**
 * The media run: `--clients` uploaders each upload an image, then send it by id to the next
 * recipient; meanwhile the devices fetch each image from its capability URL as its message
 * arrives and open it. Resources are sampled over the whole run, downloads included.
 */
export async function mediaRun(ctx: MediaContext, watched: readonly WatchedProcess[]): Promise<MediaFigures> {
  const { options, log } = ctx;
  const timings: Timing[] = [];
  const ttfb: number[] = [];
  const toOpened: number[] = [];
  let opened = 0;
  let corrupt = 0;
  let uploadEnd = 0;
  let lastOpened = 0;
  const startedAt = Date.now();
  const deadline = startedAt + options.timeoutS * 1000;

  // an image up to the Cloud API's 5 MB, a document above
  const asDocument = options.mediaBytes > 5 * MB;
  const type = asDocument ? 'document' : 'image';
  const upload = async (i: number): Promise<void> => {
    const image = asDocument ? pdfDocument(options.mediaBytes - 15) : pngImage(options.mediaBytes - 57);
    const uploadStart = Date.now();
    const res = await fetch(`${ctx.ingestionOrigin}/v23.0/${ctx.business.phone_number_id}/media`, { method: 'POST', headers: { authorization: `Bearer ${ctx.business.access_token}` }, body: mediaForm(image, asDocument ? 'application/pdf' : 'image/png') });
    if (res.status !== 200) throw new Error(`upload ${i} answered ${res.status}: ${await res.text()}`);
    const { id } = (await res.json()) as { id: string };
    const sendStart = Date.now();
    const body = JSON.stringify({ messaging_product: 'whatsapp', to: ctx.recipients[i % ctx.recipients.length]!.phone, type, [type]: { id, caption: benchTag('bench', i) } });
    const sent = await fetch(`${ctx.ingestionOrigin}/v23.0/${ctx.business.phone_number_id}/messages`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${ctx.business.access_token}` }, body });
    if (sent.status !== 200) throw new Error(`send ${i} answered ${sent.status}: ${await sent.text()}`);
    timings[i] = { uploadStart, uploadMs: sendStart - uploadStart, sendMs: Date.now() - sendStart, sha256: createHash('sha256').update(image).digest('hex') };
  };

  const download = async (device: FakeDevice, item: FakeDevice['received'][number]): Promise<void> => {
    const media = ((await device.open(item)) as Record<string, { url: string; media_key: string; caption: string }>)[type]!;
    const i = indexOfTag('bench', media.caption) ?? -1;
    const asked = Date.now();
    const res = await fetch(media.url);
    let first = 0;
    const hash = createHash('sha256');
    for await (const chunk of Readable.fromWeb(res.body as WebReadableStream).pipe(new MediaOpener(Buffer.from(media.media_key, 'base64url')))) {
      if (first === 0) first = Date.now();
      hash.update(chunk as Buffer);
    }
    ttfb.push((first || Date.now()) - asked);
    const timing = timings[i];
    if (timing && hash.digest('hex') === timing.sha256) opened++;
    else corrupt++;
    lastOpened = Date.now();
    if (timing) toOpened.push(lastOpened - timing.uploadStart);
  };

  const { resources } = await whileSampling(watched, async () => {
    let next = 0;
    const uploaders = Promise.all(
      Array.from({ length: options.clients }, async () => {
        for (let i = next++; i < options.messages; i = next++) await upload(i);
      }),
    ).then(() => (uploadEnd = Date.now()));
    const seen = ctx.recipients.map(() => 0);
    const downloads = new Set<Promise<void>>();
    let lastLog = Date.now();
    while (opened + corrupt < options.messages && Date.now() < deadline) {
      ctx.recipients.forEach(({ device }, r) => {
        for (; seen[r]! < device.received.length && downloads.size < DEVICE_DOWNLOADS; seen[r]!++) {
          const running: Promise<void> = download(device, device.received[seen[r]!]!).finally(() => downloads.delete(running));
          downloads.add(running);
        }
      });
      if (Date.now() - lastLog >= 5000) {
        lastLog = Date.now();
        log(`media: ${timings.filter(Boolean).length} of ${options.messages} uploaded and sent, ${opened} opened at the devices`);
      }
      await sleep(20);
    }
    await Promise.all([uploaders, ...downloads]);
  });

  const done = timings.filter(Boolean);
  const uploadedBytes = done.length * options.mediaBytes;
  const elapsedS = ((lastOpened || Date.now()) - startedAt) / 1000;
  return {
    mode: describeMode(options),
    messages: options.messages,
    bytesPerImage: options.mediaBytes,
    completed: opened === options.messages,
    opened,
    corrupt,
    elapsedS,
    uploadMBps: uploadedBytes / MB / (((uploadEnd || Date.now()) - startedAt) / 1000),
    deliveredMBps: (opened * options.mediaBytes) / MB / elapsedS,
    uploadMs: summarize(done.map((t) => t.uploadMs)),
    sendMs: summarize(done.map((t) => t.sendMs)),
    timeToFirstByteMs: summarize(ttfb),
    uploadToOpenedMs: summarize(toOpened),
    resources,
  };
}

/** The media run's lines, as the other modes print theirs. */
export function formatMediaFigures(run: MediaFigures): string[] {
  const ms = (s: LatencySummary) => (s.count === 0 ? 'none' : `p50 ${s.p50} ms, p99 ${s.p99} ms, max ${s.max} ms`);
  return [
    `run (${run.mode}): ${run.opened} of ${run.messages} files opened at their devices in ${run.elapsedS.toFixed(1)} s${run.completed ? '' : ' — INCOMPLETE'}${run.corrupt > 0 ? `, ${run.corrupt} NOT the bytes uploaded` : ''}`,
    `  uploads: ${run.uploadMBps.toFixed(1)} MB/s; each ${ms(run.uploadMs)}; send by id ${ms(run.sendMs)}`,
    `  delivered: ${run.deliveredMBps.toFixed(1)} MB/s opened at the devices; time to first byte ${ms(run.timeToFirstByteMs)}`,
    `  upload → opened at the device: ${ms(run.uploadToOpenedMs)}`,
    '  resources during the run (peak RSS, CPU):',
    ...run.resources.map((r) => `    ${r.name.padEnd(10)} ${r.pid === null ? 'not found' : `${r.peakRssMb ?? '?'} MB  ${r.cpuS ?? '?'} s CPU`}`),
  ];
}
