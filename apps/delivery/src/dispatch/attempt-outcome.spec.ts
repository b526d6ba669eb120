import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { AttemptResult, classifyAttempt, transportFailure } from './attempt-outcome';
import { postJson } from './post-json';

const answered = (status: number): AttemptResult => ({ kind: 'answered', status });

describe('classifyAttempt', () => {
  it.each([200, 201, 202, 204, 299])('%d is success', (status) => expect(classifyAttempt(answered(status))).toBe('success'));
  it.each([500, 502, 503, 504, 599, 408, 429])('%d is retried', (status) => expect(classifyAttempt(answered(status))).toBe('retry'));
  it.each([400, 401, 403, 404, 409, 410, 413, 422, 301, 302, 307, 100])('%d is final', (status) => expect(classifyAttempt(answered(status))).toBe('final'));
  it.each(['timeout', 'refused', 'reset', 'unreachable', 'other'] as const)('transport failure %s is retried', (reason) => {
    expect(classifyAttempt({ kind: 'transport', reason })).toBe('retry');
  });
});

describe('transportFailure', () => {
  it.each([
    [Object.assign(new Error('t'), { name: 'TimeoutError' }), 'timeout'],
    [Object.assign(new Error('a'), { name: 'AbortError' }), 'timeout'],
    [Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } }), 'refused'],
    [Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET' } }), 'reset'],
    [Object.assign(new TypeError('fetch failed'), { cause: { code: 'UND_ERR_SOCKET' } }), 'reset'],
    [Object.assign(new TypeError('fetch failed'), { cause: { code: 'ENOTFOUND' } }), 'unreachable'],
    [new Error('something else'), 'other'],
    [undefined, 'other'],
  ])('%p is %s', (error, reason) => expect(transportFailure(error)).toBe(reason));
});

describe('postJson against a real socket', () => {
  let server: Server;
  let base: string;
  let behaviour: 'ok' | 'unavailable' | 'hang' | 'reset' | 'endless' = 'ok';
  const bodies: Buffer[] = [];
  let endlessBytesWritten = 0;

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        bodies.push(Buffer.concat(chunks));
        if (behaviour === 'ok') res.writeHead(200).end('{}');
        else if (behaviour === 'unavailable') res.writeHead(503).end();
        else if (behaviour === 'reset') req.socket.destroy();
        else if (behaviour === 'endless') {
          res.writeHead(200, { 'content-type': 'application/octet-stream' });
          const chunk = Buffer.alloc(64 * 1024, 0x61);
          const pump = () => {
            while (!res.destroyed && endlessBytesWritten < 512 * 1024 * 1024) {
              endlessBytesWritten += chunk.length;
              if (!res.write(chunk)) return;
            }
          };
          res.on('drain', pump);
          pump();
        }
        // 'hang': never answer
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('sends the exact bytes and reports the status', async () => {
    behaviour = 'ok';
    const body = Buffer.from('{"a":"\\u00e9"}');
    expect(await postJson(`${base}/x`, body, 2000)).toEqual({ kind: 'answered', status: 200 });
    expect(bodies.at(-1)).toEqual(body);
    behaviour = 'unavailable';
    expect(await postJson(`${base}/x`, body, 2000)).toEqual({ kind: 'answered', status: 503 });
  });

  it('reports a timeout, a reset and a refused connection as transport failures', async () => {
    behaviour = 'hang';
    expect(await postJson(`${base}/x`, Buffer.from('{}'), 200)).toEqual({ kind: 'transport', reason: 'timeout' });
    behaviour = 'reset';
    expect(await postJson(`${base}/x`, Buffer.from('{}'), 2000)).toEqual({ kind: 'transport', reason: 'reset' });
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    expect(await postJson(`http://127.0.0.1:${port}/x`, Buffer.from('{}'), 2000)).toEqual({ kind: 'transport', reason: 'refused' });
  });

  it('reads no more of an answer than MAX_ANSWER_BYTES: a 200 that streams for ever is a delivery, not a memory leak', async () => {
    behaviour = 'endless';
    expect(await postJson(`${base}/x`, Buffer.from('{}'), 5000)).toEqual({ kind: 'answered', status: 200 });
    // what the socket buffers held when the reader stopped, far below what an unbounded read takes in 5 s
    expect(endlessBytesWritten).toBeLessThan(16 * 1024 * 1024);
  });
});
