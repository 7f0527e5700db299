import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  reviewFields as serverReviewFields,
  signedMessage as serverMessage,
  CeoApproval,
  BusinessOutlook,
  EmploymentStatus,
  TenureBucket,
} from '@unlinked/forum';
import { reviewFields, signedMessage } from '@unlinked/client';

/** The browser and the CLI sign exactly the bytes the server verifies. */
describe('web authorship messages equal the server’s', () => {
  const ops = ['create-thread', 'create-reply', 'edit-thread', 'delete-reply'] as const;

  it('for any operation and fields (strings, numbers, booleans, absent values)', () => {
    const field = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined));
    fc.assert(
      fc.property(fc.constantFrom(...ops), fc.array(field, { maxLength: 6 }), (op, fields) => {
        expect(signedMessage(op, fields)).toEqual(serverMessage(op, fields));
      }),
    );
  });

  it('for reviews: GraphQL enum names map to the values the server signs', () => {
    const enumKey = <T extends object>(e: T) => fc.constantFrom(...(Object.keys(e) as (keyof T & string)[]));
    fc.assert(
      fc.property(
        enumKey(CeoApproval),
        enumKey(BusinessOutlook),
        enumKey(EmploymentStatus),
        fc.option(enumKey(TenureBucket), { nil: null }),
        fc.integer({ min: 1, max: 5 }),
        fc.string(),
        (ceo, outlook, employment, tenure, overall, pros) => {
          const asSent = { overall, ceoApproval: ceo, outlook, employment, tenure, pros, cons: 'c', recommend: true };
          // What the server's resolver sees after GraphQL maps enum names to values.
          const asParsed = {
            ...asSent,
            ceoApproval: CeoApproval[ceo],
            outlook: BusinessOutlook[outlook],
            employment: EmploymentStatus[employment],
            tenure: tenure === null ? null : TenureBucket[tenure],
          };
          expect(signedMessage('create-review', ['acme', ...reviewFields(asSent)])).toEqual(
            serverMessage('create-review', ['acme', ...serverReviewFields(asParsed)]),
          );
        },
      ),
    );
  });
});
