import { Button, Table, TextInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditPage, AuditQuery } from '../../shared/department/audit.js';
import type { DepartmentKindergarten } from '../../shared/department/schedule.js';
import { formatInstant } from '../src/ui/format.js';
import { KindergartenSelect, Pager } from './accounts.js';
import { auditActionName } from './audit-action-name.js';
import { SignedOut, type ConsoleApi } from './api.js';

/** The console's "Audit" tab: who did what, when, from which device, in the city's kindergartens and the department. */
export function Audit(props: { api: ConsoleApi; onSignedOut: () => void }) {
  const { t, i18n } = useTranslation();
  const { api, onSignedOut } = props;
  const [kindergartens, setKindergartens] = useState<DepartmentKindergarten[]>([]);
  const [typed, setTyped] = useState({ account: '', objectId: '' });
  const [filter, setFilter] = useState<AuditQuery>({ page: 1 });
  const [page, setPage] = useState<AuditPage | null>(null);
  const [failed, setFailed] = useState(false);
  const nameOf = (k: { nameRu: string | null; nameKk: string | null }) =>
    i18n.language === 'kk' ? k.nameKk : k.nameRu;
  useEffect(() => {
    const fail = (error: unknown) => (error instanceof SignedOut ? onSignedOut() : setFailed(true));
    api.kindergartens().then(setKindergartens).catch(fail);
  }, [api, onSignedOut]);
  useEffect(() => {
    api
      .audit(filter)
      .then((p) => {
        setPage(p);
        setFailed(false);
      })
      .catch((error: unknown) => (error instanceof SignedOut ? onSignedOut() : setFailed(true)));
  }, [api, filter, onSignedOut]);

  const actor = (e: AuditPage['entries'][number]) =>
    e.actor.kind === 'system' ? t('console.audit.system') : `${e.actor.fullName ?? ''} (${e.actor.login ?? ''})`;

  return (
    <section aria-labelledby="audit-title">
      <Title order={2} id="audit-title">
        {t('console.audit.title')}
      </Title>
      <form
        className="console-filters"
        onSubmit={(e) => {
          e.preventDefault();
          setFilter({
            ...(filter.kindergartenId ? { kindergartenId: filter.kindergartenId } : {}),
            ...(typed.account.trim() ? { account: typed.account.trim() } : {}),
            ...(typed.objectId.trim() ? { objectId: typed.objectId.trim() } : {}),
            page: 1,
          });
        }}
      >
        <label>
          {t('console.approvals.kindergarten')}
          <KindergartenSelect
            kindergartens={kindergartens}
            value={filter.kindergartenId ?? ''}
            emptyLabel={t('console.approvals.allKindergartens')}
            onChange={(id) => {
              const { kindergartenId: _dropped, ...rest } = filter;
              setFilter(id ? { ...rest, kindergartenId: id, page: 1 } : { ...rest, page: 1 });
            }}
          />
        </label>
        <TextInput
          size="xs"
          label={t('console.audit.account')}
          value={typed.account}
          maxLength={100}
          onChange={(e) => setTyped({ ...typed, account: e.currentTarget.value })}
        />
        <TextInput
          size="xs"
          label={t('console.audit.object')}
          value={typed.objectId}
          maxLength={100}
          onChange={(e) => setTyped({ ...typed, objectId: e.currentTarget.value })}
        />
        <Button size="xs" type="submit">
          {t('console.audit.apply')}
        </Button>
      </form>
      {failed && (
        <p role="alert" className="console-error">
          {t('console.signIn.failed')}
        </p>
      )}
      {page && page.entries.length === 0 && <p>{t('console.audit.empty')}</p>}
      {page && page.entries.length > 0 && (
        <Table striped data-testid="audit-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('console.audit.when')}</Table.Th>
              <Table.Th>{t('console.audit.who')}</Table.Th>
              <Table.Th>{t('console.approvals.kindergarten')}</Table.Th>
              <Table.Th>{t('console.audit.what')}</Table.Th>
              <Table.Th>{t('console.audit.object')}</Table.Th>
              <Table.Th>{t('console.audit.device')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {page.entries.map((e) => (
              <Table.Tr key={e.id} data-testid="audit-entry">
                <Table.Td>{formatInstant(e.at, i18n.language)}</Table.Td>
                <Table.Td>{actor(e)}</Table.Td>
                <Table.Td>{nameOf({ nameRu: e.kindergartenNameRu, nameKk: e.kindergartenNameKk }) ?? '—'}</Table.Td>
                <Table.Td>
                  <span title={e.action}>{auditActionName(e.action, i18n.language, t) ?? e.action}</span>
                  {e.refused && (
                    <div className="console-error">
                      {t('console.approvals.refused', {
                        reason: t(`rejection.${e.refused}`, { defaultValue: e.refused }),
                      })}
                    </div>
                  )}
                </Table.Td>
                <Table.Td>
                  {e.objectType}
                  {e.objectId && <div className="console-id">{e.objectId}</div>}
                </Table.Td>
                <Table.Td>{e.device === 'console' ? t('console.audit.console') : (e.device ?? '—')}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {page && (
        <Pager
          page={page.page}
          total={page.total}
          pageSize={page.pageSize}
          onPage={(p) => setFilter({ ...filter, page: p })}
        />
      )}
    </section>
  );
}
