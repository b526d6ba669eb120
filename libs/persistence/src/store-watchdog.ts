import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectConnection } from '@nestjs/mongoose';
import mongoose, { Connection } from 'mongoose';
import type { ServiceName } from '@sealpost/contracts';
import { storeAnswers } from './ping-store';
import { storeConnectionOptions } from './store-connection-options';

export const STORE_SERVICE = Symbol('STORE_SERVICE');

const CHECK_EVERY_MS = 5000;
/** how long the store may fail to answer before a fresh client is asked whether it is really down */
const SUSPECT_AFTER_MS = 10000;

/**
 * Reopens the service's store connection when the driver stays wedged after the store came
 * back. Seen with FerretDB restarted under load: a heartbeat sent while the server shut down
 * never settles, so the driver keeps the server "Unknown" and every operation fails with a
 * stale "connection closed" for good, while a new client connects at once. Only then — the
 * store answering a fresh client but not ours — is the connection closed and opened again.
 */
@Injectable()
export class StoreWatchdog implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(StoreWatchdog.name);
  private timer?: NodeJS.Timeout;
  private failingSince?: number;
  private checking = false;

  constructor(
    @InjectConnection() private readonly connection: Connection,
    private readonly config: ConfigService,
    @Inject(STORE_SERVICE) private readonly service: ServiceName,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.check(), CHECK_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  private async check(): Promise<void> {
    if (this.checking) return;
    this.checking = true;
    try {
      if (await this.answers(this.connection)) {
        this.failingSince = undefined;
        return;
      }
      this.failingSince ??= Date.now();
      if (Date.now() - this.failingSince < SUSPECT_AFTER_MS || !(await this.freshClientAnswers())) return;
      this.logger.warn(`the store answers a new client but not this service's connection for ${Math.round((Date.now() - this.failingSince) / 1000)} s; reopening it`);
      const { uri, ...options } = storeConnectionOptions(this.config, this.service);
      await this.connection.close();
      await this.connection.openUri(uri, options);
      this.failingSince = undefined;
      this.logger.log('store connection reopened');
    } catch (err) {
      this.logger.warn({ error: (err as Error).message }, 'store watchdog check failed');
    } finally {
      this.checking = false;
    }
  }

  private async answers(connection: Connection): Promise<boolean> {
    try {
      await storeAnswers(connection, 2000);
      return true;
    } catch {
      return false;
    }
  }

  private async freshClientAnswers(): Promise<boolean> {
    const { uri, ...options } = storeConnectionOptions(this.config, this.service);
    const probe = mongoose.createConnection(uri, { ...options, serverSelectionTimeoutMS: 2000, autoIndex: false });
    try {
      await probe.asPromise();
      return await this.answers(probe);
    } catch {
      return false;
    } finally {
      await probe.close(true).catch(() => undefined);
    }
  }
}
