import { Button, Group as Row, NativeSelect, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { scheduleEntryCreatePayload } from '../../../../shared/commands/intake-payloads.js';
import type { ScheduleEntry } from '../../../../shared/domain/index.js';
import { sendCommand } from '../../data/commands.js';
import { useDesk } from '../desk-context.js';
import { fieldError, typedNumber, useZodForm } from '../forms.js';
import { useList } from '../hooks/use-replica.js';

/** The payload's fields, the numbers read from their text inputs and no group as '' (the payload's null). */
const entry = scheduleEntryCreatePayload.shape;
const schema = z.object({
  groupId: z.string(),
  birthYear: typedNumber(entry.birthYear),
  language: entry.language,
  seats: typedNumber(entry.seats),
  availableFrom: entry.availableFrom,
  note: entry.note,
});

/** The form's starting values: empty for a new entry, the entry's own for an edit. */
function defaultsOf(entry: ScheduleEntry | undefined) {
  if (!entry) {
    return {
      groupId: '',
      birthYear: '' as never,
      language: 'ru' as const,
      seats: '' as never,
      availableFrom: '',
      note: '',
    };
  }
  return {
    groupId: entry.groupId ?? '',
    birthYear: String(entry.birthYear) as never,
    language: entry.language,
    seats: String(entry.seats) as never,
    availableFrom: entry.availableFrom,
    note: entry.note,
  };
}

/**
 * A schedule entry: which group, birth year and language, how many seats free up, and when.
 * Without `entry` it adds a new one; with it (a draft or rejected entry) it changes that entry.
 */
export function ScheduleEntryForm({ entry, onDone }: { entry?: ScheduleEntry; onDone?: () => void } = {}) {
  const { t } = useTranslation();
  const { db, deviceId } = useDesk();
  const groups = useList('groups');
  const form = useZodForm(schema, defaultsOf(entry));
  const { errors } = form.formState;
  const submit = form.handleSubmit(async (values) => {
    const fields = { ...values, groupId: values.groupId || null };
    if (entry) {
      await sendCommand(db, deviceId, 'scheduleEntry.update', { entryId: entry.id, ...fields });
      onDone?.();
    } else {
      await sendCommand(db, deviceId, 'scheduleEntry.create', { entryId: uuidv7(), ...fields });
      form.reset();
    }
  });
  return (
    <form
      onSubmit={(e) => void submit(e)}
      aria-label={entry ? t('schedule.editTitle') : t('schedule.new')}
      noValidate
      className="panel"
    >
      <Row align="flex-end" gap="sm">
        <NativeSelect
          label={t('groups.name')}
          data={[{ value: '', label: '—' }, ...groups.map((g) => ({ value: g.id, label: g.name }))]}
          {...form.register('groupId')}
        />
        <TextInput
          label={t('schedule.birthYear')}
          inputMode="numeric"
          {...form.register('birthYear')}
          error={fieldError(t, errors.birthYear)}
        />
        <NativeSelect
          label={t('groups.language')}
          data={[
            { value: 'ru', label: t('languageOfInstruction.ru') },
            { value: 'kk', label: t('languageOfInstruction.kk') },
          ]}
          {...form.register('language')}
        />
        <TextInput
          label={t('schedule.seats')}
          inputMode="numeric"
          {...form.register('seats')}
          error={fieldError(t, errors.seats)}
        />
        <TextInput
          type="date"
          label={t('schedule.availableFrom')}
          {...form.register('availableFrom')}
          error={fieldError(t, errors.availableFrom)}
        />
        <TextInput label={t('schedule.note')} {...form.register('note')} />
        {entry ? (
          <>
            <Button type="submit">{t('schedule.save')}</Button>
            <Button type="button" variant="default" onClick={onDone}>
              {t('common.cancel')}
            </Button>
          </>
        ) : (
          <Button type="submit">{t('schedule.add')}</Button>
        )}
      </Row>
    </form>
  );
}
