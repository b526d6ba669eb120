import { KafkaPrincipal, kafkaPasswordVariable } from '@sealpost/contracts';
import { findKafkaIdentity } from '@sealpost/platform/secrets/kafka-credential';
import { sendCanary } from './canary-message';
import { auditChain } from './claims/audit-chain.claim';
import { canaryAbsent } from './claims/canary-absent.claim';
import { CheckContext, Claim, ClaimResult } from './claims/claim';
import { deviceOpens } from './claims/device-opens.claim';
import { expiredKeys } from './claims/expired-keys.claim';
import { inboundAudited } from './claims/inbound-audited.claim';
import { kafkaAcls } from './claims/kafka-acls.claim';
import { messageAge } from './claims/message-age.claim';
import { topicRetention } from './claims/topic-retention.claim';
import { webhookOpens } from './claims/webhook-opens.claim';
import { parseOptions, UsageError, USAGE } from './options';
import { RunningSuite } from './running-suite';
import { runSweep } from './sweep-run';

const CLAIMS: Claim[] = [canaryAbsent, deviceOpens, webhookOpens, inboundAudited, messageAge, expiredKeys, topicRetention, kafkaAcls, auditChain];

const progress = (line: string) => process.stderr.write(`[privacy:check ${new Date().toISOString().slice(11, 19)}] ${line}\n`);

/**
 * `npm run privacy:check -- --admin-token …`: proves the suite's privacy claims on the running
 * system, one by one, with evidence. Exit status 1 when any claim fails, 2 on bad usage.
 */
async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2), process.env);
  const suite = new RunningSuite(options);
  progress('sending a canary message end to end (business, device, HPKE), and the device\'s sealed answer to the business\'s webhook…');
  const canary = await sendCanary(suite, options.waitMs);
  progress(`canary ${canary.messageId} delivered, answer ${canary.inbound.messageId} at the webhook; running a retention sweep…`);
  const sweep = await runSweep(suite, options.waitMs);
  const context: CheckContext = {
    options,
    suite,
    canary,
    sweep,
    progress,
    kafka: (principal: KafkaPrincipal) => ({
      brokers: options.kafkaBrokers,
      identity: findKafkaIdentity(principal, process.env[kafkaPasswordVariable(principal)], options.dataDir),
    }),
  };
  const results: [Claim, ClaimResult][] = [];
  for (const claim of CLAIMS) {
    progress(`checking ${claim.id}: ${claim.statement}…`);
    const result = await claim.check(context).catch((err: Error): ClaimResult => ({ pass: false, evidence: [`could not check: ${err.message}`] }));
    results.push([claim, result]);
  }
  for (const [claim, result] of results) {
    process.stdout.write(`${result.pass ? 'PASS' : 'FAIL'}  ${claim.id.padEnd(16)} ${claim.statement}\n`);
    for (const line of result.evidence) process.stdout.write(`      ${line}\n`);
  }
  const failed = results.filter(([, r]) => !r.pass).map(([c]) => c.id);
  process.stdout.write(failed.length === 0 ? `\nall ${results.length} claims PASS\n` : `\n${failed.length} of ${results.length} claims FAIL: ${failed.join(', ')}\n`);
  return failed.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    process.stderr.write(err instanceof UsageError ? `${err.message}\n${USAGE}\n` : `privacy:check could not run: ${err.message}\n`);
    process.exit(err instanceof UsageError ? 2 : 1);
  },
);
