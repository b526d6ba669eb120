import { readFileSync } from 'node:fs';
import { CanaryMatcher } from './canary-match';
import { KafkaEndpoint } from './kafka-endpoint';
import { dumpTopics } from './kafka-topic-dump';
import { binaryValues, dumpDatabases } from './mongo-dump';

/** Where a canary was found: `kafka:<topic>/<partition>@<offset>:value|key|header:<name>`, `mongodb:<db>.<collection>/<_id>` or `log:<file>:<line>`. */
export interface CanaryHit {
  place: string;
  canary: string;
}

export interface CanaryScanTargets {
  /** read as an identity that may read every topic (the admin) */
  kafka: KafkaEndpoint;
  mongoUrl: string;
  logFiles: readonly string[];
  /** how long reading every topic may take (a long-running suite's topics hold many records) */
  kafkaTimeoutMs?: number;
}

/**
 * Looks for planted plaintext (message bodies, phone numbers, secrets) everywhere data comes to
 * rest — every topic, every database, the given logs — and returns each place it is found.
 * An empty result is the proof that content only ever travelled sealed.
 */
export async function scanForCanaries(canaries: readonly string[], where: CanaryScanTargets): Promise<CanaryHit[]> {
  const matcher = new CanaryMatcher(canaries);
  const [kafka, mongo] = await Promise.all([scanKafka(matcher, where.kafka, where.kafkaTimeoutMs), scanMongo(matcher, where.mongoUrl)]);
  return [...kafka, ...mongo, ...scanLogFiles(canaries, where.logFiles)];
}

async function scanKafka(matcher: CanaryMatcher, kafka: KafkaEndpoint, timeoutMs?: number): Promise<CanaryHit[]> {
  const hits: CanaryHit[] = [];
  for (const record of await dumpTopics(kafka, { timeoutMs })) {
    const at = `kafka:${record.topic}/${record.partition}@${record.offset}`;
    const parts: Array<[string, Buffer | null]> = [
      ['value', record.value],
      ['key', record.key],
      ...Object.entries(record.headers).flatMap(([name, values]) => values.map((v): [string, Buffer] => [`header:${name}`, v])),
    ];
    for (const [part, bytes] of parts) {
      if (bytes) hits.push(...matcher.find(bytes).map((canary) => ({ place: `${at}:${part}`, canary })));
    }
  }
  return dedupe(hits);
}

async function scanMongo(matcher: CanaryMatcher, mongoUrl: string): Promise<CanaryHit[]> {
  const hits: CanaryHit[] = [];
  for (const stored of await dumpDatabases(mongoUrl)) {
    const place = `mongodb:${stored.database}.${stored.collection}/${stored.id}`;
    for (const haystack of [JSON.stringify(stored.document), ...binaryValues(stored.document)]) {
      hits.push(...matcher.find(haystack).map((canary) => ({ place, canary })));
    }
  }
  return dedupe(hits);
}

/** A log file that cannot be read fails the scan: passing because a path was wrong would hide a leak. */
export function scanLogFiles(canaries: readonly string[], files: readonly string[]): CanaryHit[] {
  const matcher = new CanaryMatcher(canaries);
  return files.flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .flatMap((line, i) => matcher.find(line).map((canary) => ({ place: `log:${file}:${i + 1}`, canary }))),
  );
}

function dedupe(hits: CanaryHit[]): CanaryHit[] {
  const seen = new Set<string>();
  return hits.filter((h) => {
    const key = `${h.place}\u0000${h.canary}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}
