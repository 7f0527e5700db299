import { describe, expect, it } from '@jest/globals';
import { p384_oprf } from '@noble/curves/nist.js';

describe('toolchain', () => {
  it('loads noble p384_oprf under Jest ESM', () => {
    expect(typeof p384_oprf.voprf.generateKeyPair).toBe('function');
  });
});
