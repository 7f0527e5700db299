/**
 * draft-irtf-cfrg-sigma-protocols §2.2: linear relations (a sparse linear map
 * from a witness of scalars to group elements, plus its image), and the
 * instance label that the Fiat-Shamir transform absorbs.
 */
import { concatBytes, toHex, u32le } from './bytes.js';
import { InputValidationError } from './errors.js';
import type { PrimeGroup } from './prime-group.js';

/** One equation: image element index = Σ scalar[s] ⋅ element[e] over its terms. */
export interface Equation {
  readonly lhs: number;
  readonly terms: ReadonlyArray<readonly [scalarIndex: number, elementIndex: number]>;
}

export class LinearRelation<P> {
  private numScalarsAllocated = 0;
  private readonly elements: Array<P | undefined> = [];
  private readonly eqs: Equation[] = [];

  constructor(readonly group: PrimeGroup<P>) {}

  get numScalars(): number {
    return this.numScalarsAllocated;
  }

  get numElements(): number {
    return this.elements.length;
  }

  get equations(): readonly Equation[] {
    return this.eqs;
  }

  /** draft-irtf-cfrg-sigma-protocols §2.2.3 allocate_scalars. */
  allocateScalars(n: number): number[] {
    const out = Array.from({ length: n }, (_, i) => this.numScalarsAllocated + i);
    this.numScalarsAllocated += n;
    return out;
  }

  /** draft-irtf-cfrg-sigma-protocols §2.2.3 allocate_elements. */
  allocateElements(n: number): number[] {
    const out = Array.from({ length: n }, (_, i) => this.elements.length + i);
    for (let i = 0; i < n; i++) this.elements.push(undefined);
    return out;
  }

  /** draft-irtf-cfrg-sigma-protocols §2.2.3 set_elements. */
  setElements(pairs: ReadonlyArray<readonly [number, P]>): void {
    for (const [i, p] of pairs) {
      if (!Number.isInteger(i) || i < 0 || i >= this.elements.length) {
        throw new InputValidationError('invalid_argument', `linear relation: element index ${i} not allocated`);
      }
      this.elements[i] = p;
    }
  }

  /** draft-irtf-cfrg-sigma-protocols §2.2.3 append_equation. */
  appendEquation(lhs: number, terms: ReadonlyArray<readonly [number, number]>): void {
    for (const [s, e] of terms) {
      if (s < 0 || s >= this.numScalarsAllocated || e < 0 || e >= this.elements.length) {
        throw new InputValidationError('invalid_argument', 'linear relation: equation uses an unallocated variable');
      }
    }
    if (lhs < 0 || lhs >= this.elements.length) {
      throw new InputValidationError('invalid_argument', 'linear relation: equation target not allocated');
    }
    this.eqs.push({ lhs, terms: terms.map(([s, e]) => [s, e] as const) });
  }

  /** The group elements, all set (the instance). */
  groupElements(): P[] {
    return this.elements.map((p, i) => {
      if (p === undefined) throw new InputValidationError('invalid_argument', `linear relation: element ${i} not set`);
      return p;
    });
  }

  /** The image: the left-hand side element of every equation. */
  image(): P[] {
    const els = this.groupElements();
    return this.eqs.map((eq) => els[eq.lhs]);
  }

  /**
   * The linear map applied to `scalars` (draft-irtf-cfrg-sigma-protocols
   * §2.2.2). `secret` selects the group's constant-time multiplication for
   * prover nonces; public evaluations use a variable-time MSM.
   */
  map(scalars: readonly bigint[], secret: boolean): P[] {
    const g = this.group;
    const els = this.groupElements();
    return this.eqs.map((eq) => {
      if (secret) {
        let acc = g.identity();
        for (const [s, e] of eq.terms) acc = g.add(acc, g.multiply(els[e], scalars[s]));
        return acc;
      }
      return g.msmPublic(
        eq.terms.map(([, e]) => els[e]),
        eq.terms.map(([s]) => scalars[s]),
      );
    });
  }

  /**
   * Instance label (reference code `LinearRelation.get_label`): the number of
   * equations, then for each its target index, its length and its
   * (scalar, element) index pairs, all as 32-bit little-endian words, then
   * every group element serialized. Prefix-free, as
   * draft-irtf-cfrg-fiat-shamir §5 requires of the label.
   *
   * Fails when an element is unset, or the identity, or two elements are
   * equal ("Group variables must be unique"), as the reference does.
   */
  label(): Uint8Array {
    const els = this.groupElements();
    const parts: Uint8Array[] = [u32le(this.eqs.length)];
    for (const eq of this.eqs) {
      parts.push(u32le(eq.lhs), u32le(eq.terms.length));
      for (const [s, e] of eq.terms) parts.push(u32le(s), u32le(e));
    }
    const seen = new Set<string>();
    for (const p of els) {
      if (this.group.isIdentity(p)) {
        throw new InputValidationError('invalid_argument', 'linear relation: identity element in the instance');
      }
      const enc = this.group.serializeElement(p);
      const key = toHex(enc);
      if (seen.has(key)) throw new InputValidationError('invalid_argument', 'linear relation: repeated group element');
      seen.add(key);
      parts.push(enc);
    }
    return concatBytes(...parts);
  }
}
