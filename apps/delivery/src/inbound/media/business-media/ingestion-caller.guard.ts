import { CanActivate, HttpStatus, Inject, Injectable, Provider } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { ApiError, bearerToken, DELIVERY_INGESTION_TOKEN, resolveDeliveryCredential, secretsEqual } from '@sealpost/platform';
import { DeliveryEnv } from '../../../config/delivery.env';

const INGESTION_CREDENTIAL = Symbol('INGESTION_CREDENTIAL');

export const ingestionCredentialProvider: Provider = {
  provide: INGESTION_CREDENTIAL,
  inject: [ConfigService],
  useFactory: (config: ConfigService<DeliveryEnv, true>): string =>
    resolveDeliveryCredential(config.get(DELIVERY_INGESTION_TOKEN as keyof DeliveryEnv) as string | undefined, config.get('SEALPOST_DATA_DIR' as keyof DeliveryEnv) as string),
};

/** The internal media API answers ingestion alone: its bearer credential, compared in constant time. */
@Injectable()
export class IngestionCallerGuard implements CanActivate {
  constructor(@Inject(INGESTION_CREDENTIAL) private readonly credential: string) {}

  canActivate(context: ExecutionContext): boolean {
    const token = bearerToken(context.switchToHttp().getRequest<Request>().headers.authorization);
    if (!token || !secretsEqual(token, this.credential)) throw new ApiError(HttpStatus.UNAUTHORIZED, 190, 'Unknown caller or wrong service credential', 'send Authorization: Bearer <SEALPOST_DELIVERY_INGESTION_TOKEN>');
    return true;
  }
}
