import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { KeysRepository } from '../keys/keys.repository';
import { TeamsRepository } from '../teams/teams.repository';
import { keyInvalidationBusProvider } from './invalidation/key-invalidation.provider';
import { KEY_INVALIDATION_BUS } from './auth.di-tokens';
import { MasterKeyGuard } from './master-key.guard';
import { VirtualKeyAuthenticator } from './virtual-key.authenticator';

/** Who is calling: the master key, a virtual key (cached, invalidated on every replica), or nobody. */
@Global()
@Module({
  providers: [KeysRepository, TeamsRepository, keyInvalidationBusProvider, VirtualKeyAuthenticator, { provide: APP_GUARD, useClass: MasterKeyGuard }],
  exports: [KeysRepository, TeamsRepository, KEY_INVALIDATION_BUS, VirtualKeyAuthenticator],
})
export class AuthModule {}
