import { applyDecorators, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { AdminTokenGuard } from './admin-token.guard';

/** Marks a controller or handler as operator-only (CONTRACT §1: /admin/* needs the admin token). */
export function AdminRoute(): ClassDecorator & MethodDecorator {
  return applyDecorators(UseGuards(AdminTokenGuard), ApiBearerAuth('admin'), ApiUnauthorizedResponse({ description: 'missing or wrong admin token' }));
}
