import type { ConfigService } from '@nestjs/config';
import type { MongooseModuleOptions } from '@nestjs/mongoose';
import { mongoPasswordVariable, mongoUserName, SERVICES, ServiceName } from '@sealpost/contracts';

/**
 * How a service opens the store: the URL from MONGO_URL and the database the contract gives
 * it; with SEALPOST_MONGO_<SERVICE>_PASSWORD set, it logs in as its own user, defined in its
 * own database with a role on that database only.
 */
export function storeConnectionOptions(config: ConfigService, service: ServiceName): MongooseModuleOptions & { uri: string } {
  const password = config.get<string>(mongoPasswordVariable(service));
  const dbName = SERVICES[service].database;
  return {
    uri: config.getOrThrow<string>('MONGO_URL'),
    dbName,
    ...(password ? { auth: { username: mongoUserName(service), password }, authSource: dbName } : {}),
    serverSelectionTimeoutMS: 5000,
    // no operation may wait for ever: an answer that never comes (a socket left half-open by a
    // store restart) or a pool that never frees a connection fails instead, and the caller retries
    socketTimeoutMS: 60000,
    waitQueueTimeoutMS: 30000,
    // FerretDB has no TTL indexes: schemas must not declare `expires`; retention purges explicitly
    autoIndex: true,
  };
}
