import { Alert, Button, Checkbox, Group, List, Modal } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDesk } from '../desk-context.js';
import { useList } from '../hooks/use-replica.js';

/** Sign-out: offers to wipe the local replica, and names the commands that have not been sent yet. */
export function SignOutDialog({ opened, onClose }: { opened: boolean; onClose(): void }) {
  const { t } = useTranslation();
  const { signOut } = useDesk();
  const pending = useList('pending');
  const [wipe, setWipe] = useState(false);
  const [busy, setBusy] = useState(false);
  return (
    <Modal lockScroll={false} opened={opened} onClose={onClose} title={t('signOutDialog.title')}>
      {pending.length > 0 && (
        <Alert color="red" title={t('signOutDialog.unsent', { count: pending.length })} role="alert">
          <List size="sm">
            {pending.map((c) => (
              <List.Item key={c.id}>{t(`commandKind.${c.kind}`, { defaultValue: c.kind })}</List.Item>
            ))}
          </List>
          {t('signOutDialog.unsentExplain')}
        </Alert>
      )}
      <Checkbox
        mt="md"
        checked={wipe}
        onChange={(e) => setWipe(e.currentTarget.checked)}
        label={t('signOutDialog.wipe')}
        description={pending.length > 0 && wipe ? t('signOutDialog.wipeLoses') : t('signOutDialog.wipeExplain')}
      />
      <Group mt="lg" justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {t('common.cancel')}
        </Button>
        <Button
          color={wipe ? 'red' : 'blue'}
          loading={busy}
          onClick={() => {
            setBusy(true);
            void signOut(wipe);
          }}
        >
          {t('signOutDialog.confirm')}
        </Button>
      </Group>
    </Modal>
  );
}
