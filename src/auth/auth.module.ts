import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { MasterKeyGuard } from './master-key.guard';

@Module({ providers: [{ provide: APP_GUARD, useClass: MasterKeyGuard }] })
export class AuthModule {}
