/** Escapes LIKE/ILIKE wildcards (`%`, `_`) and the escape character so that user text matches literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
