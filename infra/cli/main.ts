import { join } from 'node:path';
import { KAFKA_PRINCIPALS, kafkaPasswordVariable, mongoPasswordVariable, SERVICE_NAMES } from '@sealpost/contracts';
import { adminTokenFile, resolveAdminToken } from '@sealpost/platform';
import { DEFAULT_PORTS, defaultLayout, EmbeddedInfra, printProgress, projectRoot, provisionMongoUsers, ServiceProcess } from '@sealpost/infra';

const USAGE = `usage: sealpost-infra <start|stop|status|run|provision>
  start      provision (first run) and start Kafka + FerretDB in the background
  stop       stop them
  status     show whether they run
  run        start them and the five services in the foreground; Ctrl-C stops everything
  provision  for servers you run (KAFKA_BROKERS, MONGO_URL with an administrator's credentials):
             topics, ACLs (SEALPOST_KAFKA_ADMIN_PASSWORD) and service users (SEALPOST_MONGO_<SERVICE>_PASSWORD)`;

async function main(command: string | undefined): Promise<void> {
  const dataDir = join(projectRoot(), '.sealpost');
  const infra = new EmbeddedInfra(defaultLayout(dataDir), DEFAULT_PORTS, printProgress, {
    kafkaBrokers: process.env.KAFKA_BROKERS,
    mongoUrl: process.env.MONGO_URL,
    kafkaPasswords: Object.fromEntries(KAFKA_PRINCIPALS.map((p) => [p, process.env[kafkaPasswordVariable(p)]])),
  });
  switch (command) {
    case 'start':
      await infra.start();
      return;
    case 'stop':
      await infra.stop();
      return;
    case 'status':
      for (const [name, state] of Object.entries(infra.status())) printProgress(`${name}: ${state}`);
      return;
    case 'run':
      return runSuite(infra, dataDir);
    case 'provision':
      return provisionServers(infra);
    default:
      process.stderr.write(`${USAGE}\n`);
      process.exitCode = 2;
  }
}

async function provisionServers(infra: EmbeddedInfra): Promise<void> {
  const mongoUrl = process.env.MONGO_URL;
  if (!process.env.KAFKA_BROKERS || !mongoUrl) {
    throw new Error('provision sets up servers you run: set KAFKA_BROKERS, and MONGO_URL with an administrator\'s credentials');
  }
  await infra.start();
  const users = await provisionMongoUsers(mongoUrl, Object.fromEntries(SERVICE_NAMES.map((s) => [s, process.env[mongoPasswordVariable(s)]])));
  printProgress(`mongodb: ${users.length} service user(s) with a role on their own database only${users.length ? ` (${users.join(', ')})` : ''}`);
}

async function runSuite(infra: EmbeddedInfra, dataDir: string): Promise<void> {
  const started = Date.now();
  const endpoints = await infra.start();
  resolveAdminToken(process.env.SEALPOST_ADMIN_TOKEN, dataDir);
  // a trial on one machine: its devices and webhook receivers are usually local too (an operator may say otherwise)
  const allowPrivate = process.env.SEALPOST_ALLOW_PRIVATE_ENDPOINTS ?? 'true';
  const env = { ...process.env, KAFKA_BROKERS: endpoints.kafkaBrokers, MONGO_URL: endpoints.mongoUrl, SEALPOST_DATA_DIR: dataDir, SEALPOST_ALLOW_PRIVATE_ENDPOINTS: allowPrivate };
  // the terminal shows the logs; the files let privacy:check scan them for canaries
  const services = SERVICE_NAMES.map((service) => new ServiceProcess({ service, env, logFile: join(dataDir, 'logs', `${service}.log`), tee: true }));
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    printProgress('stopping services…');
    await Promise.all(services.map((s) => s.stop()));
    if (endpoints.embedded.kafka || endpoints.embedded.mongo) await infra.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));
  for (const s of services) {
    s.start();
    void s.exited().then((code) => {
      if (!stopping) {
        printProgress(`${s.name} exited with code ${code}; stopping the suite`);
        void stopAll(1);
      }
    });
  }
  await Promise.all(services.map((s) => s.waitReady(120000)));
  printProgress(`all five services ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  for (const s of services) printProgress(`  ${s.name.padEnd(9)} ${s.url}   (docs ${s.url}/docs)`);
  printProgress(
    process.env.SEALPOST_ADMIN_TOKEN ? 'admin token: the SEALPOST_ADMIN_TOKEN you set' : `admin token: in ${adminTokenFile(dataDir)}`,
  );
  printProgress('Ctrl-C stops everything');
}

main(process.argv[2]).catch((err: Error) => {
  process.stderr.write(`sealpost: ${err.message}\n`);
  process.exit(1);
});
