import type { LookupAddress } from 'node:dns';
import { guardedLookup } from './guarded-lookup';

const resolverOf = (addresses: LookupAddress[]) => (_h: string, _o: unknown, cb: (err: null, a: LookupAddress[]) => void) => cb(null, addresses);
const run = (addresses: LookupAddress[], all = false) =>
  new Promise<{ err: NodeJS.ErrnoException | null; address: unknown; family?: number }>((resolve) =>
    guardedLookup(resolverOf(addresses))('host.example', { all }, (err, address, family) => resolve({ err, address, family })),
  );

describe('guardedLookup', () => {
  it('passes ordinary addresses through', async () => {
    expect(await run([{ address: '10.0.0.5', family: 4 }])).toEqual({ err: null, address: '10.0.0.5', family: 4 });
  });

  it('drops metadata addresses and keeps the rest', async () => {
    const r = await run([{ address: '169.254.169.254', family: 4 }, { address: '10.0.0.5', family: 4 }], true);
    expect(r.address).toEqual([{ address: '10.0.0.5', family: 4 }]);
  });

  it('refuses a name that resolves only to metadata addresses (DNS rebinding)', async () => {
    const r = await run([{ address: '169.254.169.254', family: 4 }, { address: 'fd00:ec2::254', family: 6 }]);
    expect(r.err?.code).toBe('EADDRBLOCKED');
  });
});
