import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { HttpSubmitter, RefusedSend } from './http-submitter';

/** An API stand-in: answers each request with answer(req), after a short delay, and counts connections. */
async function fakeApi(answer: (req: IncomingMessage, body: string) => number): Promise<{ origin: string; server: Server; connections: () => number; peakInFlight: () => number; bodies: string[] }> {
  let connections = 0;
  let inFlight = 0;
  let peak = 0;
  const bodies: string[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    inFlight++;
    peak = Math.max(peak, inFlight);
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => setTimeout(() => {
      inFlight--;
      bodies.push(body);
      res.writeHead(answer(req, body), { 'content-type': 'application/json' }).end('{}');
    }, 5));
  });
  server.on('connection', () => connections++);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, connections: () => connections, peakInFlight: () => peak, bodies };
}

const send = (i: number) => ({ body: JSON.stringify({ n: i }), idempotencyKey: `bench-${i}` });

describe('HttpSubmitter', () => {
  let api: Awaited<ReturnType<typeof fakeApi>>;
  afterEach(() => new Promise((r) => api.server.close(r)));

  it('sends everything over at most `clients` keep-alive connections, with the token and idempotency key', async () => {
    const seen: IncomingMessage[] = [];
    api = await fakeApi((req) => (seen.push(req), 200));
    const submitter = new HttpSubmitter({ origin: api.origin, phoneNumberId: '1065', accessToken: 'tok' }, 100, send, 4);
    await submitter.run();
    expect(submitter.submitted).toBe(100);
    expect(submitter.responseMs).toHaveLength(100);
    expect(api.connections()).toBeLessThanOrEqual(4);
    expect(api.peakInFlight()).toBe(4);
    expect(seen[0].url).toBe('/v1/1065/messages');
    expect(seen[0].headers.authorization).toBe('Bearer tok');
    expect(new Set(seen.map((r) => r.headers['idempotency-key'])).size).toBe(100);
  });

  it('retries 429 and 5xx with the same key and counts the retries', async () => {
    let calls = 0;
    api = await fakeApi(() => [429, 503, 200][Math.min(2, calls++)]);
    const submitter = new HttpSubmitter({ origin: api.origin, phoneNumberId: '1', accessToken: 't' }, 1, send, 1);
    await submitter.run();
    expect(submitter.submitted).toBe(1);
    expect(submitter.retries).toEqual({ 429: 1, 503: 1 });
    expect(api.bodies).toEqual(['{"n":0}', '{"n":0}', '{"n":0}']);
  });

  it('stops on a send the API refuses for good', async () => {
    api = await fakeApi((_req, body) => (body === '{"n":3}' ? 400 : 200));
    const submitter = new HttpSubmitter({ origin: api.origin, phoneNumberId: '1', accessToken: 't' }, 1000, send, 4);
    await expect(submitter.run()).rejects.toThrow(RefusedSend);
    expect(submitter.submitted).toBeLessThan(20);
  });

  it('under a rate, stamps each send with its due time', async () => {
    api = await fakeApi(() => 200);
    const submitter = new HttpSubmitter({ origin: api.origin, phoneNumberId: '1', accessToken: 't' }, 10, send, 2, 50);
    await submitter.run();
    expect(submitter.submittedAt[5] - submitter.submittedAt[0]).toBeCloseTo(100, 5);
  });
});
