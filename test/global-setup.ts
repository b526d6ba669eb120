import { register } from 'tsconfig-paths';
import { compilerOptions } from '../tsconfig.json';

// global setup runs outside Jest's module mapper: resolve @sealpost/* aliases to the sources
register({ baseUrl: `${__dirname}/..`, paths: compilerOptions.paths });

/** Starts Kafka + the MongoDB-wire store once per run; suites read the endpoints from disk. */
export default async function globalSetup(): Promise<void> {
  const { startTestInfra } = await import('@sealpost/testing');
  const { info, teardown } = await startTestInfra();
  process.env.KAFKA_BROKERS = info.kafkaBrokers;
  process.env.MONGO_URL = info.mongoUrl;
  (globalThis as { __sealpostTeardown?: () => Promise<void> }).__sealpostTeardown = teardown;
}
