import { randomBytes } from 'node:crypto';
import { consumerGroupPrefix, SERVICE_NAMES, ServiceName, TOPIC_SPECS, topicGrants } from '@sealpost/contracts';
import { probeRead } from '@sealpost/testing';
import type { CheckContext, Claim } from './claim';

/** Every topic the service may not read, probed as the service in one of its own groups. */
async function probeService(context: CheckContext, service: ServiceName): Promise<string[]> {
  const endpoint = context.kafka(service);
  if (!endpoint.identity) return [`sealpost-${service}: no password in SEALPOST_KAFKA_${service.toUpperCase()}_PASSWORD or ${context.options.dataDir}/credentials: cannot show the broker enforces identities`];
  const readable = new Set(topicGrants(service).filter((g) => g.operation === 'read').map((g) => g.topic));
  const group = () => `${consumerGroupPrefix(service)}privacy-check-${randomBytes(4).toString('hex')}`;
  const forbidden = TOPIC_SPECS.map((t) => t.name).filter((t) => !readable.has(t));
  const outcomes = await Promise.all(forbidden.map((t) => probeRead(endpoint, t, group())));
  const failures = forbidden.filter((_, i) => outcomes[i] !== 'denied').map((t) => `sealpost-${service} could read ${t}`);
  // the control: the same probe on a topic the service consumes must pass, or the denials prove nothing
  const own = [...readable][0];
  if (own && (await probeRead(endpoint, own, group())) !== 'allowed') failures.push(`sealpost-${service} could not read its own ${own}: probe inconclusive`);
  return failures.length > 0 ? failures : [`sealpost-${service}: denied all ${forbidden.length} topic(s) it does not consume${own ? `, allowed ${own}` : ''}`];
}

export const kafkaAcls: Claim = {
  id: 'kafka-acls',
  statement: 'each service principal is denied the topics it must not read',
  async check(context) {
    const lines = (await Promise.all(SERVICE_NAMES.map((s) => probeService(context, s)))).flat();
    return { pass: lines.every((l) => /: denied all/.test(l)), evidence: lines };
  },
};
