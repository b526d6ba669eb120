import { DynamicModule, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { MongooseModule } from '@nestjs/mongoose';
import { SERVICES, ServiceName } from '@sealpost/contracts';

/**
 * The one place a service opens MongoDB: the URL from MONGO_URL and the database the
 * contract gives that service. Apps never name a database themselves.
 */
@Module({})
export class PersistenceModule {
  static forService(service: ServiceName): DynamicModule {
    return {
      module: PersistenceModule,
      imports: [
        MongooseModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (config: ConfigService<{ MONGO_URL: string }, true>) => ({
            uri: config.get('MONGO_URL', { infer: true }),
            dbName: SERVICES[service].database,
            serverSelectionTimeoutMS: 5000,
            // FerretDB has no TTL indexes: schemas must not declare `expires`; retention purges explicitly
            autoIndex: true,
          }),
        }),
      ],
      exports: [MongooseModule],
    };
  }
}
