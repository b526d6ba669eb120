import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import { postJson } from './post-json';
import { publicOnlyLookup } from '@sealpost/platform/http/public-only-lookup';

describe('publicOnlyLookup', () => {
  let server: Server;
  let port: number;
  let requests = 0;

  beforeAll(async () => {
    server = createServer((req, res) => {
      requests++;
      res.end('ok');
    });
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(() => new Promise<void>((closed) => server.close(() => closed())));

  it('keeps a POST from connecting to a name that resolves to a loopback address', async () => {
    const guarded = new Agent({ connect: { lookup: publicOnlyLookup } });
    const before = requests;
    await expect(postJson(`http://localhost:${port}/`, Buffer.from('{}'), 2000, {}, guarded)).resolves.toEqual({ kind: 'transport', reason: 'private-address' });
    expect(requests).toBe(before);
    await guarded.close();
  });

  it('lets the same POST through without the guard (the server is there)', async () => {
    const open = new Agent();
    await expect(postJson(`http://localhost:${port}/`, Buffer.from('{}'), 2000, {}, open)).resolves.toEqual({ kind: 'answered', status: 200 });
    await open.close();
  });
});
