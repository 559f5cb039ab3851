import { Button, Group as Row, List, Modal, Stack, Text } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { cityDate } from '../../../../shared/calendar/index.js';
import { departureCancelPayload } from '../../../../shared/commands/intake-payloads.js';
import type { Rejection } from '../../../../shared/commands/rejection.js';
import type { Departure } from '../../../../shared/domain/index.js';
import { namedPublicationIds } from '../../../../shared/rules/index.js';
import { useDesk } from '../desk-context.js';
import { formatDate, formatNumber } from '../format.js';
import { useZodForm } from '../forms.js';
import { useList } from '../hooks/use-replica.js';
import { useServerNow } from '../hooks/use-server-now.js';
import { noEnterSubmit } from '../keyboard.js';
import { OrderFields } from '../order-fields.js';
import { queueCommand } from '../refusals/feedback.js';
import { LocalRefusal, useLocalRefusal } from '../refusals/local-refusal.js';
import { cancelVerdict } from './cancel-check.js';
import { useConfirm } from './confirm-action.js';

const schema = z.object(departureCancelPayload.omit({ departureId: true }).shape);

/** The publications a `freed_seats_published` refusal names, as the head knows them: date, seats, birth year, group. */
export function NamedPublications({ rejection }: { rejection: Rejection | null | undefined }) {
  const { t, i18n } = useTranslation();
  const publications = useList('publications');
  const groups = useList('groups');
  if (rejection?.code !== 'freed_seats_published') return null;
  const ids = namedPublicationIds(rejection.params);
  return (
    <List size="sm" data-testid="named-publications">
      {ids.map((id) => {
        const p = publications.find((x) => x.id === id);
        return (
          <List.Item key={id}>
            {p
              ? t('cancelDeparture.publication', {
                  date: formatDate(p.availableFrom),
                  seats: formatNumber(p.seats, i18n.language),
                  birthYear: p.birthYear,
                  group: groups.find((g) => g.id === p.groupId)?.name ?? '—',
                })
              : t('cancelDeparture.publicationUnknown')}
          </List.Item>
        );
      })}
    </List>
  );
}

/** The children a departure takes out of its group, by name (a whole group's line: all of them). */
function useDepartingNames(departure: Departure): string[] {
  const enrollments = useList('enrollments');
  return useMemo(
    () =>
      enrollments
        .filter((e) => e.departureId === departure.id || e.id === departure.enrollmentId)
        .map((e) => e.childFullName)
        .sort((a, b) => a.localeCompare(b)),
    [enrollments, departure],
  );
}

/**
 * Cancels a departure not yet in effect by an order of its own (`departure.cancel`): the order,
 * the desk's check with the server's rules (a refusal in the dialog names the publications on the
 * freed capacity), then a confirmation with the summary before anything is queued.
 */
export function CancelDepartureDialog({ departure, onClose }: { departure: Departure; onClose(): void }) {
  const { t } = useTranslation();
  const { db, deviceId } = useDesk();
  const now = useServerNow(15_000);
  const today = cityDate(now);
  const groups = useList('groups');
  const enrollments = useList('enrollments');
  const seats = useList('seats');
  const referrals = useList('referrals');
  const publications = useList('publications');
  const vacancies = useList('vacancies');
  const departures = useList('departures');
  const names = useDepartingNames(departure);
  const { refusal, allows } = useLocalRefusal();
  const confirm = useConfirm();
  const form = useZodForm(schema, { orderNumber: '', orderDate: today });
  const { errors } = form.formState;
  const group = groups.find((g) => g.id === departure.groupId);
  const kind = t(`departureKind.${departure.kind}`);

  const submit = form.handleSubmit(async (values) => {
    const sources = {
      enrollments,
      seats,
      referrals: new Map(referrals.map((r) => [r.id, r])),
      publications,
      vacancies,
      departures,
    };
    if (!allows(cancelVerdict(departure, group, sources, now))) return;
    const date = formatDate(departure.departsOn);
    const children = names.length > 0 ? `${names.length}: ${names.join(', ')}` : String(departure.children);
    const confirmed = await confirm.ask({
      title: t('cancelDeparture.confirmTitle'),
      confirmLabel: t('cancelDeparture.submit'),
      lines: [
        { label: t('cancelDeparture.departure'), value: `${kind}, ${date}` },
        { label: t('confirm.group'), value: group?.name ?? '—' },
        { label: t('confirm.children'), value: children },
        { label: t('confirm.order'), value: `№ ${values.orderNumber}, ${formatDate(values.orderDate)}` },
        { label: t('cancelDeparture.result'), value: t('cancelDeparture.stay', { date }) },
      ],
    });
    if (!confirmed) return;
    await queueCommand(db, deviceId, 'departure.cancel', { departureId: departure.id, ...values }, departure.id);
    onClose();
  });

  return (
    <Modal
      lockScroll={false}
      opened
      onClose={onClose}
      title={t('cancelDeparture.title')}
      size="lg"
      trapFocus
      closeOnEscape
      returnFocus
    >
      <form
        onSubmit={(e) => void submit(e)}
        onKeyDown={noEnterSubmit}
        noValidate
        aria-label={t('cancelDeparture.title')}
      >
        <Stack>
          <Text size="sm" data-testid="cancel-departure-summary">
            {t('cancelDeparture.what', {
              kind: kind.charAt(0).toLocaleUpperCase() + kind.slice(1),
              group: group?.name ?? '—',
              date: formatDate(departure.departsOn),
              order: departure.orderNumber,
            })}
          </Text>
          <OrderFields register={form.register} errors={errors} />
          <LocalRefusal refusal={refusal} />
          <NamedPublications rejection={refusal} />
          <Row justify="flex-end">
            <Button variant="default" onClick={onClose} data-autofocus>
              {t('cancelDeparture.close')}
            </Button>
            <Button type="submit" color="red">
              {t('cancelDeparture.submit')}
            </Button>
          </Row>
        </Stack>
        {confirm.dialog}
      </form>
    </Modal>
  );
}
