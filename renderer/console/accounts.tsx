import { Badge, Button, Table, TextInput, Title } from '@mantine/core';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { v7 as uuidv7 } from 'uuid';
import { staffRoleSchema, type StaffRole } from '../../shared/auth.js';
import {
  mayDepartment,
  type DepartmentCommandKind,
  type DepartmentCommandOutcome,
} from '../../shared/commands/department-commands.js';
import type {
  BlockPreview,
  DepartmentAccountList,
  DepartmentApplicant,
  DepartmentApplicantList,
  DepartmentStaffList,
} from '../../shared/department/accounts.js';
import { departmentRoleSchema, type DepartmentRole } from '../../shared/department/auth.js';
import type { DepartmentKindergarten } from '../../shared/department/schedule.js';
import { formatDate, formatInstant } from '../src/ui/format.js';
import { SignedOut, type ConsoleApi } from './api.js';
import { newPassword } from './password.js';

type Notice = { kind: 'ok' | 'error'; text: string; password?: string } | null;

/** Previous / next over a paged list, with "page N of M". */
export function Pager(props: { page: number; total: number; pageSize: number; onPage: (page: number) => void }) {
  const { t } = useTranslation();
  const pages = Math.max(1, Math.ceil(props.total / props.pageSize));
  if (pages === 1) return null;
  return (
    <div className="console-pager">
      <Button size="xs" variant="default" disabled={props.page <= 1} onClick={() => props.onPage(props.page - 1)}>
        {t('console.accounts.previous')}
      </Button>
      <span>{t('console.accounts.pageOf', { page: props.page, pages })}</span>
      <Button size="xs" variant="default" disabled={props.page >= pages} onClick={() => props.onPage(props.page + 1)}>
        {t('console.accounts.next')}
      </Button>
    </div>
  );
}

/** A select of the city's kindergartens, with an empty first option (`emptyLabel`). */
export function KindergartenSelect(props: {
  kindergartens: DepartmentKindergarten[];
  value: string;
  onChange: (id: string) => void;
  emptyLabel: string;
  required?: boolean;
}) {
  const { i18n } = useTranslation();
  return (
    <select required={props.required} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
      <option value="">{props.emptyLabel}</option>
      {props.kindergartens.map((k) => (
        <option key={k.id} value={k.id}>
          {i18n.language === 'kk' ? k.nameKk : k.nameRu}
        </option>
      ))}
    </select>
  );
}

/** Runs a console command and turns its outcome into a notice (a refusal explained in the UI language). */
function useCommands(api: ConsoleApi, onSignedOut: () => void, reload: () => void) {
  const { t } = useTranslation();
  const [notice, setNotice] = useState<Notice>(null);
  const fail = useCallback(
    (error: unknown) => {
      if (error instanceof SignedOut) onSignedOut();
      else setNotice({ kind: 'error', text: t('console.signIn.failed') });
    },
    [onSignedOut, t],
  );
  const run = (sent: Promise<DepartmentCommandOutcome>, done: string, password?: string) =>
    sent
      .then((outcome) => {
        if (outcome.status === 'applied') setNotice({ kind: 'ok', text: done, ...(password ? { password } : {}) });
        else {
          const why = t(`rejection.${outcome.rejection?.code ?? 'forbidden'}`, outcome.rejection?.params ?? {});
          setNotice({ kind: 'error', text: t('console.approvals.refused', { reason: why }) });
        }
        reload();
      })
      .catch(fail);
  return { notice, setNotice, run, fail };
}

function NoticeLine({ notice }: { notice: Notice }) {
  const { t } = useTranslation();
  if (!notice) return null;
  return (
    <div
      role={notice.kind === 'error' ? 'alert' : 'status'}
      className={notice.kind === 'error' ? 'console-error' : 'console-notice'}
    >
      {notice.text}
      {notice.password && (
        <p>
          {t('console.accounts.passwordOnce')} <code data-testid="one-time-password">{notice.password}</code>
        </p>
      )}
    </div>
  );
}

