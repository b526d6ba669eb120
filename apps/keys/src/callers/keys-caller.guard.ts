import { CanActivate, ExecutionContext, HttpStatus, Inject, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ApiError, bearerToken, KeysCaller, KEYS_CALLERS, secretsEqual } from '@sealpost/platform';
import { KEYS_CALLER_CREDENTIALS } from './keys-caller-credentials.provider';

const ALLOWED_CALLERS = 'sealpost:allowed-callers';

/** Which calling services may use a route of the internal API. */
export const AllowedCallers = (...callers: KeysCaller[]) => SetMetadata(ALLOWED_CALLERS, callers);

export interface CallerRequest extends Request {
  caller: KeysCaller;
}

/**
 * Authenticates the calling service by its own credential (X-Sealpost-Caller + bearer
 * token, compared in constant time), then checks the route allows that caller.
 */
@Injectable()
export class KeysCallerGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(KEYS_CALLER_CREDENTIALS) private readonly credentials: Record<KeysCaller, string>,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<CallerRequest>();
    const caller = request.headers['x-sealpost-caller'] as KeysCaller | undefined;
    const token = bearerToken(request.headers.authorization);
    if (!caller || !KEYS_CALLERS.includes(caller) || !token || !secretsEqual(token, this.credentials[caller])) {
      throw new ApiError(HttpStatus.UNAUTHORIZED, 190, 'Unknown caller or wrong service credential');
    }
    const allowed = this.reflector.getAllAndOverride<KeysCaller[]>(ALLOWED_CALLERS, [context.getHandler(), context.getClass()]) ?? [];
    if (!allowed.includes(caller)) throw new ApiError(HttpStatus.FORBIDDEN, 200, `The ${caller} service may not call this route`);
    request.caller = caller;
    return true;
  }
}
