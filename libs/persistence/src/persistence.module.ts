import { DynamicModule, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { MongooseModule } from '@nestjs/mongoose';
import { ServiceName } from '@sealpost/contracts';
import { STORE_SERVICE, StoreWatchdog } from './store-watchdog';
import { storeConnectionOptions } from './store-connection-options';

/** The one place a service opens MongoDB. Apps never name a database themselves. */
@Module({})
export class PersistenceModule {
  static forService(service: ServiceName): DynamicModule {
    return {
      module: PersistenceModule,
      imports: [
        MongooseModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (config: ConfigService) => storeConnectionOptions(config, service),
        }),
      ],
      providers: [{ provide: STORE_SERVICE, useValue: service }, StoreWatchdog],
      exports: [MongooseModule],
    };
  }
}
