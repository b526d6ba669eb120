import { testEnv } from './config/test-env';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KafkaPrincipal, kafkaPasswordVariable, SERVICE_NAMES, ServiceName, SERVICES } from '@sealpost/contracts';
import { generateSigningKeyPair } from '@sealpost/crypto';
import { projectRoot, ServiceProcess } from '@sealpost/infra';
import { newSecretToken } from '@sealpost/platform/secrets/secret-token';
import { TestInfraInfo } from './test-infra';
import { testInfra } from './test-infra-provider';

/** Each running suite gets ports of its own, away from the defaults a developer's `npm start` uses. */
let nextPortBlock = 0;

export interface SuiteOptions {
  services?: readonly ServiceName[];
  /** extra variables for every service, e.g. SEALPOST_KEY_EPOCH */
  env?: Record<string, string>;
  /** more than one process of a service (scale-out): they share its consumer groups and database */
  instances?: Partial<Record<ServiceName, number>>;
}

/** SEALPOST_KAFKA_<NAME>_PASSWORD of each principal (default: the services), where the test broker enforces identities. */
export function kafkaPasswordVariables(infra: TestInfraInfo, principals: readonly KafkaPrincipal[] = SERVICE_NAMES): Record<string, string> {
  return Object.fromEntries(principals.flatMap((p) => {
    const identity = infra.kafkaIdentities?.[p];
    return identity ? [[kafkaPasswordVariable(p), identity.password]] : [];
  }));
}

/**
 * The suites of a test run share the store, so they share one audit log: its checkpoints must all
 * be signed by one key, the one each suite's audit service (and privacy:check) pins. The run's key
 * is made once and copied into each suite's folder, where the audit service looks for it.
 */
function shareRunSigningKey(dataDir: string): void {
  const runKey = join(projectRoot(), '.sealpost', 'test-runs', `audit-signing-${process.pid}.key`);
  if (!existsSync(runKey)) writeFileSync(runKey, generateSigningKeyPair().privateKeyPem, { mode: 0o600 });
  const own = join(dataDir, 'audit-signing.key');
  if (!existsSync(own)) copyFileSync(runKey, own);
}

/** The five (or some) compiled services as child processes on the test infrastructure. */
export class Suite {
  readonly adminToken = newSecretToken('spadmin_');
  readonly dataDir: string;
  readonly processes = new Map<ServiceName, ServiceProcess>();
  /** the second and later instances of a service, when asked for */
  private readonly extra = new Map<ServiceName, ServiceProcess[]>();
  private readonly env: NodeJS.ProcessEnv;

  constructor(options: SuiteOptions = {}) {
    const infra = testInfra();
    const block = 13000 + 100 * nextPortBlock++ + (process.pid % 50) * 200;
    // one folder per test run: the suites of a run share the store, so they share its root key too
    this.dataDir = join(projectRoot(), '.sealpost', 'test-runs', `${process.pid}-${block}`);
    mkdirSync(this.dataDir, { recursive: true });
    shareRunSigningKey(this.dataDir);
    this.env = {
      PATH: testEnv.path(),
      KAFKA_BROKERS: infra.kafkaBrokers,
      MONGO_URL: infra.mongoUrl,
      SEALPOST_ADMIN_TOKEN: this.adminToken,
      SEALPOST_DATA_DIR: this.dataDir,
      KAFKAJS_NO_PARTITIONER_WARNING: '1',
      LOG_LEVEL: 'info',
      // the fake devices and webhook receivers listen on 127.0.0.1
      SEALPOST_ALLOW_PRIVATE_ENDPOINTS: 'true',
      KEYS_URL: `http://127.0.0.1:${block + SERVICES.keys.defaultPort - 3000}`,
      DELIVERY_URL: `http://127.0.0.1:${block + SERVICES.delivery.defaultPort - 3000}`,
      ...kafkaPasswordVariables(infra),
      ...options.env,
    };
    for (const service of options.services ?? SERVICE_NAMES) {
      const port = block + SERVICES[service].defaultPort - 3000;
      this.processes.set(service, new ServiceProcess({ service, port, env: this.env, logFile: this.logFile(service) }));
      const more = Array.from({ length: (options.instances?.[service] ?? 1) - 1 }, (_, i) => i + 1);
      this.extra.set(service, more.map((i) => new ServiceProcess({ service, port: port + 10 * i, env: this.env, logFile: this.logFile(service, i) })));
    }
  }

  static async start(options: SuiteOptions = {}): Promise<Suite> {
    const suite = new Suite(options);
    for (const p of suite.all()) p.start();
    try {
      await Promise.all(suite.all().map((p) => p.waitReady()));
    } catch (err) {
      // those that did start would hold their ports and consumer groups for the rest of the run
      await suite.stop();
      throw err;
    }
    return suite;
  }

  /** Every process, every instance. */
  all(): ServiceProcess[] {
    return [...this.processes.keys()].flatMap((name) => this.instances(name));
  }

  /** The instances of a service, the first being service(name). */
  instances(name: ServiceName): ServiceProcess[] {
    return [this.service(name), ...(this.extra.get(name) ?? [])];
  }

  service(name: ServiceName): ServiceProcess {
    const p = this.processes.get(name);
    if (!p) throw new Error(`${name} is not part of this suite`);
    return p;
  }

  url(name: ServiceName): string {
    return this.service(name).url;
  }

  logFile(name: ServiceName, instance = 0): string {
    return join(this.dataDir, instance === 0 ? `${name}.log` : `${name}-${instance}.log`);
  }

  logs(name: ServiceName): string {
    try {
      return readFileSync(this.logFile(name), 'utf8');
    } catch {
      return '';
    }
  }

  /** Fetch with the admin token. */
  admin(name: ServiceName, path: string, init: RequestInit = {}): Promise<Response> {
    return fetch(`${this.url(name)}${path}`, {
      ...init,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.adminToken}`, ...(init.headers ?? {}) },
    });
  }

  async restart(name: ServiceName, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const p = this.service(name);
    await p.stop(signal);
    p.start();
    await p.waitReady();
  }

  async stop(): Promise<void> {
    await Promise.all(this.all().map((p) => p.stop()));
  }
}
