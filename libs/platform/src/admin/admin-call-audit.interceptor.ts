import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import { Observable, tap } from 'rxjs';
import { AuditTrail } from '@sealpost/kafka';

/**
 * Every operator call is an audit event: who (the admin token), what route, which outcome, and
 * the object it acted on. A refused call names none: its path holds whatever the caller typed.
 */
@Injectable()
export class AdminCallAuditInterceptor implements NestInterceptor {
  constructor(private readonly audit: AuditTrail) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request>();
    const route = `${request.method} ${(request.route as { path?: string } | undefined)?.path ?? 'unknown'}`;
    const record = (outcome: 'success' | 'failure') => {
      const target = outcome === 'success' ? Object.values(request.params ?? {}).join('/') || '-' : '-';
      void this.audit.record('admin.call', { actor: 'admin', action: route, target, outcome }).catch(() => undefined);
    };
    return next.handle().pipe(tap({ next: () => record('success'), error: () => record('failure') }));
  }
}
