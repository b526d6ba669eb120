import { existsSync, readFileSync } from 'node:fs';
import { posix, resolve } from 'node:path';
import { parse } from 'yaml';
import { KAFKA_PRINCIPALS, kafkaPasswordVariable, mongoPasswordVariable, portVariable, SERVICE_NAMES, SERVICES } from '../../libs/contracts/src';

// docker-compose.yml cannot run here (no Docker engine), so its promises are checked as data.
const repoRoot = resolve(__dirname, '..', '..');
const compose = parse(readFileSync(resolve(repoRoot, 'docker-compose.yml'), 'utf8'), { merge: true });
const services: Record<string, any> = compose.services;
const apps = SERVICE_NAMES.map((name) => ({ name, port: SERVICES[name].defaultPort, spec: services[name] }));

/** Compose allows environment as a map or as a list of NAME=value. */
function envOf(spec: any): Record<string, string> {
  const env = spec?.environment ?? {};
  if (!Array.isArray(env)) return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, String(v ?? '')]));
  return Object.fromEntries(env.map((line: string) => (line.includes('=') ? [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)] : [line, ''])));
}

/** Named volumes of a service as [source, target]; bind mounts (paths) are left out. */
function namedVolumes(spec: any): [string, string][] {
  const mounts: [string, string][] = (spec?.volumes ?? []).map((v: any) => (typeof v === 'string' ? v.split(':') : [v.source, v.target]));
  return mounts.filter(([source]) => source && !/^[./~$]/.test(source));
}

