import { CanActivate, ExecutionContext, HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { ApiError } from '../errors/api-error';
import { AdminDenials } from './admin-denials';
import { bearerToken, secretsEqual } from '../secrets/constant-time';
import { ADMIN_TOKEN } from './admin-token';

/**
 * Guards every /admin/* route: `Authorization: Bearer <SEALPOST_ADMIN_TOKEN>` or 401, and 429
 * for a source that was refused too often this minute (its token then is not even compared).
 */
@Injectable()
export class AdminTokenGuard implements CanActivate {
  constructor(
    @Inject(ADMIN_TOKEN) private readonly adminToken: string,
    private readonly denials: AdminDenials,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    const source = request.ip ?? request.socket.remoteAddress ?? 'unknown';
    if (this.denials.window.limited(source)) {
      throw new ApiError(HttpStatus.TOO_MANY_REQUESTS, 4, 'Too many refused admin calls', 'wait a minute, then send Authorization: Bearer <SEALPOST_ADMIN_TOKEN>');
    }
    const presented = bearerToken(request.headers.authorization);
    if (presented && secretsEqual(presented, this.adminToken)) return true;
    // the route's pattern, not the path: a refused caller chooses the path, and it may be long
    this.denials.deny(source, `${request.method} ${(request.route as { path?: string } | undefined)?.path ?? 'unknown route'}`);
    throw new ApiError(HttpStatus.UNAUTHORIZED, 190, 'Invalid or missing admin token', 'send Authorization: Bearer <SEALPOST_ADMIN_TOKEN>');
  }
}
