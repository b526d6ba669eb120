import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { EmbeddedInfra, InfraPorts, printProgress, projectRoot } from '@sealpost/infra';
import { testEnv } from './config/test-env';
import { TestInfraControl, TestInfraInfo } from './test-infra';

/**
 * Ports apart from the defaults, so tests run beside a developer's `npm start`;
 * SEALPOST_TEST_PORT_OFFSET moves them all, so a second checkout's tests run beside this one's.
 */
const offset = testEnv.portOffset();
export const TEST_PORTS: InfraPorts = { kafka: 19092 + offset, kafkaController: 19093 + offset, mongo: 37017 + offset, postgres: 37432 + offset };

function embeddedInfra(stateDir: string): EmbeddedInfra {
  const dataDir = join(projectRoot(), '.sealpost');
  return new EmbeddedInfra({ projectRoot: projectRoot(), cacheDir: join(dataDir, 'cache'), stateDir, secretsDir: stateDir }, TEST_PORTS, printProgress);
}

export function testStateDir(): string {
  return join(projectRoot(), '.sealpost', 'test-infra');
}

/** Starts a fresh embedded Kafka + FerretDB for one test run (state wiped, downloads cached). */
export async function startEmbeddedTestInfra(): Promise<{ info: TestInfraInfo; teardown: () => Promise<void> }> {
  const stateDir = testStateDir();
  const leftover = embeddedInfra(stateDir);
  await leftover.stop();
  rmSync(stateDir, { recursive: true, force: true });
  const infra = embeddedInfra(stateDir);
  const endpoints = await infra.start();
  return {
    info: { provider: 'embedded', kafkaBrokers: endpoints.kafkaBrokers, kafkaIdentities: endpoints.kafkaIdentities, mongoUrl: endpoints.mongoUrl, stateDir },
    teardown: () => infra.stop(),
  };
}

export function embeddedControl(stateDir: string): TestInfraControl {
  const infra = embeddedInfra(stateDir);
  return {
    stopKafka: () => infra.kafka.stop(),
    startKafka: () => infra.startKafka(),
    stopStore: () => infra.ferretdb.stop(),
    startStore: () => infra.ferretdb.start(),
    reprovisionKafka: async () => void (await infra.start()),
  };
}
