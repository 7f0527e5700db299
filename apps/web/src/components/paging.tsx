import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLoad } from './use-load';
import { ErrorMessage } from './ui';

/** A GraphQL connection as the list queries return it. */
interface Connection<T> {
  edges: { node: T }[];
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
}

interface Extra<T> {
  items: T[];
  after: string | null;
  more: boolean;
}

/**
 * A list read page by page with the API's keyset cursors: the first page loads with `deps` (and `data` is its whole
 * answer, for what comes beside the list), `loadMore` appends the next. Each page is the same cacheable query with
 * `after` set. Items already shown are not shown twice (an "Active" or "Top" order can move one between pages).
 */
export function usePaged<R, T extends { id: string }>(
  load: (after: string | undefined, signal?: AbortSignal) => Promise<R>,
  list: (answer: R) => Connection<T>,
  deps: unknown[],
) {
  const [extra, setExtra] = useState<Extra<T> | null>(null);
  const [busy, setBusy] = useState(false);
  const [moreError, setMoreError] = useState<unknown>(null);
  // Bumped with every first page: a next page asked for before the list changed (another sort) is dropped.
  const generation = useRef(0);
  const first = useLoad((signal) => {
    generation.current += 1;
    setExtra(null);
    setMoreError(null);
    // No `after` at all on a first page (not null): the same variables, so the same cached read, as any other
    // reader of that page (the following list reads it too).
    return load(undefined, signal);
  }, deps);
  const page = first.data === undefined ? undefined : list(first.data);
  const seen = new Set<string>();
  const items = [...(page?.edges.map((e) => e.node) ?? []), ...(extra?.items ?? [])].filter(
    (item) => !seen.has(item.id) && seen.add(item.id),
  );
  const next = extra ? { hasNextPage: extra.more, endCursor: extra.after } : page?.pageInfo;
  const loadMore = async () => {
    const asked = generation.current;
    setBusy(true);
    setMoreError(null);
    try {
      const more = list(await load(next?.endCursor ?? undefined));
      if (asked !== generation.current) return;
      setExtra({
        items: [...(extra?.items ?? []), ...more.edges.map((e) => e.node)],
        after: more.pageInfo.endCursor,
        more: more.pageInfo.hasNextPage,
      });
    } catch (err) {
      if (asked === generation.current) setMoreError(err);
    } finally {
      setBusy(false);
    }
  };
  return {
    ...first,
    items,
    more: { hasNext: !first.loading && next?.hasNextPage === true, busy, error: moreError, load: loadMore },
  };
}

/** The "Load more" button under a paged list, with what went wrong when the next page did not come. */
export function LoadMore({ more }: { more: ReturnType<typeof usePaged>['more'] }) {
  const { t } = useTranslation();
  if (!more.hasNext && !more.error) return null;
  return (
    <div className="load-more">
      {more.hasNext && (
        <button type="button" className="secondary" disabled={more.busy} onClick={() => void more.load()}>
          {more.busy ? t('app.loading') : t('app.more')}
        </button>
      )}
      <ErrorMessage error={more.error} />
    </div>
  );
}
