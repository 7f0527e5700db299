import { Module } from '@nestjs/common';
import { CompanyReplicaService } from './company-replica.service.js';

/**
 * The forum side's copy of the company directory, for split databases only (the app imports it then);
 * COMPANY_DIRECTORY_SOURCE comes from the app (the identity side in-process, or InternalIdentityClient).
 */
@Module({ providers: [CompanyReplicaService], exports: [CompanyReplicaService] })
export class CompanyReplicaModule {}
