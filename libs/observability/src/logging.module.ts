import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { LoggerModule } from 'nestjs-pino';
import { SERVICE_NAME } from './service-name';

/** Headers that carry credentials or signatures; pino writes "[Redacted]" instead. */
const REDACTED = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-sealpost-signature"]',
  'req.headers["x-hub-signature-256"]',
  'req.headers["idempotency-key"]',
  'res.headers["set-cookie"]',
];

/**
 * A request as its log line shows it: the route pattern (`/admin/devices/:device_id`), never the
 * raw URL, whose path and query hold whatever the caller typed (ids, numbers, junk).
 */
function requestLine(req: { id?: unknown; method?: string; raw?: { route?: { path?: string } } }) {
  return { id: req.id, method: req.method, route: req.raw?.route?.path ?? 'unmatched' };
}

/** Structured JSON logs for one service; request bodies and URLs are never logged. */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [ConfigService, SERVICE_NAME],
      useFactory: (config: ConfigService<{ LOG_LEVEL: string }, true>, service: string) => ({
        pinoHttp: {
          level: config.get('LOG_LEVEL', { infer: true }),
          name: `sealpost-${service}`,
          redact: REDACTED,
          serializers: { req: requestLine },
          autoLogging: { ignore: (req) => /^\/(health|metrics)/.test(req.url ?? '') },
        },
      }),
    }),
  ],
})
export class LoggingModule {}
