import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { KAFKA_PRINCIPALS, portVariable, SERVICE_NAMES, SERVICES } from '@sealpost/contracts';
import { projectRoot } from '@sealpost/infra';
import { kafkaPasswordVariables, testInfra, waitFor } from '@sealpost/testing';

/**
 * The README's run command (`npm start` runs this CLI after the build): all five services
 * up and ready, their URLs printed, and Ctrl-C (SIGINT) stopping everything.
 */
describe('npm start: the suite in the foreground', () => {
  const portOf = (service: (typeof SERVICE_NAMES)[number]) => 14000 + SERVICES[service].defaultPort - 3000;
  let cli: ChildProcess;
  let output = '';

  beforeAll(() => {
    const ports = Object.fromEntries(SERVICE_NAMES.map((s) => [portVariable(s), String(portOf(s))]));
    cli = spawn(process.execPath, ['-r', join(projectRoot(), 'infra', 'register-aliases.js'), join(projectRoot(), 'dist', 'infra', 'cli', 'main.js'), 'run'], {
      cwd: projectRoot(),
      // servers named by KAFKA_BROKERS / MONGO_URL are used as they are: nothing is provisioned
      env: { PATH: process.env.PATH, KAFKA_BROKERS: testInfra().kafkaBrokers, MONGO_URL: testInfra().mongoUrl, SEALPOST_ADMIN_TOKEN: 'run-command-test-admin-token', KEYS_URL: `http://127.0.0.1:${portOf('keys')}`, ...kafkaPasswordVariables(testInfra(), KAFKA_PRINCIPALS), ...ports },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    cli.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    cli.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  });

  afterAll(() => {
    if (cli.exitCode === null) cli.kill('SIGKILL');
  });

  it('brings all five services to 200 on /health/ready and prints where they are', async () => {
    await waitFor('the CLI to report all five ready', async () => output.includes('all five services ready'), 120000, 250);
    for (const service of SERVICE_NAMES) {
      expect((await fetch(`http://127.0.0.1:${portOf(service)}/health/ready`)).status).toBe(200);
      expect(output).toContain(`http://127.0.0.1:${portOf(service)}`);
    }
    expect(output).toMatch(/admin token: the SEALPOST_ADMIN_TOKEN you set/);
    expect(output).toMatch(/using KAFKA_BROKERS=/);
  });

  it('stops everything on Ctrl-C', async () => {
    const exited = new Promise<number | null>((resolve) => cli.once('exit', resolve));
    cli.kill('SIGINT');
    expect(await exited).toBe(0);
    for (const service of SERVICE_NAMES) {
      await expect(fetch(`http://127.0.0.1:${portOf(service)}/health/live`)).rejects.toThrow();
    }
  });
});
