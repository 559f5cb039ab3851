import { Button, Group as Row, Modal, NativeSelect, NumberInput, Stack, Text } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { v7 as uuidv7 } from 'uuid';
import type { ScheduleEntry, Vacancy } from '../../../../shared/domain/index.js';
import { birthYearFor, groupAgeGroupOn } from '../../../../shared/rules/index.js';
import { useLoadSources } from '../dashboard/use-load-sources.js';
import { useDesk } from '../desk-context.js';
import { formatDate } from '../format.js';
import { useList, useRules } from '../hooks/use-replica.js';
import { useServerNow } from '../hooks/use-server-now.js';
import { queueCommand } from '../refusals/feedback.js';
import { LocalRefusal, useLocalRefusal } from '../refusals/local-refusal.js';
import { PublishPreview } from './publish-preview.js';
import { publishVerdict } from './publish-verdict.js';
import { remainingSeats } from './remaining.js';

export type PublishSource = { kind: 'schedule_entry'; entry: ScheduleEntry } | { kind: 'vacancy'; vacancy: Vacancy };

/**
 * Publishing seats from an approved schedule entry or a vacancy, with the rules' preview before
 * sending; a publication the rules refuse is not queued, its reason shown in the dialog.
 */
export function PublishDialog({ source, onClose }: { source: PublishSource; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const { db, deviceId } = useDesk();
  const now = useServerNow(10_000);
  const rules = useRules();
  const groups = useList('groups');
  const seats = useList('seats');
  const publications = useList('publications');
  const sources = useLoadSources();
  const pendingCommands = useList('pending');
  const { refusal, allows } = useLocalRefusal();
  const fromEntry = source.kind === 'schedule_entry' ? source.entry : null;
  const origin = fromEntry ?? (source.kind === 'vacancy' ? source.vacancy : null);
  const originGroup = groups.find((g) => g.id === origin?.groupId);
  const [groupId, setGroupId] = useState(origin?.groupId ?? groups[0]?.id ?? '');
  const group = groups.find((g) => g.id === groupId);
  const availableFrom = origin?.availableFrom ?? '';
  const birthYear =
    fromEntry?.birthYear ??
    (originGroup ? birthYearFor(groupAgeGroupOn(originGroup, availableFrom), availableFrom) : 0);
  const language = fromEntry?.language ?? originGroup?.language ?? 'ru';
  const sourceId = fromEntry?.id ?? (source.kind === 'vacancy' ? source.vacancy.id : '');
  const remaining = useMemo(
    () => remainingSeats(sourceId, origin?.seats ?? 0, { publications, seats, pending: pendingCommands }),
    [sourceId, origin?.seats, publications, seats, pendingCommands],
  );
  const [count, setCount] = useState<number | string>(Math.max(remaining, 1));
  const verdict =
    group && rules
      ? publishVerdict(
          { group, seats: Number(count), entry: fromEntry, remaining, birthYear, availableFrom },
          sources,
          now,
          rules.settings,
        )
      : null;
  const publish = async () => {
    if (!group || !verdict) return;
    if (!allows(verdict)) return;
    await queueCommand(
      db,
      deviceId,
      'publication.publish',
      {
        publicationId: uuidv7(),
        groupId: group.id,
        source: { kind: source.kind, id: sourceId },
        birthYear,
        language,
        seats: Number(count),
        availableFrom,
      },
      sourceId,
    );
    onClose();
  };
  return (
    <Modal lockScroll={false} opened onClose={onClose} title={t('publish.title')} size="lg" trapFocus closeOnEscape>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void publish();
        }}
        aria-label={t('publish.title')}
      >
        <Stack>
          <Text>
            {t('schedule.birthYearN', { year: birthYear })} · {t(`languageOfInstruction.${language}`)} ·{' '}
            {t('publications.availableFromDate', { date: formatDate(availableFrom, i18n.language) })} ·{' '}
            {t('publish.remaining', { count: remaining })}
          </Text>
          <NativeSelect
            label={t('groups.name')}
            value={groupId}
            onChange={(e) => setGroupId(e.currentTarget.value)}
            data={groups.filter((g) => g.language === language).map((g) => ({ value: g.id, label: g.name }))}
          />
          <NumberInput
            label={t('publish.count')}
            value={count}
            onChange={setCount}
            min={1}
            max={60}
            allowDecimal={false}
            data-autofocus
          />
          <PublishPreview now={now} availableFrom={availableFrom} verdict={verdict} />
          <LocalRefusal refusal={refusal} />
          <Row justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" disabled={!group || Number(count) < 1}>
              {t('publish.confirm')}
            </Button>
          </Row>
        </Stack>
      </form>
    </Modal>
  );
}
