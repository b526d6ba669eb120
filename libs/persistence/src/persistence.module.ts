import { DynamicModule, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { MongooseModule } from '@nestjs/mongoose';
import { mongoPasswordVariable, mongoUserName, SERVICES, ServiceName } from '@sealpost/contracts';

/**
 * The one place a service opens MongoDB: the URL from MONGO_URL and the database the
 * contract gives that service. Apps never name a database themselves. With
 * SEALPOST_MONGO_<SERVICE>_PASSWORD set, the service logs in as its own user, defined in its
 * own database with a role on that database only.
 */
@Module({})
export class PersistenceModule {
  static forService(service: ServiceName): DynamicModule {
    return {
      module: PersistenceModule,
      imports: [
        MongooseModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (config: ConfigService) => {
            const password = config.get<string>(mongoPasswordVariable(service));
            const dbName = SERVICES[service].database;
            return {
              uri: config.getOrThrow<string>('MONGO_URL'),
              dbName,
              ...(password ? { auth: { username: mongoUserName(service), password }, authSource: dbName } : {}),
              serverSelectionTimeoutMS: 5000,
              // FerretDB has no TTL indexes: schemas must not declare `expires`; retention purges explicitly
              autoIndex: true,
            };
          },
        }),
      ],
      exports: [MongooseModule],
    };
  }
}
