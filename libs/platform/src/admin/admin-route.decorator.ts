import { applyDecorators, UseGuards, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { AdminCallAuditInterceptor } from './admin-call-audit.interceptor';
import { AdminTokenGuard } from './admin-token.guard';

/** Marks a controller or handler as operator-only (CONTRACT §1: /admin/* needs the admin token) and audits each call. */
export function AdminRoute(): ClassDecorator & MethodDecorator {
  return applyDecorators(UseGuards(AdminTokenGuard), UseInterceptors(AdminCallAuditInterceptor), ApiBearerAuth('admin'), ApiUnauthorizedResponse({ description: 'missing or wrong admin token' }));
}
