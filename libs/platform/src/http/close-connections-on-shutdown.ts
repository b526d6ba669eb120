import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';

/**
 * Once shutdown starts, every response asks its client to close the connection. Node's
 * `server.close()` waits for connections busy with a request, so a client sending steadily over
 * one keep-alive connection kept the server open until the shutdown deadline (seen under chaos:
 * ingestion served 10 s of sends after SIGTERM, then exited 1). Returns the switch to call then.
 */
export function closeConnectionsOnShutdown(app: NestExpressApplication): () => void {
  let closing = false;
  app.use((_req: Request, res: Response, next: NextFunction) => {
    if (closing) res.setHeader('connection', 'close');
    next();
  });
  return () => {
    closing = true;
  };
}
