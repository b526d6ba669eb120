import { lookup, LookupAddress, LookupOptions } from 'node:dns';
import { isPrivateAddress } from './private-address';

/** The error code of a connection refused by publicOnlyLookup. */
export const PRIVATE_ADDRESS = 'SEALPOST_PRIVATE_ADDRESS';

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * The `lookup` of every outbound connection when the operator does not allow private endpoints:
 * a name that resolves to any loopback, private or link-local address is refused at connect
 * time, so a name that was public when registered and points inside later (DNS rebinding)
 * reaches nothing either.
 */
export function publicOnlyLookup(hostname: string, options: LookupOptions, callback: LookupCallback): void {
  lookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, []);
    if (addresses.length === 0 || addresses.some((a) => isPrivateAddress(a.address))) return callback(privateAddressError(), []);
    if (options.all) return callback(null, addresses);
    callback(null, addresses[0]!.address, addresses[0]!.family);
  });
}

export function privateAddressError(): NodeJS.ErrnoException {
  return Object.assign(new Error('the endpoint is a loopback, private or link-local address, which SEALPOST_ALLOW_PRIVATE_ENDPOINTS does not allow'), { code: PRIVATE_ADDRESS });
}
