import { SetMetadata } from '@nestjs/common';

export const ACCESS_KEY = 'gateway:access';
export type Access = 'public' | 'admin' | 'admin-or-own-key';

/** Served without a key: probes and metrics (SPEC 4). */
export const Public = () => SetMetadata(ACCESS_KEY, 'public' satisfies Access);
/** Always needs the master key; refused when none is configured (SPEC 4). */
export const AdminOnly = () => SetMetadata(ACCESS_KEY, 'admin' satisfies Access);
/** The master key, or a virtual key reading its own record (GET /key/info without `key`, SPEC 4). */
export const AdminOrOwnKey = () => SetMetadata(ACCESS_KEY, 'admin-or-own-key' satisfies Access);
