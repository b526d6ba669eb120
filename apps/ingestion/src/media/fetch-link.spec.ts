import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { text } from 'node:stream/consumers';
import { Agent } from 'undici';
import { publicOnlyLookup } from '@sealpost/platform/http/public-only-lookup';
import { fetchLink } from './fetch-link';
import { MediaRefused } from '@sealpost/platform/media/media-refused';

describe('fetchLink', () => {
  let server: Server;
  let origin: string;
  let requests = 0;

  beforeAll(async () => {
    server = createServer((req, res) => {
      requests++;
      if (req.url === '/file.pdf') return void res.writeHead(200, { 'content-type': 'application/pdf' }).end('%PDF-1.7 hello');
      if (req.url === '/moved') return void res.writeHead(302, { location: '/file.pdf' }).end();
      if (req.url === '/loop') return void res.writeHead(302, { location: '/loop' }).end();
      if (req.url === '/to-loopback') return void res.writeHead(302, { location: `http://127.0.0.1:${(server.address() as AddressInfo).port}/file.pdf` }).end();
      if (req.url === '/slow') return void setTimeout(() => res.writeHead(200, { 'content-type': 'image/png' }).end('late'), 500);
      res.writeHead(404).end();
    });
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((closed) => server.close(() => closed())));

  const refused = (promise: Promise<unknown>, details: RegExp) => expect(promise).rejects.toEqual(expect.objectContaining({ code: 131052, details: expect.stringMatching(details) }));

  it('gives the body and its declared type, following a redirect', async () => {
    const linked = await fetchLink(`${origin}/moved`, { allowsPrivate: true });
    expect(linked.mimeType).toBe('application/pdf');
    expect(await text(linked.content)).toBe('%PDF-1.7 hello');
  });

  it('fails with 131052 on a status other than 200, a redirect loop, no answer in time, or nobody listening', async () => {
    await refused(fetchLink(`${origin}/gone`, { allowsPrivate: true }), /answered 404/);
    await refused(fetchLink(`${origin}/loop`, { allowsPrivate: true }), /redirected more than 3 times/);
    await refused(fetchLink(`${origin}/slow`, { allowsPrivate: true, timeoutMs: 100 }), /did not answer in time/);
    await refused(fetchLink('http://127.0.0.1:9/x', { allowsPrivate: true }), /connection failed/);
  });

  it('never reaches a private address unless allowed: a literal, a redirect to one, or a name resolving to one', async () => {
    const before = requests;
    await refused(fetchLink(`${origin}/file.pdf`, { allowsPrivate: false }), /SEALPOST_ALLOW_PRIVATE_ENDPOINTS/);
    await refused(fetchLink(`http://localhost:${new URL(origin).port}/file.pdf`, { allowsPrivate: false, agent: new Agent({ connect: { lookup: publicOnlyLookup } }) }), /SEALPOST_ALLOW_PRIVATE_ENDPOINTS/);
    expect(requests).toBe(before);
    // every hop is checked: a name let through (no guarding agent here) that redirects to a private address gets no further
    await refused(fetchLink(`http://localhost:${new URL(origin).port}/to-loopback`, { allowsPrivate: false }), /SEALPOST_ALLOW_PRIVATE_ENDPOINTS/);
    expect(requests).toBe(before + 1);
  });

  it('is a MediaRefused the send path answers 400 with', async () => {
    await expect(fetchLink(`${origin}/gone`, { allowsPrivate: true })).rejects.toBeInstanceOf(MediaRefused);
  });
});
