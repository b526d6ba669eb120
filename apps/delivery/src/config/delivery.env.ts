import { BaseEnv, IsPort } from '@sealpost/platform';

/** The delivery service's configuration (CONTRACT §2); nothing else in this app reads process.env. */
export class DeliveryEnv extends BaseEnv {
  @IsPort('SEALPOST_DELIVERY_PORT')
  SEALPOST_DELIVERY_PORT: number = 3003;
}
