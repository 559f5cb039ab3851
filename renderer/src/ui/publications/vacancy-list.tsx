import { Button, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Vacancy } from '../../../../shared/domain/index.js';
import { formatDate } from '../format.js';
import { useMay } from '../hooks/use-may.js';
import { useList } from '../hooks/use-replica.js';
import { RowRefusal } from '../refusals/row-refusal.js';
import { useRefusals } from '../refusals/use-refusals.js';
import { remainingSeats } from './remaining.js';

/** Seats freed by departures, waiting to be published: Publish only while some are not published yet. */
export function VacancyList({ onPublish }: { onPublish(vacancy: Vacancy): void }) {
  const { t, i18n } = useTranslation();
  const may = useMay();
  const vacancies = useList('vacancies').filter((v) => v.seats > 0);
  const lists = { publications: useList('publications'), seats: useList('seats'), pending: useList('pending') };
  const { openByObject } = useRefusals();
  const groups = new Map(useList('groups').map((g) => [g.id, g.name]));
  if (vacancies.length === 0) return null;
  return (
    <section aria-labelledby="vacancies-title" className="panel">
      <Title order={3} id="vacancies-title">
        {t('publications.vacancies')}
      </Title>
      <ul className="plain-list">
        {vacancies.map((v) => (
          <li key={v.id} data-testid="vacancy">
            {groups.get(v.groupId)} · {t('common.seats', { count: v.seats })} ·{' '}
            {t('publications.availableFromDate', { date: formatDate(v.availableFrom, i18n.language) })}{' '}
            {may('publication.publish') && remainingSeats(v.id, v.seats, lists) > 0 && (
              <Button size="xs" onClick={() => onPublish(v)}>
                {t('publications.publish')}
              </Button>
            )}
            <RowRefusal commands={openByObject.get(v.id)} />
          </li>
        ))}
      </ul>
    </section>
  );
}
