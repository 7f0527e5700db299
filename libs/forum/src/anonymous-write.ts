import type { RequestHeaders } from './redemption/anonymous-request.js';

/** What a resolver hands a write service besides the input: the request (for rule 4) and the token argument. */
export interface AnonymousWrite {
  req: RequestHeaders | undefined;
  token?: string | null;
}
