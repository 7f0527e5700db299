import { Module } from '@nestjs/common';
import { ArcKeysService } from './arc-keys.service.js';
import { IssuerKeysService } from './issuer-keys.service.js';

/**
 * Neutral on the privacy line: issuer key derivation and epochs, used by the
 * identity side (issuance) and the anonymous side (redemption) alike. It holds
 * no state besides an in-memory key cache and imports neither side.
 */
@Module({
  providers: [IssuerKeysService, ArcKeysService],
  exports: [IssuerKeysService, ArcKeysService],
})
export class KeysModule {}
