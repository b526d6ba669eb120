import { existsSync, readFileSync } from 'node:fs';
import { posix, resolve } from 'node:path';
import { parse } from 'yaml';
import { portVariable, SERVICE_NAMES, SERVICES } from '../../libs/contracts/src';

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

  it('has nothing besides the five services, kafka and mongo', () => {
    expect(Object.keys(services).sort()).toEqual([...SERVICE_NAMES, 'kafka', 'mongo'].sort());
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
    const env = envOf(kafka);
    expect(kafka.image).toMatch(/^apache\/kafka(-native)?:\d/);
    expect(env.KAFKA_PROCESS_ROLES.split(',').sort()).toEqual(['broker', 'controller']);
    expect(env.KAFKA_CONTROLLER_QUORUM_VOTERS).toMatch(/^1@kafka:\d+$/);
    expect(env.KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR).toBe('1');
    expect(env.KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR).toBe('1');
    expect(env.KAFKA_AUTO_CREATE_TOPICS_ENABLE).toBe('false');
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
