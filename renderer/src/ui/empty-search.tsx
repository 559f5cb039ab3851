import { Alert, Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PersonQuery } from './person-search.js';

/**
 * The answer when a list shows nobody: what was searched (name with letter variants, the IIN's
 * last digits, the whole IIN) and the filters in force, and how to widen the search.
 */
export function EmptySearch(props: {
  query: PersonQuery;
  /** The filters in force, in words ("Group: Солнышко"). */
  filters: string[];
  /** What the list says when it is empty with no search and no filter. */
  nothing: string;
  onClear(): void;
}) {
  const { t } = useTranslation();
  const { query, filters } = props;
  if (query.kind === 'none' && filters.length === 0) return <p data-testid="empty-search">{props.nothing}</p>;
  const searched =
    query.kind === 'name'
      ? t('search.searchedName', { text: query.text })
      : query.kind === 'iinTail'
        ? t('search.searchedIinTail', { digits: query.digits })
        : query.kind === 'iin'
          ? t('search.searchedIin')
          : query.kind === 'digits'
            ? t('search.searchedDigits', { count: query.digits.length })
            : null;
  const hints = [
    query.kind === 'name' ? t('search.widenName') : null,
    query.kind === 'iinTail' || query.kind === 'iin' || query.kind === 'digits' ? t('search.widenIin') : null,
    filters.length ? t('search.widenFilters') : null,
  ].filter(Boolean);
  return (
    <Alert color="gray" title={t('search.nothingFound')} data-testid="empty-search">
      {searched && <p>{searched}</p>}
      {filters.length > 0 && <p>{t('search.filters', { filters: filters.join('; ') })}</p>}
      <p>{hints.join(' ')}</p>
      <Button size="compact-sm" variant="default" onClick={props.onClear}>
        {t('search.clear')}
      </Button>
    </Alert>
  );
}
