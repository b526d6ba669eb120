import { testEnv } from './config/test-env';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '@sealpost/infra';
import { containerControl, containerRuntimeAvailable, startContainerTestInfra } from './container-test-infra';
import { embeddedControl, startEmbeddedTestInfra } from './embedded-test-infra';
import { TestInfraControl, TestInfraInfo } from './test-infra';
import type { KafkaPrincipal } from '@sealpost/contracts';
import { KafkaEndpoint } from './kafka-endpoint';

const INFO_FILE = join(projectRoot(), '.sealpost', 'test-infra.json');

/**
 * One provider for the whole run: containers of the official images when a Docker engine
 * answers and TEST_INFRA is not `embedded`; otherwise the embedded Kafka + FerretDB.
 */
export async function startTestInfra(): Promise<{ info: TestInfraInfo; teardown: () => Promise<void> }> {
  const wanted = testEnv.infra();
  const useContainers = wanted === 'containers' || (wanted !== 'embedded' && (await containerRuntimeAvailable()));
  const started = useContainers ? await startContainerTestInfra() : await startEmbeddedTestInfra();
  writeFileSync(INFO_FILE, JSON.stringify(started.info, null, 2));
  return started;
}

/** For suites: the infrastructure global setup started. */
export function testInfra(): TestInfraInfo {
  try {
    return JSON.parse(readFileSync(INFO_FILE, 'utf8')) as TestInfraInfo;
  } catch {
    throw new Error(`no test infrastructure described in ${INFO_FILE}: run e2e suites through jest (npm test), whose global setup starts it`);
  }
}

/** The test broker as one principal (default: the admin, who may read and write everything). */
export function testKafka(principal: KafkaPrincipal = 'admin', info = testInfra()): KafkaEndpoint {
  return { brokers: info.kafkaBrokers, identity: info.kafkaIdentities?.[principal] };
}

export function testInfraControl(info = testInfra()): TestInfraControl {
  return info.provider === 'containers' ? containerControl(info.containers!, info.kafkaBrokers) : embeddedControl(info.stateDir!);
}
