import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@unlinked/config';
import { StaffGuard } from './staff.guard.js';
import { STAFF_AUTHENTICATOR } from './staff-authenticator.js';
import { StaticStaffAuthenticator } from './static-staff-authenticator.js';

/**
 * Staff authentication for moderation and operations. Until identity's
 * sessions land this is the STAFF_TOKENS interim; identity replaces the
 * STAFF_AUTHENTICATOR provider with one backed by staff sessions.
 */
@Global()
@Module({
  providers: [
    {
      provide: STAFF_AUTHENTICATOR,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new StaticStaffAuthenticator(config),
    },
    StaffGuard,
  ],
  exports: [STAFF_AUTHENTICATOR, StaffGuard],
})
export class StaffModule {}
