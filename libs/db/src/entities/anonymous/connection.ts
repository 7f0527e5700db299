import { Inject } from '@nestjs/common';

/**
 * The anonymous side's database connection (the origin: forum content, spent tokens and ARC tags, moderation,
 * and its copy of the company directory). Only anonymous-side code may inject it: it is exported from
 * `@unlinked/db/anonymous`, which the identity side may not import (.dependency-cruiser.cjs, privacy rule 1).
 */
export const FORUM_DB = Symbol('FORUM_DB');

/** Injects the anonymous side's DataSource. */
export const InjectForumDb = (): ParameterDecorator => Inject(FORUM_DB);
