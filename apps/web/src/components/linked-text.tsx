import { linkParts } from './linkify';

/**
 * Post text with its http(s) addresses as links that open apart from this page and pass it no standing
 * (noopener, nofollow, ugc). Everything is a React text node or an <a> built here: no HTML from the text.
 */
export function LinkedText({ text }: { text: string }) {
  return (
    <>
      {linkParts(text).map((part, i) =>
        part.href ? (
          <a key={i} href={part.href} rel="noopener nofollow ugc" target="_blank">
            {part.text}
          </a>
        ) : (
          part.text
        ),
      )}
    </>
  );
}
