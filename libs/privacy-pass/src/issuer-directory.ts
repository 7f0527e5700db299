/**
 * RFC 9578 §4 Issuer directory (media type application/private-token-issuer-directory):
 *
 *   {
 *     "issuer-request-uri": "https://issuer.example.net/request",
 *     "token-keys": [ { "token-type": 1, "token-key": "<base64url, padded>", "not-before": 1686913811 } ]
 *   }
 *
 * Unknown members are ignored (JSON extensibility). Keys of other token types
 * are kept (an Issuer may publish several types) but only type 0x0001 keys are
 * checked as P-384 Elements.
 */
import { ISSUER_DIRECTORY_PATH, TOKEN_TYPE_VOPRF } from './constants.js';
import { base64urlDecode, base64urlEncode } from './bytes.js';
import { DeserializeError, InputValidationError, PrivacyPassError } from './errors.js';
import { assertElement } from './group.js';

export interface IssuerTokenKey {
  tokenType: number;
  /** Decoded token-key; for type 0x0001 the SerializeElement(pkI) bytes. */
  tokenKey: Uint8Array;
  /** Seconds since the UNIX epoch; absent = valid now. */
  notBefore?: number;
}

function isUint(v: unknown, max: number): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= max;
}

export class IssuerDirectory {
  readonly issuerRequestUri: string;
  /** In preference order (RFC 9578 §4: earlier keys are preferred). */
  readonly tokenKeys: readonly IssuerTokenKey[];

  constructor(issuerRequestUri: string, tokenKeys: IssuerTokenKey[]) {
    if (typeof issuerRequestUri !== 'string' || issuerRequestUri.length === 0) {
      throw new InputValidationError('invalid_argument', 'issuer-request-uri must be a non-empty string');
    }
    for (const k of tokenKeys) {
      if (!isUint(k.tokenType, 0xffff))
        throw new InputValidationError('invalid_argument', 'token-type must be a uint16');
      if (!(k.tokenKey instanceof Uint8Array) || k.tokenKey.length === 0)
        throw new InputValidationError('invalid_argument', 'token-key must be bytes');
      if (k.tokenType === TOKEN_TYPE_VOPRF) assertElement(k.tokenKey, 'token-key');
      if (k.notBefore !== undefined && !isUint(k.notBefore, Number.MAX_SAFE_INTEGER)) {
        throw new InputValidationError('invalid_argument', 'not-before must be a non-negative integer');
      }
    }
    this.issuerRequestUri = issuerRequestUri;
    this.tokenKeys = Object.freeze(tokenKeys.map((k) => ({ ...k, tokenKey: Uint8Array.from(k.tokenKey) })));
  }

  toJSON(): Record<string, unknown> {
    return {
      'issuer-request-uri': this.issuerRequestUri,
      'token-keys': this.tokenKeys.map((k) => ({
        'token-type': k.tokenType,
        'token-key': base64urlEncode(k.tokenKey),
        ...(k.notBefore !== undefined ? { 'not-before': k.notBefore } : {}),
      })),
    };
  }

  serialize(): string {
    return JSON.stringify(this.toJSON());
  }

  static deserialize(json: string): IssuerDirectory {
    let obj: unknown;
    try {
      obj = JSON.parse(json);
    } catch (cause) {
      throw new DeserializeError('invalid_json', 'issuer directory is not valid JSON', { cause });
    }
    return IssuerDirectory.fromJSON(obj);
  }

  static parse(json: string): IssuerDirectory {
    return IssuerDirectory.deserialize(json);
  }

  static fromJSON(obj: unknown): IssuerDirectory {
    const fail = (m: string): never => {
      throw new DeserializeError('invalid_directory', `issuer directory: ${m}`);
    };
    if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) fail('not a JSON object');
    const o = obj as Record<string, unknown>;
    const uri = o['issuer-request-uri'];
    if (typeof uri !== 'string' || uri.length === 0) fail('"issuer-request-uri" must be a non-empty string');
    const keys = o['token-keys'];
    if (!Array.isArray(keys)) fail('"token-keys" must be an array');
    const tokenKeys = (keys as unknown[]).map((k, i): IssuerTokenKey => {
      if (typeof k !== 'object' || k === null || Array.isArray(k)) fail(`token-keys[${i}] is not an object`);
      const e = k as Record<string, unknown>;
      const tokenType = e['token-type'];
      if (!isUint(tokenType, 0xffff)) fail(`token-keys[${i}]."token-type" must be a uint16 JSON number`);
      const raw = e['token-key'];
      if (typeof raw !== 'string') fail(`token-keys[${i}]."token-key" must be a string`);
      const tokenKey = base64urlDecode(raw as string, `token-keys[${i}]."token-key"`);
      const notBefore = e['not-before'];
      if (notBefore !== undefined && !isUint(notBefore, Number.MAX_SAFE_INTEGER))
        fail(`token-keys[${i}]."not-before" must be a non-negative integer`);
      if ((tokenType as number) === TOKEN_TYPE_VOPRF) assertElement(tokenKey, `token-keys[${i}]."token-key"`);
      return {
        tokenType: tokenType as number,
        tokenKey,
        ...(notBefore !== undefined ? { notBefore: notBefore as number } : {}),
      };
    });
    try {
      return new IssuerDirectory(uri as string, tokenKeys);
    } catch (e) {
      if (e instanceof PrivacyPassError && e.kind === 'input')
        throw new DeserializeError('invalid_directory', e.message, { cause: e });
      throw e;
    }
  }

  /**
   * The most preferred key of `tokenType` usable at `nowSeconds` (RFC 9578 §4:
   * list order is preference; keys whose not-before is in the future are skipped).
   */
  currentKey(
    tokenType: number = TOKEN_TYPE_VOPRF,
    nowSeconds: number = Math.floor(Date.now() / 1000),
  ): IssuerTokenKey | undefined {
    return this.tokenKeys.find(
      (k) => k.tokenType === tokenType && (k.notBefore === undefined || k.notBefore <= nowSeconds),
    );
  }
}

/**
 * RFC 9578 §4: the directory of the Issuer named `issuerName` (a challenge's
 * issuer_name) is at the well-known path of that host. `scheme` is `https:`
 * except in development.
 */
export function issuerDirectoryUrl(issuerName: string, scheme: 'https:' | 'http:' = 'https:'): string {
  if (typeof issuerName !== 'string' || !/^[a-z0-9.-]+(:[0-9]{1,5})?$/i.test(issuerName)) {
    throw new InputValidationError('invalid_argument', 'issuer_name is not a host name');
  }
  return `${scheme}//${issuerName}${ISSUER_DIRECTORY_PATH}`;
}
