import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

export type RawRequestHandler = (req: IncomingMessage, body: Buffer, res: ServerResponse) => void | Promise<void>;

/** A real HTTP server on 127.0.0.1 with an OS-chosen port, so parallel suites never collide. */
export class LocalHttpServer {
  private constructor(
    private readonly server: Server,
    readonly origin: string,
  ) {}

  static async start(handler: RawRequestHandler): Promise<LocalHttpServer> {
    const server = createServer((req, res) => void serve(handler, req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    return new LocalHttpServer(server, `http://127.0.0.1:${port}`);
  }

  /** Drops idle keep-alive sockets too, so stopping never waits for a client's pool to time out. */
  async stop(): Promise<void> {
    if (!this.server.listening) return;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }
}

async function serve(handler: RawRequestHandler, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    await handler(req, await readBody(req), res);
  } catch {
    // a fake must never crash the test process; the service under test sees a 500
    if (!res.headersSent && !res.destroyed) res.writeHead(500).end();
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  // the client may have given up (timeout tests); writing to a destroyed socket would throw
  if (res.destroyed) return;
  const bytes = Buffer.from(JSON.stringify(body), 'utf8');
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': bytes.length }).end(bytes);
}
