import { CanActivate, ExecutionContext, HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { AuditTrail } from '@sealpost/kafka';
import { ApiError } from '../errors/api-error';
import { bearerToken, secretsEqual } from '../secrets/constant-time';
import { ADMIN_TOKEN } from './admin-token';

/** Guards every /admin/* route: `Authorization: Bearer <SEALPOST_ADMIN_TOKEN>` or 401. */
@Injectable()
export class AdminTokenGuard implements CanActivate {
  constructor(
    @Inject(ADMIN_TOKEN) private readonly adminToken: string,
    private readonly audit: AuditTrail,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    const presented = bearerToken(request.headers.authorization);
    if (presented && secretsEqual(presented, this.adminToken)) return true;
    void this.audit.record('admin.denied', { actor: 'unknown', action: `${request.method} ${request.path}`, target: '-', outcome: 'rejected' }).catch(() => undefined);
    throw new ApiError(HttpStatus.UNAUTHORIZED, 190, 'Invalid or missing admin token', 'send Authorization: Bearer <SEALPOST_ADMIN_TOKEN>');
  }
}