describe('docker-compose.yml', () => {
  it('runs every service of the contract', () => {
    for (const { name, spec } of apps) expect({ name, present: Boolean(spec) }).toEqual({ name, present: true });
  });

  it('has nothing besides the five services, kafka, mongo and the one-shot setup', () => {
    expect(Object.keys(services).sort()).toEqual([...SERVICE_NAMES, 'kafka', 'mongo', 'setup'].sort());
  });

  it.each(apps)("$name logs in to Kafka and MongoDB as itself, and knows no other principal's password", ({ name, spec }) => {
    const passwords = Object.keys(envOf(spec)).filter((v) => /^SEALPOST_(KAFKA|MONGO)_[A-Z]+_PASSWORD$/.test(v));
    expect(passwords.sort()).toEqual([kafkaPasswordVariable(name), mongoPasswordVariable(name)].sort());
    expect(spec.depends_on?.setup?.condition).toBe('service_completed_successfully');
  });

  it('runs the broker with SCRAM users for every principal, ACLs enforced and no anonymous access', () => {
    const script = readFileSync(resolve(repoRoot, 'infra', 'compose', 'kafka-start.sh'), 'utf8');
    expect(script).toContain('allow.everyone.if.no.acl.found=false');
    expect(script).toContain('authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer');
    expect(script).not.toMatch(/PLAINTEXT:PLAINTEXT|User:ANONYMOUS/);
    expect(script).toContain(`for principal in ${KAFKA_PRINCIPALS.join(' ')}; do`);
    expect(Object.keys(envOf(services.kafka)).filter((v) => v.startsWith('SEALPOST_KAFKA_')).sort()).toEqual(KAFKA_PRINCIPALS.map(kafkaPasswordVariable).sort());
  });

  it('turns MongoDB access control on and has setup create the service users as root', () => {
    expect(envOf(services.mongo).MONGO_INITDB_ROOT_PASSWORD).toMatch(/^\$\{SEALPOST_MONGO_ROOT_PASSWORD:\?/);
    expect(services.setup.command.join(' ')).toContain('dist/infra/cli/main.js provision');
    expect(Object.keys(envOf(services.setup)).filter((v) => v.startsWith('SEALPOST_MONGO_')).sort()).toEqual(SERVICE_NAMES.map(mongoPasswordVariable).sort());
  });

  it.each(apps)('$name publishes its contract port and sets its port variable to it', ({ name, port, spec }) => {
    expect((spec.ports ?? []).map(String)).toContain(`${port}:${port}`);
    expect(envOf(spec)[portVariable(name)]).toBe(String(port));
  });

  it.each(apps)('$name sets the common variables', ({ spec }) => {
    const env = envOf(spec);
    for (const name of ['KAFKA_BROKERS', 'MONGO_URL', 'SEALPOST_ADMIN_TOKEN', 'LOG_LEVEL']) expect(Object.keys(env)).toContain(name);
    expect(env.KAFKA_BROKERS).toMatch(/^[\w.-]+:\d+(,[\w.-]+:\d+)*$/);
    expect(env.MONGO_URL).toMatch(/^mongodb:\/\//);
    expect(env.SEALPOST_ADMIN_TOKEN).toMatch(/^\$\{SEALPOST_ADMIN_TOKEN:\?/);
  });

  it.each(apps)('$name is healthy only when /health/ready answers on its own port', ({ port, spec }) => {
    const test: string[] = spec.healthcheck?.test ?? [];
    expect(test[0]).toMatch(/^CMD/);
    expect(test.join(' ')).toContain(`:${port}/health/ready`);
  });

  it.each(apps)('$name waits for healthy kafka and mongo (and keys, when it calls keys)', ({ spec }) => {
    const deps = spec.depends_on ?? {};
    const needs = ['kafka', 'mongo', ...(envOf(spec).KEYS_URL ? ['keys'] : [])];
    for (const dep of needs) expect({ dep, condition: deps[dep]?.condition }).toEqual({ dep, condition: 'service_healthy' });
  });

  it('runs kafka from the official image in single-node KRaft mode', () => {
    const kafka = services.kafka;
    const script = readFileSync(resolve(repoRoot, 'infra', 'compose', 'kafka-start.sh'), 'utf8');
    expect(kafka.image).toMatch(/^apache\/kafka(-native)?:\d/);
    expect(kafka.volumes).toContain('./infra/compose/kafka-start.sh:/sealpost/kafka-start.sh:ro');
    for (const line of ['process.roles=broker,controller', 'controller.quorum.voters=1@kafka:9093', 'offsets.topic.replication.factor=1', 'transaction.state.log.replication.factor=1', 'auto.create.topics.enable=false']) {
      expect(script).toContain(line);
    }
    expect(kafka.healthcheck?.test).toBeDefined();
  });

  it('runs mongo from the official image', () => {
    expect(services.mongo.image).toMatch(/^mongo:\d/);
    expect(services.mongo.healthcheck?.test).toBeDefined();
  });

  it('declares every named volume it uses', () => {
    const declared = Object.keys(compose.volumes ?? {});
    const used = Object.values(services).flatMap((spec) => namedVolumes(spec).map(([source]) => source));
    expect(used.filter((v) => !declared.includes(v))).toEqual([]);
  });

  it('keeps the root key file of the keys service on a named volume', () => {
    const file = envOf(services.keys).SEALPOST_ROOT_KEY_FILE;
    expect(file).toMatch(/^\//);
    const onVolume = namedVolumes(services.keys).some(([, target]) => !posix.relative(target, file).startsWith('..'));
    expect(onVolume).toBe(true);
  });

  // Names documented in CONTRACT §2 (the configuration table) or anywhere in the README.
  const contract = ['/work/shared/CONTRACT.md', resolve(repoRoot, '..', 'shared', 'CONTRACT.md')].find((p) => existsSync(p));
  const readme = resolve(repoRoot, 'README.md');
  (contract ? it : it.skip)(
    contract ? 'uses no SEALPOST_* variable that CONTRACT §2 or the README does not document' : 'SKIPPED: no CONTRACT.md in /work/shared or ../shared, so variable names cannot be checked',
    () => {
      const table = readFileSync(contract!, 'utf8').split(/^## 2\. .*$/m)[1]?.split(/^## /m)[0] ?? '';
      const docs = table + (existsSync(readme) ? readFileSync(readme, 'utf8') : '');
      const documented = [...docs.matchAll(/SEALPOST_[A-Z0-9_<>]+/g)].map(([name]) => new RegExp(`^${name.replace(/<[A-Z]+>/g, '[A-Z0-9]+')}$`));
      const used = Object.entries(services).flatMap(([svc, spec]) => Object.keys(envOf(spec)).map((name) => `${svc}: ${name}`));
      const unknown = used.filter((u) => u.split(': ')[1].startsWith('SEALPOST_') && !documented.some((re) => re.test(u.split(': ')[1])));
      expect(unknown).toEqual([]);
    },
  );
});
