import { IsIn, IsOptional, IsString, Matches, MinLength } from 'class-validator';

/** Variables every service reads (CONTRACT §2); each app's env class extends this one. */
export class BaseEnv {
  @Matches(/^[\w.-]+:\d{1,5}(,[\w.-]+:\d{1,5})*$/, { message: 'KAFKA_BROKERS must be comma-separated host:port pairs, e.g. 127.0.0.1:9092' })
  KAFKA_BROKERS: string = '127.0.0.1:9092';

  @Matches(/^mongodb(\+srv)?:\/\/[^\s/]+(\/[^\s]*)?$/, { message: 'MONGO_URL must be a mongodb:// URL, e.g. mongodb://127.0.0.1:27017' })
  MONGO_URL: string = 'mongodb://127.0.0.1:27017';

  @IsOptional()
  @MinLength(16, { message: 'SEALPOST_ADMIN_TOKEN must be at least 16 characters' })
  SEALPOST_ADMIN_TOKEN?: string;

  /** Where generated secrets (admin token, root key) live when no variable names them. */
  @IsString()
  SEALPOST_DATA_DIR: string = '.sealpost';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { message: 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent' })
  LOG_LEVEL: string = 'info';

  /**
   * Whether business webhook_url and device endpoint_url may be loopback, private or link-local
   * addresses (ingestion and delivery check them when registered, delivery again on every
   * connection). Off by default; the embedded default (`npm start`) and the tests turn it on.
   */
  @IsIn(['true', 'false'], { message: 'SEALPOST_ALLOW_PRIVATE_ENDPOINTS must be true or false' })
  SEALPOST_ALLOW_PRIVATE_ENDPOINTS: string = 'false';

  /** Interface the HTTP server binds to. */
  @IsString()
  SEALPOST_HTTP_HOST: string = '0.0.0.0';
}
