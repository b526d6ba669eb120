import { Type } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { portVariable, ServiceName } from '@sealpost/contracts';
import { KafkaRuntime } from '@sealpost/kafka';
import { checkJsonBytes, strictJsonReviver } from '../input/strict-json';
import { closeConnectionsOnShutdown } from './close-connections-on-shutdown';

const SHUTDOWN_DEADLINE_MS = 10000;

/** Closes consumers, timers and connections (Nest's shutdown hooks), then exits `code`; 1 past the deadline. */
async function shutDown(app: NestExpressApplication, reason: string, code = 0): Promise<void> {
  setTimeout(() => {
    process.stderr.write(`shutdown took longer than ${SHUTDOWN_DEADLINE_MS} ms; exiting anyway\n`);
    process.exit(1);
  }, SHUTDOWN_DEADLINE_MS).unref();
  app.get(Logger).log(`${reason}: shutting down`);
  try {
    await app.close();
    process.exit(code);
  } catch (err) {
    process.stderr.write(`shutdown failed: ${(err as Error).message}\n`);
    process.exit(1);
  }
}

/**
 * Starts one service: HTTP API with OpenAPI at /docs, structured logs, and a graceful
 * shutdown on SIGTERM/SIGINT that closes consumers and connections within 10 s.
 * Start-up failures (bad config above all) exit 1 with one line naming the problem.
 */
export async function bootstrapService(service: ServiceName, module: Type<unknown>, title: string): Promise<NestExpressApplication> {
  let app: NestExpressApplication;
  try {
    app = await NestFactory.create<NestExpressApplication>(module, { bufferLogs: true, abortOnError: false, bodyParser: true });
  } catch (err) {
    process.stderr.write(`sealpost-${service} failed to start: ${(err as Error).message}\n`);
    process.exit(1);
  }
  app.useLogger(app.get(Logger));
  // one reading of a body for every entrance (the Kafka submit decoder uses the same checks);
  // Nest's options type leaves out body-parser's `verify`, which it passes on all the same
  const strictJson = { limit: '64kb', verify: (_req: unknown, _res: unknown, bytes: Buffer) => checkJsonBytes(bytes), reviver: strictJsonReviver };
  app.useBodyParser('json', strictJson);
  const closeConnections = closeConnectionsOnShutdown(app);
  const stop = (reason: string, code?: number) => {
    closeConnections();
    void shutDown(app, reason, code);
  };
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle(`Sealpost ${service}`).setDescription(title).setVersion('1').addBearerAuth(undefined, 'admin').addBearerAuth(undefined, 'business').build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => stop(`${signal} received`));
  }
  // a rejected credential does not heal by retrying: stop once, with the reason in the log
  app.get(KafkaRuntime).onFatal((message) => {
    process.stderr.write(`sealpost-${service}: ${message}\n`);
    stop('cannot authenticate to Kafka', 1);
  });
  const config = app.get(ConfigService);
  const port = config.get<number>(portVariable(service))!;
  await app.listen(port, config.get<string>('SEALPOST_HTTP_HOST')!);
  app.get(Logger).log(`sealpost-${service} listening on port ${port}`);
  return app;
}
