import { readFileSync } from 'node:fs';
import { once } from 'node:events';
import { connect } from 'node:net';
import { join } from 'node:path';
import { SERVICE_NAMES, ServiceName } from '@sealpost/contracts';
import { ServiceProcess } from '@sealpost/infra';
import { kafkaPasswordVariables, Suite, testInfra, testInfraControl, waitFor } from '@sealpost/testing';

/** One real admin route per service; CONTRACT §1 says all of /admin/* needs the admin token. */
const ADMIN_ROUTES: Record<ServiceName, string> = {
  ingestion: '/admin/businesses',
  keys: '/admin/keys',
  delivery: '/admin/devices',
  retention: '/admin/policies/unknown-business',
  audit: '/admin/audit/events',
};

async function readyStatus(suite: Suite, service: ServiceName): Promise<number> {
  return (await fetch(`${suite.url(service)}/health/ready`)).status;
}

async function allReady(suite: Suite, status: number): Promise<boolean> {
  const statuses = await Promise.all(SERVICE_NAMES.map((s) => readyStatus(suite, s)));
  return statuses.every((s) => s === status);
}

describe('foundation: five services on real Kafka and a MongoDB-wire store', () => {
  let suite: Suite;

  beforeAll(async () => {
    suite = await Suite.start();
  });

  afterAll(async () => {
    await suite?.stop();
  });

  it.each(SERVICE_NAMES)('%s serves live, ready, metrics and OpenAPI docs', async (service) => {
    const base = suite.url(service);
    expect((await fetch(`${base}/health/live`)).status).toBe(200);
    const ready = await fetch(`${base}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ok', info: { kafka: { status: 'up' }, mongodb: { status: 'up' } } });
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toContain('process_cpu_user_seconds_total');
    expect(metrics).toContain(`service="${service}"`);
    expect((await fetch(`${base}/docs`)).status).toBe(200);
    const openapi = (await (await fetch(`${base}/docs-json`)).json()) as { openapi: string; paths: Record<string, unknown> };
    expect(openapi.openapi).toMatch(/^3\./);
    expect(Object.keys(openapi.paths)).toContain('/health/ready');
  });

  it.each(SERVICE_NAMES)('%s answers 401 on /admin/* without the admin token, or with a wrong one', async (service) => {
    const url = `${suite.url(service)}${ADMIN_ROUTES[service]}`;
    const none = await fetch(url);
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ error: { code: 190, type: 'OAuthException' } });
    expect((await fetch(url, { headers: { authorization: 'Bearer not-the-admin-token-at-all' } })).status).toBe(401);
    expect((await suite.admin(service, ADMIN_ROUTES[service])).status).not.toBe(401);
  });

  it('turns /health/ready to 503 while Kafka is stopped and back to 200 after it restarts', async () => {
    const control = testInfraControl();
    await control.stopKafka();
    try {
      await waitFor('every service to report not ready', () => allReady(suite, 503), 60000, 500);
      const body = await (await fetch(`${suite.url('ingestion')}/health/ready`)).json();
      expect(body).toMatchObject({ status: 'error', error: { kafka: { status: 'down' } } });
    } finally {
      await control.startKafka();
    }
    await waitFor('every service to be ready again', () => allReady(suite, 200), 90000, 500);
    // consumers resume too: an admin call's audit event travels Kafka into the audit log again
    const restarted = Date.now();
    await suite.admin('keys', '/admin/keys');
    await waitFor('the audit consumer to record an event produced after the restart', async () => {
      const events = (await (await suite.admin('audit', '/admin/audit/events?type=admin.call&limit=1000')).json()) as { occurredAt: string; payload: { action: string } }[];
      return events.some((e) => e.payload.action === 'GET /admin/keys' && Date.parse(e.occurredAt) >= restarted);
    }, 60000, 500);
  });

  it('turns /health/ready to 503 while the MongoDB store is stopped and back to 200 after it restarts', async () => {
    const control = testInfraControl();
    await control.stopStore();
    try {
      await waitFor('every service to report not ready', () => allReady(suite, 503), 60000, 500);
      const body = await (await fetch(`${suite.url('keys')}/health/ready`)).json();
      expect(body).toMatchObject({ status: 'error', error: { mongodb: { status: 'down' } } });
    } finally {
      await control.startStore();
    }
    await waitFor('every service to be ready again', () => allReady(suite, 200), 90000, 500);
  });

  it('asks a client whose request is in flight at SIGTERM to close its connection, so the stop is not held open', async () => {
    // Node's server.close() waits for a busy connection; a client that keeps it busy would hold the
    // process until its 10 s deadline. A request arriving during the stop must be answered with
    // `connection: close`, after which the server ends the socket.
    const { hostname, port } = new URL(suite.url('ingestion'));
    const socket = connect(Number(port), hostname);
    await once(socket, 'connect');
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
    const ended = once(socket, 'end');
    const body = '{"probe":true}';
    socket.write(`POST /health/live HTTP/1.1\r\nhost: ${hostname}\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n${body.slice(0, 4)}`);
    // the log file is shared with earlier suites: wait for one more stop than it already holds
    const stopsLogged = () => suite.logs('ingestion').split('SIGTERM received: shutting down').length;
    const stopsBefore = stopsLogged();
    const started = Date.now();
    const stopped = suite.service('ingestion').stop('SIGTERM');
    try {
      await waitFor('ingestion to begin its shutdown', async () => stopsLogged() > stopsBefore, 10000, 50);
      socket.write(body.slice(4));
      await ended;
      expect(answer).toMatch(/^HTTP\/1\.1 \d{3} /);
      expect(answer.toLowerCase()).toContain('connection: close');
      expect(await stopped).toBe(0);
      expect(Date.now() - started).toBeLessThan(10000);
    } finally {
      await stopped;
      suite.service('ingestion').start();
      await suite.service('ingestion').waitReady();
    }
  });

  it.each(SERVICE_NAMES)('%s shuts down cleanly on SIGTERM within 10 s, consumers and connections closed', async (service) => {
    const started = Date.now();
    const code = await suite.service(service).stop('SIGTERM');
    expect(code).toBe(0);
    expect(Date.now() - started).toBeLessThan(10000);
    expect(suite.logs(service)).toMatch(/"msg":"disconnected from Kafka/);
  });
});

describe('foundation: bad configuration stops a service at start, naming the variable', () => {
  const infra = () => testInfra();

  async function startExpectingFailure(service: ServiceName, env: Record<string, string>): Promise<{ code: number | null; output: string }> {
    const logFile = join(process.cwd(), '.sealpost', 'test-runs', `bad-config-${service}-${Date.now()}.log`);
    const p = new ServiceProcess({ service, port: 13999, logFile, env: { PATH: process.env.PATH, KAFKA_BROKERS: infra().kafkaBrokers, MONGO_URL: infra().mongoUrl, SEALPOST_ADMIN_TOKEN: 'a-long-enough-admin-token', ...kafkaPasswordVariables(infra()), ...env } });
    p.start();
    const code = await p.exited();
    return { code, output: readFileSync(logFile, 'utf8') };
  }

  it('SEALPOST_INGESTION_PORT=abc', async () => {
    const { code, output } = await startExpectingFailure('ingestion', { SEALPOST_INGESTION_PORT: 'abc' });
    expect(code).toBe(1);
    expect(output).toMatch(/failed to start: Invalid configuration: SEALPOST_INGESTION_PORT must be an integer/);
  });

  it('MONGO_URL=nonsense', async () => {
    const { code, output } = await startExpectingFailure('retention', { MONGO_URL: 'nonsense' });
    expect(code).toBe(1);
    expect(output).toMatch(/failed to start: Invalid configuration: MONGO_URL must be a mongodb:\/\/ URL/);
  });

  it('a root key file in a folder that does not exist', async () => {
    const { code, output } = await startExpectingFailure('keys', { SEALPOST_ROOT_KEY_FILE: '/nonexistent-sealpost-dir/keys/root.key' });
    expect(code).toBe(1);
    expect(output).toMatch(/failed to start: .*SEALPOST_ROOT_KEY_FILE/);
  });
});
