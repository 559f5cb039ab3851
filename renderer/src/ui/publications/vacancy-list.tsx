import { Button, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Vacancy } from '../../../../shared/domain/index.js';
import { useDesk } from '../desk-context.js';
import { formatDate } from '../format.js';
import { useList } from '../hooks/use-replica.js';

/** Seats freed by departures, waiting to be published. */
export function VacancyList({ onPublish }: { onPublish(vacancy: Vacancy): void }) {
  const { t, i18n } = useTranslation();
  const { session } = useDesk();
  const vacancies = useList('vacancies').filter((v) => v.seats > 0);
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
            {session.info.staff.role === 'head' && (
              <Button size="xs" onClick={() => onPublish(v)}>
                {t('publications.publish')}
              </Button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