function Confirm(props: { children: ReactNode; onConfirm: () => void; onCancel: () => void; testId: string }) {
  const { t } = useTranslation();
  return (
    <div className="console-confirm" data-testid={props.testId}>
      {props.children}
      <Button size="xs" onClick={props.onConfirm}>
        {t('console.approvals.confirm')}
      </Button>{' '}
      <Button size="xs" variant="default" onClick={props.onCancel}>
        {t('console.approvals.cancel')}
      </Button>
    </div>
  );
}

/** The full name and login of a new account (the staff's and the department's forms). */
function NameAndLogin(props: {
  draft: { fullName: string; login: string };
  onChange: (patch: { fullName: string } | { login: string }) => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <TextInput
        size="xs"
        required
        label={t('console.accounts.fullName')}
        value={props.draft.fullName}
        maxLength={200}
        onChange={(e) => props.onChange({ fullName: e.currentTarget.value })}
      />
      <TextInput
        size="xs"
        required
        label={t('console.accounts.login')}
        value={props.draft.login}
        pattern="[A-Za-z0-9][A-Za-z0-9._\-]{2,63}"
        title={t('console.accounts.loginRule')}
        onChange={(e) => props.onChange({ login: e.currentTarget.value })}
      />
    </>
  );
}

/** The role of a new account, from the roles its kind has. */
function RoleSelect<R extends string>(props: {
  roles: readonly R[];
  value: R;
  labelOf: (role: R) => string;
  onChange: (role: R) => void;
}) {
  const { t } = useTranslation();
  return (
    <label>
      {t('console.accounts.role')}
      <select value={props.value} onChange={(e) => props.onChange(e.target.value as R)}>
        {props.roles.map((r) => (
          <option key={r} value={r}>
            {props.labelOf(r)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** A row's "Disable" button (when `shown`), then its confirmation saying what disabling ends. */
function DisableWithConfirm(props: {
  testId: string;
  shown: boolean;
  confirming: boolean;
  summary: string;
  onAsk: () => void;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const { t } = useTranslation();
  if (props.confirming)
    return (
      <Confirm testId={props.testId} onCancel={props.onCancel} onConfirm={props.onConfirm}>
        <p>{props.summary}</p>
      </Confirm>
    );
  if (!props.shown) return null;
  return (
    <Button size="xs" color="red" variant="light" onClick={props.onAsk}>
      {t('console.accounts.disable')}
    </Button>
  );
}

/** The staff of the city's kindergartens: issue, disable, reset a password, sign a lost PC out, lift a lock (each button shown to the roles the command table allows it). */
function StaffAccounts(props: { api: ConsoleApi; role: DepartmentRole; onSignedOut: () => void }) {
  const { t, i18n } = useTranslation();
  const { api } = props;
  const [kindergartens, setKindergartens] = useState<DepartmentKindergarten[]>([]);
  const [kindergartenId, setKindergartenId] = useState('');
  const [page, setPage] = useState(1);
  const [list, setList] = useState<DepartmentStaffList | null>(null);
  const [draft, setDraft] = useState<{
    kindergartenId: string;
    login: string;
    fullName: string;
    position: string;
    role: StaffRole;
  }>({
    kindergartenId: '',
    login: '',
    fullName: '',
    position: '',
    role: 'staff',
  });
  const [disabling, setDisabling] = useState<string | null>(null);
  const may = (kind: DepartmentCommandKind) => mayDepartment(props.role, kind);
  const anyAction = (['staff.resetPassword', 'staff.unlockSignIn', 'staff.disable'] as const).some(may);
  const nameOf = (k: { nameRu: string; nameKk: string }) => (i18n.language === 'kk' ? k.nameKk : k.nameRu);
  const load = useCallback(() => {
    api
      .staff(kindergartenId, page)
      .then(setList)
      .catch(() => undefined);
  }, [api, kindergartenId, page]);
  const { notice, run, fail } = useCommands(api, props.onSignedOut, load);
  useEffect(load, [load]);
  useEffect(() => {
    api.kindergartens().then(setKindergartens).catch(fail);
  }, [api, fail]);

  const create = () => {
    const password = newPassword();
    void run(
      api.command('staff.create', { staffId: uuidv7(), ...draft, password }),
      t('console.accounts.created', { login: draft.login }),
      password,
    );
  };
  const reset = (staffId: string, login: string) => {
    const password = newPassword();
    void run(
      api.command('staff.resetPassword', { staffId, password }),
      t('console.accounts.reset', { login }),
      password,
    );
  };

  return (
    <section aria-labelledby="staff-title">
      <Title order={3} id="staff-title">
        {t('console.accounts.staffTitle')}
      </Title>
      <NoticeLine notice={notice} />
      <div className="console-filters">
        <label>
          {t('console.approvals.kindergarten')}
          <KindergartenSelect
            kindergartens={kindergartens}
            value={kindergartenId}
            emptyLabel={t('console.approvals.allKindergartens')}
            onChange={(id) => {
              setKindergartenId(id);
              setPage(1);
            }}
          />
        </label>
      </div>
      {may('staff.create') && (
        <form
          className="console-filters"
          aria-label={t('console.accounts.newStaff')}
          onSubmit={(e) => {
            e.preventDefault();
            create();
          }}
        >
          <label>
            <span>
              {t('console.approvals.kindergarten')}
              <span className="console-required" aria-hidden="true">
                {' *'}
              </span>
            </span>
            <KindergartenSelect
              required
              kindergartens={kindergartens}
              value={draft.kindergartenId}
              emptyLabel=""
              onChange={(id) => setDraft({ ...draft, kindergartenId: id })}
            />
          </label>
          <NameAndLogin draft={draft} onChange={(patch) => setDraft({ ...draft, ...patch })} />
          <TextInput
            size="xs"
            label={t('console.accounts.position')}
            description={t('console.accounts.positionHint')}
            value={draft.position}
            maxLength={200}
            onChange={(e) => setDraft({ ...draft, position: e.currentTarget.value })}
          />
          <RoleSelect
            roles={staffRoleSchema.options}
            value={draft.role}
            labelOf={(r) => t(`console.accounts.roles.${r}`)}
            onChange={(role) => setDraft({ ...draft, role })}
          />
          <Button size="xs" type="submit">
            {t('console.accounts.create')}
          </Button>
        </form>
      )}
      {list && list.staff.length === 0 && <p>{t('console.accounts.noStaff')}</p>}
      {list && list.staff.length > 0 && (
        <Table striped data-testid="staff-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('console.accounts.fullName')}</Table.Th>
              <Table.Th>{t('console.accounts.login')}</Table.Th>
              <Table.Th>{t('console.approvals.kindergarten')}</Table.Th>
              <Table.Th>{t('console.accounts.state')}</Table.Th>
              <Table.Th>{t('console.accounts.devices')}</Table.Th>
              {anyAction && <Table.Th>{t('console.approvals.actions')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.staff.map((s) => (
              <Table.Tr key={s.id} data-testid="staff-row">
                <Table.Td>
                  {s.fullName}
                  <div>{t(`console.accounts.roles.${s.role}`)}</div>
                </Table.Td>
                <Table.Td>{s.login}</Table.Td>
                <Table.Td>{nameOf({ nameRu: s.kindergartenNameRu, nameKk: s.kindergartenNameKk })}</Table.Td>
                <Table.Td className="console-state">
                  <Badge color={s.disabled ? 'gray' : 'green'}>
                    {t(s.disabled ? 'console.accounts.disabled' : 'console.accounts.active')}
                  </Badge>
                  {s.lockedUntil && (
                    <div>
                      {t('console.accounts.lockedUntil', { time: formatInstant(s.lockedUntil, i18n.language) })}
                    </div>
                  )}
                </Table.Td>
                <Table.Td>
                  {s.devices.map((d) => (
                    <div key={d.id} data-testid="staff-device">
                      {d.deviceName || t('console.accounts.unnamedDevice')} —{' '}
                      {t('console.accounts.lastSeen', { time: formatInstant(d.lastSeenAt, i18n.language) })}{' '}
                      {may('deviceSession.revoke') && (
                        <Button
                          size="compact-xs"
                          variant="default"
                          onClick={() =>
                            void run(
                              api.command('deviceSession.revoke', { sessionId: d.id }),
                              t('console.accounts.deviceSignedOut'),
                            )
                          }
                        >
                          {t('console.accounts.signOutDevice')}
                        </Button>
                      )}
                    </div>
                  ))}
                </Table.Td>
                {anyAction && (
                  <Table.Td>
                    {may('staff.resetPassword') && !s.disabled && (
                      <Button size="xs" variant="default" onClick={() => reset(s.id, s.login)}>
                        {t('console.accounts.resetPassword')}
                      </Button>
                    )}{' '}
                    {may('staff.unlockSignIn') && s.lockedUntil && (
                      <Button
                        size="xs"
                        variant="default"
                        onClick={() =>
                          void run(api.command('staff.unlockSignIn', { staffId: s.id }), t('console.accounts.unlocked'))
                        }
                      >
                        {t('console.accounts.unlock')}
                      </Button>
                    )}{' '}
                    <DisableWithConfirm
                      testId="disable-confirm"
                      shown={may('staff.disable') && !s.disabled}
                      confirming={disabling === s.id}
                      summary={t('console.accounts.disableSummary', { name: s.fullName, count: s.devices.length })}
                      onAsk={() => setDisabling(s.id)}
                      onCancel={() => setDisabling(null)}
                      onConfirm={() => {
                        setDisabling(null);
                        void run(api.command('staff.disable', { staffId: s.id }), t('console.accounts.disabledDone'));
                      }}
                    />
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {list && <Pager page={list.page} total={list.total} pageSize={list.pageSize} onPage={setPage} />}
    </section>
  );
}

/** The own city's department accounts (an administrator's): issue one with a password shown once, disable one (its sessions end at once). */
function DepartmentAccounts(props: { api: ConsoleApi; onSignedOut: () => void }) {
  const { t, i18n } = useTranslation();
  const { api } = props;
  const [list, setList] = useState<DepartmentAccountList | null>(null);
  const [draft, setDraft] = useState<{ login: string; fullName: string; role: DepartmentRole }>({
    login: '',
    fullName: '',
    role: 'specialist',
  });
  const [disabling, setDisabling] = useState<string | null>(null);
  const load = useCallback(() => {
    api
      .departmentAccounts()
      .then(setList)
      .catch(() => undefined);
  }, [api]);
  const { notice, run } = useCommands(api, props.onSignedOut, load);
  useEffect(load, [load]);

  const create = () => {
    const password = newPassword();
    void run(
      api.command('departmentAccount.create', { accountId: uuidv7(), ...draft, password }),
      t('console.accounts.created', { login: draft.login }),
      password,
    );
  };

  return (
    <section aria-labelledby="department-accounts-title">
      <Title order={3} id="department-accounts-title">
        {t('console.accounts.departmentTitle')}
      </Title>
      <NoticeLine notice={notice} />
      <form
        className="console-filters"
        aria-label={t('console.accounts.newDepartment')}
        onSubmit={(e) => {
          e.preventDefault();
          create();
        }}
      >
        <NameAndLogin draft={draft} onChange={(patch) => setDraft({ ...draft, ...patch })} />
        <RoleSelect
          roles={departmentRoleSchema.options}
          value={draft.role}
          labelOf={(r) => t(`console.accounts.departmentRoles.${r}`)}
          onChange={(role) => setDraft({ ...draft, role })}
        />
        <Button size="xs" type="submit">
          {t('console.accounts.create')}
        </Button>
      </form>
      {list && (
        <Table striped data-testid="department-accounts-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('console.accounts.login')}</Table.Th>
              <Table.Th>{t('console.accounts.fullName')}</Table.Th>
              <Table.Th>{t('console.accounts.role')}</Table.Th>
              <Table.Th>{t('console.accounts.state')}</Table.Th>
              <Table.Th>{t('console.accounts.lastSignIn')}</Table.Th>
              <Table.Th>{t('console.approvals.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.accounts.map((a) => (
              <Table.Tr key={a.id} data-testid="department-account-row">
                <Table.Td>{a.login}</Table.Td>
                <Table.Td>{a.fullName}</Table.Td>
                <Table.Td>{t(`console.accounts.departmentRoles.${a.role}`)}</Table.Td>
                <Table.Td className="console-state" data-testid="department-account-state">
                  <Badge color={a.disabled ? 'gray' : 'green'}>
                    {t(a.disabled ? 'console.accounts.disabled' : 'console.accounts.active')}
                  </Badge>
                </Table.Td>
                <Table.Td className="console-moment">
                  {a.lastSignInAt ? formatInstant(a.lastSignInAt, i18n.language) : t('console.accounts.neverSignedIn')}
                </Table.Td>
                <Table.Td>
                  <DisableWithConfirm
                    testId="department-disable-confirm"
                    shown={!a.disabled}
                    confirming={disabling === a.id}
                    summary={t('console.accounts.disableDepartmentSummary', { name: a.fullName })}
                    onAsk={() => setDisabling(a.id)}
                    onCancel={() => setDisabling(null)}
                    onConfirm={() => {
                      setDisabling(null);
                      void run(
                        api.command('departmentAccount.disable', { accountId: a.id }),
                        t('console.accounts.disabledDone'),
                      );
                    }}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </section>
  );
}

/** What a block would free, or what an unblock leaves terminated: said before confirming. */
function BlockSummary({ preview, unblock }: { preview: BlockPreview; unblock: boolean }) {
  const { t, i18n } = useTranslation();
  const kg = (r: { kindergartenNameRu: string; kindergartenNameKk: string }) =>
    i18n.language === 'kk' ? r.kindergartenNameKk : r.kindergartenNameRu;
  if (unblock)
    return (
      <>
        <p>{t('console.accounts.unblockSummary')}</p>
        {preview.staysTerminated.map((r) => (
          <p key={r.referralId}>{t('console.accounts.staysTerminated', { number: r.number, kindergarten: kg(r) })}</p>
        ))}
      </>
    );
  return (
    <>
      <p>{t('console.accounts.blockSummary')}</p>
      {preview.wouldTerminate.length === 0 && <p>{t('console.accounts.nothingToTerminate')}</p>}
      {preview.wouldTerminate.map((r) => (
        <p key={r.referralId}>
          {t(r.seat === 'vacancy' ? 'console.accounts.freesVacancy' : 'console.accounts.freesSeat', {
            number: r.number,
            kindergarten: kg(r),
          })}
        </p>
      ))}
    </>
  );
}

/** Applicants found by name, IIN or login: block for sharing, unblock, sign out, lift a lock. */
function Applicants(props: { api: ConsoleApi; onSignedOut: () => void }) {
  const { t, i18n } = useTranslation();
  const { api } = props;
  const [typed, setTyped] = useState('');
  const [query, setQuery] = useState({ q: '', page: 1 });
  const [list, setList] = useState<DepartmentApplicantList | null>(null);
  const [pending, setPending] = useState<{ applicant: DepartmentApplicant; preview: BlockPreview } | null>(null);
  const [reason, setReason] = useState('');
  const load = useCallback(() => {
    if (query.q.length >= 2)
      api
        .applicants(query.q, query.page)
        .then(setList)
        .catch(() => undefined);
  }, [api, query]);
  const { notice, run, fail } = useCommands(api, props.onSignedOut, load);
  useEffect(load, [load]);
  const ask = (applicant: DepartmentApplicant) =>
    api
      .blockPreview(applicant.id)
      .then((preview) => setPending({ applicant, preview }))
      .catch(fail);

  return (
    <section aria-labelledby="applicants-title">
      <Title order={3} id="applicants-title">
        {t('console.accounts.applicantsTitle')}
      </Title>
      <form
        className="console-filters"
        onSubmit={(e) => {
          e.preventDefault();
          setPending(null);
          setQuery({ q: typed.trim(), page: 1 });
        }}
      >
        <TextInput
          size="xs"
          label={t('console.accounts.search')}
          description={t('console.accounts.searchHint')}
          value={typed}
          minLength={2}
          maxLength={100}
          required
          onChange={(e) => setTyped(e.currentTarget.value)}
        />
        <Button size="xs" type="submit">
          {t('console.accounts.find')}
        </Button>
      </form>
      <NoticeLine notice={notice} />
      {pending && (
        <Confirm
          testId="block-confirm"
          onCancel={() => setPending(null)}
          onConfirm={() => {
            const { applicant, preview } = pending;
            setPending(null);
            if (preview.blocked)
              void run(
                api.command('applicant.unblock', { applicantId: applicant.id }),
                t('console.accounts.unblocked'),
              );
            else
              void run(
                api.command('applicant.block', { applicantId: applicant.id, reason: reason.trim() }),
                t('console.accounts.blocked'),
              );
            setReason('');
          }}
        >
          <p>
            <strong>{pending.applicant.childName}</strong> ({pending.applicant.iin})
          </p>
          <BlockSummary preview={pending.preview} unblock={pending.preview.blocked} />
          {!pending.preview.blocked && (
            <TextInput
              size="xs"
              required
              label={t('console.accounts.blockReason')}
              value={reason}
              maxLength={300}
              onChange={(e) => setReason(e.currentTarget.value)}
            />
          )}
        </Confirm>
      )}
      {list && list.applicants.length === 0 && <p>{t('console.accounts.noApplicants')}</p>}
      {list && list.applicants.length > 0 && (
        <Table striped data-testid="applicants-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('console.accounts.child')}</Table.Th>
              <Table.Th>{t('console.accounts.iin')}</Table.Th>
              <Table.Th>{t('console.accounts.birthDate')}</Table.Th>
              <Table.Th>{t('console.accounts.representative')}</Table.Th>
              <Table.Th>{t('console.accounts.login')}</Table.Th>
              <Table.Th>{t('console.accounts.state')}</Table.Th>
              <Table.Th>{t('console.approvals.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.applicants.map((a) => (
              <Table.Tr key={a.id} data-testid="applicant-row">
                <Table.Td>{a.childName}</Table.Td>
                <Table.Td>{a.iin}</Table.Td>
                <Table.Td>{formatDate(a.birthDate, i18n.language)}</Table.Td>
                <Table.Td>{a.representativeFullName}</Table.Td>
                <Table.Td>{a.login ?? '—'}</Table.Td>
                <Table.Td data-testid="applicant-state">
                  {a.blockedAt ? (
                    <>
                      <Badge color="red">
                        {t('console.accounts.blockedSince', { time: formatInstant(a.blockedAt, i18n.language) })}
                      </Badge>
                      <div>{a.blockedReason}</div>
                    </>
                  ) : (
                    <Badge color="green">{t('console.accounts.active')}</Badge>
                  )}
                  {a.lockedUntil && (
                    <div>
                      {t('console.accounts.lockedUntil', { time: formatInstant(a.lockedUntil, i18n.language) })}
                    </div>
                  )}
                  <div>{t('console.accounts.sessions', { count: a.liveSessions })}</div>
                </Table.Td>
                <Table.Td>
                  <Button size="xs" color={a.blockedAt ? undefined : 'red'} variant="light" onClick={() => void ask(a)}>
                    {t(a.blockedAt ? 'console.accounts.unblock' : 'console.accounts.block')}
                  </Button>{' '}
                  {a.liveSessions > 0 && (
                    <Button
                      size="xs"
                      variant="default"
                      onClick={() =>
                        void run(
                          api.command('applicant.signOut', { applicantId: a.id }),
                          t('console.accounts.sessionsEnded'),
                        )
                      }
                    >
                      {t('console.accounts.endSessions')}
                    </Button>
                  )}{' '}
                  {a.lockedUntil && (
                    <Button
                      size="xs"
                      variant="default"
                      onClick={() =>
                        void run(
                          api.command('applicant.unlockSignIn', { applicantId: a.id }),
                          t('console.accounts.unlocked'),
                        )
                      }
                    >
                      {t('console.accounts.unlock')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {list && (
        <Pager
          page={list.page}
          total={list.total}
          pageSize={list.pageSize}
          onPage={(page) => setQuery({ ...query, page })}
        />
      )}
    </section>
  );
}

/** The console's "Accounts" tab: the city's staff accounts, applicant accounts and the department's own accounts (an administrator's). */
export function Accounts(props: { api: ConsoleApi; role: DepartmentRole; onSignedOut: () => void }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="accounts-title">
      <Title order={2} id="accounts-title">
        {t('console.accounts.title')}
      </Title>
      <StaffAccounts {...props} />
      <Applicants api={props.api} onSignedOut={props.onSignedOut} />
      {mayDepartment(props.role, 'departmentAccount.create') && (
        <DepartmentAccounts api={props.api} onSignedOut={props.onSignedOut} />
      )}
    </section>
  );
}
