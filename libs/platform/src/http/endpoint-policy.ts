import { HttpStatus, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiError } from '../errors/api-error';
import { privateDestination } from './private-address';

/**
 * Where Sealpost may be told to send: a business's webhook_url and a device's endpoint_url
 * must not lead inside the operator's network (a way to probe it, or to reach its admin
 * ports) unless the operator allows it with SEALPOST_ALLOW_PRIVATE_ENDPOINTS=true.
 */
@Injectable()
export class EndpointPolicy {
  readonly allowsPrivate: boolean;

  constructor(config: ConfigService) {
    this.allowsPrivate = config.get<string>('SEALPOST_ALLOW_PRIVATE_ENDPOINTS') === 'true';
  }

  /** Throws a 400 naming `field` when `url` is a loopback, private or link-local address, or a name resolving to one. */
  async assertAllowed(field: string, url: string): Promise<void> {
    if (this.allowsPrivate) return;
    const reason = await privateDestination(url);
    if (reason) {
      throw new ApiError(HttpStatus.BAD_REQUEST, 131009, 'Parameter value is not valid', `${field}: ${reason}; give a public address, or have the operator set SEALPOST_ALLOW_PRIVATE_ENDPOINTS=true`);
    }
  }
}
