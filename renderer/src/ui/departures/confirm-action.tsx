import { Button, Group, List, Modal, Text } from '@mantine/core';
import { useCallback, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** What a confirmation shows before anything is queued: which children, which group, which date, what frees up. */
export interface ConfirmRequest {
  title: string;
  /** One line per fact, already translated (dates in the city format). */
  lines: readonly { label: string; value: string }[];
  confirmLabel: string;
}

/**
 * A confirmation for a mass or destructive action. `ask` opens it and resolves true only when the
 * head clicks the (red) confirm button; Cancel holds the focus when it opens, so Enter and Esc both
 * cancel: the destructive confirm is never the default button.
 */
export function useConfirm(): { ask(request: ConfirmRequest): Promise<boolean>; dialog: ReactNode } {
  const { t } = useTranslation();
  const [request, setRequest] = useState<ConfirmRequest | null>(null);
  const resolver = useRef<((ok: boolean) => void) | null>(null);
  const settle = useCallback((ok: boolean) => {
    resolver.current?.(ok);
    resolver.current = null;
    setRequest(null);
  }, []);
  const ask = useCallback((next: ConfirmRequest) => {
    resolver.current?.(false);
    setRequest(next);
    return new Promise<boolean>((resolve) => {
      resolver.current = resolve;
    });
  }, []);
  // Opened from inside another dialog too: its keys (Esc) stay with it and never close the dialog beneath.
  const dialog = (
    <span style={{ display: 'contents' }} onKeyDown={(e) => e.stopPropagation()}>
      <Modal
        lockScroll={false}
        opened={request !== null}
        onClose={() => settle(false)}
        title={request?.title}
        data-testid="confirm-dialog"
      >
        {request && (
          <>
            <List size="sm" listStyleType="none" spacing={4}>
              {request.lines.map((line) => (
                <List.Item key={line.label}>
                  <Text span fw={600} size="sm">
                    {line.label}:
                  </Text>{' '}
                  <Text span size="sm" data-testid="confirm-line">
                    {line.value}
                  </Text>
                </List.Item>
              ))}
            </List>
            <Group mt="lg" justify="flex-end">
              <Button variant="default" data-autofocus onClick={() => settle(false)}>
                {t('common.cancel')}
              </Button>
              <Button color="red" onClick={() => settle(true)}>
                {request.confirmLabel}
              </Button>
            </Group>
          </>
        )}
      </Modal>
    </span>
  );
  return { ask, dialog };
}
