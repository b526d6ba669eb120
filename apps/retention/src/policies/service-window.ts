import { parseIsoDuration } from '@sealpost/platform/config/iso-duration';

/** No customer-service window: a business may send anything at any time (the default, CONTRACT §11). */
export const NO_SERVICE_WINDOW = 'none';

/** business_id → window in ms, for the policies that set one: what a sweep tells delivery. */
export function serviceWindows(policies: readonly { business_id: string; service_window?: string }[]): Record<string, number> {
  const windows: Record<string, number> = {};
  for (const { business_id, service_window } of policies) {
    const ms = service_window === undefined || service_window === NO_SERVICE_WINDOW ? undefined : parseIsoDuration(service_window);
    if (ms !== undefined) windows[business_id] = ms;
  }
  return windows;
}
