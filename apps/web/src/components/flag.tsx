/**
 * Reporting content. The moderation API's flag mutation has not landed yet;
 * until it does this renders nothing rather than inventing an API.
 */
export function FlagButton(_props: { contentType: 'thread' | 'reply' | 'review'; contentId: string }) {
  return null;
}
