import type { ServiceName } from '@sealpost/contracts';
import type { SealpostTarget } from '@sealpost/testing';
import type { CheckOptions } from './options';

/** The suite privacy:check was pointed at, called as the operator. */
export class RunningSuite implements SealpostTarget {
  constructor(private readonly options: CheckOptions) {}

  url(name: ServiceName): string {
    return this.options.urls[name];
  }

  admin(name: ServiceName, path: string, init: RequestInit = {}): Promise<Response> {
    return fetch(`${this.url(name)}${path}`, {
      ...init,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.options.adminToken}`, ...(init.headers ?? {}) },
    });
  }

  /** GET an admin route's JSON, with an error that says what to check. */
  async adminJson<T>(name: ServiceName, path: string, init: RequestInit = {}): Promise<T> {
    const res = await this.admin(name, path, init);
    if (res.status === 401) throw new Error(`${name} refused the admin token (401): pass the suite's --admin-token`);
    if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${this.url(name)}${path} answered ${res.status}`);
    return (await res.json()) as T;
  }
}
