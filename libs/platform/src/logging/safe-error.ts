/**
 * What a log line may say about an error: its class, its code (SQLSTATE, errno) and where it was thrown — never its
 * message, which can carry user input or SQL values (privacy rule 6). The code goes under `errorCode`: the logger
 * redacts every `code` field (one-time codes).
 */
export interface SafeError {
  type: string;
  errorCode?: string;
  at?: string;
}

export function safeError(exception: unknown): SafeError {
  const e = exception as {
    name?: unknown;
    type?: unknown;
    code?: unknown;
    errorCode?: unknown;
    driverError?: { code?: unknown };
    stack?: unknown;
    at?: unknown;
  };
  const type = typeof e?.name === 'string' ? e.name : typeof e?.type === 'string' ? e.type : typeof exception;
  const code = e?.driverError?.code ?? e?.code ?? e?.errorCode;
  const at =
    typeof e?.stack === 'string' ? /\n\s+at (.+)/.exec(e.stack)?.[1] : typeof e?.at === 'string' ? e.at : undefined;
  return {
    type,
    ...(code !== undefined && code !== null ? { errorCode: String(code) } : {}),
    ...(at ? { at } : {}),
  };
}
