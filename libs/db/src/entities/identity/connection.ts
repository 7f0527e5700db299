import { Inject } from '@nestjs/common';

/**
 * The identity side's database connection (attester and issuer: accounts, codes, sessions, issuance counts,
 * and its copy of the company directory). Only identity-side code may inject it: it is exported from
 * `@unlinked/db/identity`, which the anonymous side may not import (.dependency-cruiser.cjs, privacy rule 1).
 */
export const IDENTITY_DB = Symbol('IDENTITY_DB');

/** Injects the identity side's DataSource. */
export const InjectIdentityDb = (): ParameterDecorator => Inject(IDENTITY_DB);
