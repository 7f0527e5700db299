import { describe, expect, it } from '@jest/globals';
import { AddressProblem, isConfusableWithAscii, parseWorkAddress } from './email-address.js';

function ok(input: string) {
  const r = parseWorkAddress(input);
  if (!r.ok) throw new Error(`expected ${input} to pass, got ${r.problem}`);
  return r.address;
}

function problem(input: unknown) {
  const r = parseWorkAddress(input);
  return r.ok ? 'ok' : r.problem;
}

describe('parseWorkAddress', () => {
  it('normalizes case and +tags into one mailbox form, keeping the delivery address', () => {
    const a = ok('Jane.Doe+jobs@ACME.com');
    expect(a.normalized).toBe('jane.doe@acme.com');
    expect(a.deliverTo).toBe('Jane.Doe+jobs@acme.com');
    expect(ok('jane.doe@acme.com').normalized).toBe(a.normalized);
    expect(ok('  JANE.DOE+x@Acme.Com ').normalized).toBe(a.normalized);
  });

  it('folds a fully qualified domain (trailing dot) into the same mailbox, and refuses empty labels', () => {
    expect(ok('x@mmm.com.').normalized).toBe(ok('x@mmm.com').normalized);
    expect(ok('x@mmm.com.').deliverTo).toBe('x@mmm.com');
    for (const bad of ['x@mmm.com..', 'x@.mmm.com', 'x@mmm..com', 'x@-mmm.com', 'x@mmm-.com', 'x@mmm.com...', 'x@.']) {
      expect([bad, problem(bad)]).toEqual([bad, AddressProblem.Invalid]);
    }
  });

  it('finds the registrable domain with the Public Suffix List', () => {
    expect(ok('a@mail.acme.com').registrableDomain).toBe('acme.com');
    expect(ok('a@eng.acme.co.uk').registrableDomain).toBe('acme.co.uk');
    expect(ok('a@eng.acme.co.uk').domainLabel).toBe('acme');
    expect(ok('a@mail.acme.com').domain).toBe('mail.acme.com');
  });

  it('maps IDN domains to ASCII and refuses ones confusable with ASCII names', () => {
    expect(ok('hans@Bücher.de').domain).toBe('xn--bcher-kva.de');
    expect(ok('hans@xn--bcher-kva.de').normalized).toBe('hans@xn--bcher-kva.de');
    expect(problem('bob@\u0430cme.com')).toBe(AddressProblem.Confusable); // Cyrillic а
    expect(problem('bob@xn--cme-5cd.com')).toBe(AddressProblem.Confusable); // same, as punycode
    expect(problem('bob@g\u043e\u043egle.com')).toBe(AddressProblem.Confusable); // Cyrillic о
    expect(isConfusableWithAscii('acme.com')).toBe(false);
    expect(isConfusableWithAscii('пример.рф')).toBe(false);
  });

  it('refuses free-mail and disposable providers', () => {
    expect(problem('someone@gmail.com')).toBe(AddressProblem.FreeMail);
    expect(problem('someone@GMX.de')).toBe(AddressProblem.FreeMail);
    expect(problem('someone@yahoo.co.uk')).toBe(AddressProblem.FreeMail);
    expect(problem('someone@mailinator.com')).toBe(AddressProblem.Disposable);
  });

  it('refuses over-long addresses, control characters and malformed input', () => {
    expect(problem(`${'a'.repeat(65)}@acme.com`)).toBe(AddressProblem.TooLong);
    expect(
      problem(`a@${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.${'e'.repeat(60)}.${'f'.repeat(10)}.com`),
    ).toBe(AddressProblem.TooLong);
    expect(problem('x'.repeat(10_000))).toBe(AddressProblem.TooLong);
    expect(problem('a@acme.com\r\nBcc: victim@acme.com')).toBe(AddressProblem.ControlCharacters);
    expect(problem('a\u0000@acme.com')).toBe(AddressProblem.ControlCharacters);
    for (const bad of [
      '',
      'acme.com',
      '@acme.com',
      'a@',
      'a b@acme.com',
      'a..b@acme.com',
      'a@localhost',
      'a@127.0.0.1',
      'a@acme',
      'a@[1.2.3.4]',
      '+tag@acme.com',
      'ü@acme.com',
    ]) {
      expect([bad, problem(bad)]).toEqual([bad, AddressProblem.Invalid]);
    }
    expect(problem(42)).toBe(AddressProblem.Invalid);
  });
});
