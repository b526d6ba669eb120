import { DynamicModule, Module } from '@nestjs/common';
import { KeyDestructionListener } from './key-destruction.listener';
import { KeysClient } from './keys-client';
import { KEYS_CLIENT_OPTIONS, KeysClientOptions } from './keys-client-options';

@Module({})
export class KeysClientModule {
  static forRootAsync(options: { inject: unknown[]; useFactory: (...args: never[]) => KeysClientOptions }): DynamicModule {
    return {
      module: KeysClientModule,
      providers: [{ provide: KEYS_CLIENT_OPTIONS, inject: options.inject as never[], useFactory: options.useFactory }, KeysClient, KeyDestructionListener],
      exports: [KeysClient],
    };
  }
}
