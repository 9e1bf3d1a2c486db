import { lookup as dnsLookup, LookupAddress, LookupOptions } from 'node:dns';
import { isMetadataAddress } from './metadata-address';

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;
type Resolver = (hostname: string, options: LookupOptions & { all: true }, cb: (err: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void) => void;

/**
 * A `lookup` for every upstream socket: addresses in link-local / cloud
 * metadata ranges are dropped at connect time, so a name that passed the
 * api_base check and then re-resolves there (DNS rebinding) still cannot
 * reach the metadata service.
 */
export function guardedLookup(resolve: Resolver = dnsLookup) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    resolve(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, []);
      const allowed = addresses.filter((a) => !isMetadataAddress(a.address));
      if (allowed.length === 0) {
        const blocked: NodeJS.ErrnoException = new Error(`${hostname} resolves only to link-local or metadata addresses`);
        blocked.code = 'EADDRBLOCKED';
        return callback(blocked, []);
      }
      if (options.all) return callback(null, allowed);
      callback(null, allowed[0].address, allowed[0].family);
    });
  };
}
