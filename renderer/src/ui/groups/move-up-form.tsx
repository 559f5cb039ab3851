import { Button, NativeSelect, Stack, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { nextAgeGroup } from '../../../../shared/rules/index.js';
import { sendCommand } from '../../data/commands.js';
import { useDesk } from '../desk-context.js';
import { fieldError, orderFormFields, useZodForm } from '../forms.js';
import { useList } from '../hooks/use-replica.js';
import { OrderFields } from '../order-fields.js';

const schema = z.object({ movesOn: z.iso.date('required'), ...orderFormFields });

/** The yearly August move-up: each group's children move to a group of the next age (the shared rule). */
export function MoveUpForm() {
  const { t } = useTranslation();
  const { db, deviceId } = useDesk();
  const groups = useList('groups');
  const movable = groups.filter((g) => nextAgeGroup(g.ageGroup) !== 'school');
  const [targets, setTargets] = useState<Record<string, string>>({});
  const form = useZodForm(schema, { movesOn: '', orderNumber: '', orderDate: '' });
  const { errors } = form.formState;
  const moves = Object.entries(targets)
    .filter(([, to]) => to)
    .map(([fromGroupId, toGroupId]) => ({ fromGroupId, toGroupId }));
  const submit = form.handleSubmit(async (values) => {
    if (moves.length === 0) return;
    await sendCommand(db, deviceId, 'departure.moveUp', { ...values, moves });
    form.reset();
    setTargets({});
  });
  return (
    <form onSubmit={(e) => void submit(e)} aria-label={t('departures.moveUp')} noValidate>
      <Stack gap="xs">
        <Title order={3}>{t('departures.moveUp')}</Title>
        {movable.map((from) => {
          const next = nextAgeGroup(from.ageGroup);
          const options = groups.filter((g) => g.ageGroup === next && g.language === from.language);
          return (
            <NativeSelect
              key={from.id}
              label={t('departures.moveTo', { group: from.name })}
              value={targets[from.id] ?? ''}
              onChange={(e) => setTargets({ ...targets, [from.id]: e.currentTarget.value })}
              data={[
                { value: '', label: t('departures.noMove') },
                // The usual case: the group moves up whole, relabelled to the next age group.
                {
                  value: from.id,
                  label: t('departures.relabel', { group: from.name, ageGroup: t(`ageGroup.${next}`) }),
                },
                ...options.map((g) => ({ value: g.id, label: g.name })),
              ]}
            />
          );
        })}
        <TextInput
          type="date"
          label={t('departures.date')}
          {...form.register('movesOn')}
          error={fieldError(t, errors.movesOn)}
        />
        <OrderFields register={form.register} errors={errors} />
        <Button type="submit" disabled={moves.length === 0}>
          {t('departures.moveUpSubmit')}
        </Button>
      </Stack>
    </form>
  );
}
