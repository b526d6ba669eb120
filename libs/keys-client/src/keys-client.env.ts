import { Matches } from 'class-validator';
import { BaseEnv } from '@sealpost/platform';

/** Variables of a service that calls the keys service; its credential variable is declared by the app. */
export class KeysClientEnv extends BaseEnv {
  @Matches(/^https?:\/\/[^\s/]+(:\d+)?\/?$/, { message: 'KEYS_URL must be the keys service base URL, e.g. http://127.0.0.1:3002' })
  KEYS_URL: string = 'http://127.0.0.1:3002';
}
