import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_GROUP_CAPACITY, capacitySchema, type Group } from '../../../shared/domain/index.js';
import type { Command } from '../../../shared/commands/command.js';
import { sendCommand } from '../data/commands.js';
import { useDesk } from './desk-context.js';
import { useObservable } from './use-observable.js';

/** The kindergarten's groups, live from the replica; capacity changes go out as commands. */
export function GroupsScreen() {
  const { t } = useTranslation();
  const { db } = useDesk();
  const [search, setSearch] = useState('');
  const groups$ = useMemo(() => db.groups.find({ sort: [{ name: 'asc' }] }).$, [db]);
  const pending$ = useMemo(
    () => db.commands.find({ selector: { status: 'pending', kind: 'group.setCapacity' }, sort: [{ id: 'asc' }] }).$,
    [db],
  );
  const groups = useObservable(groups$, []);
  const pending = useObservable(pending$, []);
  const pendingCapacity = useMemo(() => {
    const byGroup = new Map<string, number>();
    for (const command of pending as Command[]) {
      const payload = command.payload as { groupId: string; capacity: number };
      byGroup.set(payload.groupId, payload.capacity);
    }
    return byGroup;
  }, [pending]);
  const needle = search.trim().toLocaleLowerCase();
  const shown = needle ? groups.filter((g) => g.name.toLocaleLowerCase().includes(needle)) : groups;

  return (
    <section aria-labelledby="groups-title">
      <div className="section-head">
        <h2 id="groups-title">{t('groups.title')}</h2>
        <input
          type="search"
          placeholder={t('groups.search')}
          aria-label={t('groups.search')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
      </div>
      {groups.length === 0 ? (
        <p>{t('groups.empty')}</p>
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('groups.name')}</th>
              <th scope="col">{t('groups.ageGroup')}</th>
              <th scope="col">{t('groups.language')}</th>
              <th scope="col">{t('groups.capacity')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((doc) => (
              <GroupRow key={doc.id} group={doc.toJSON() as Group} pendingCapacity={pendingCapacity.get(doc.id)} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function GroupRow({ group, pendingCapacity }: { group: Group; pendingCapacity: number | undefined }) {
  const { t } = useTranslation();
  const { db, deviceId } = useDesk();
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(String(group.capacity));
  const [error, setError] = useState<string | null>(null);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = capacitySchema.safeParse(Number(value));
    if (value.trim() === '' || !parsed.success) {
      setError(t('errors.capacityRange', { max: MAX_GROUP_CAPACITY }));
      return;
    }
    await sendCommand(db, deviceId, 'group.setCapacity', { groupId: group.id, capacity: parsed.data });
    setEditing(false);
    setError(null);
  };

  return (
    <tr data-testid={`group-${group.id}`}>
      <th scope="row">{group.name}</th>
      <td>{t(`ageGroup.${group.ageGroup}`)}</td>
      <td>{t(`languageOfInstruction.${group.language}`)}</td>
      <td>
        {editing ? (
          <form onSubmit={save} className="inline-form" noValidate>
            <input
              type="number"
              min={0}
              max={MAX_GROUP_CAPACITY}
              value={value}
              onChange={(e) => setValue(e.target.value)}
              aria-label={`${t('groups.capacity')}: ${group.name}`}
              aria-invalid={error ? true : undefined}
              autoFocus
            />
            <button type="submit">{t('groups.save')}</button>
            <button
              type="button"
              onClick={() => {
                setEditing(false);
                setError(null);
                setValue(String(group.capacity));
              }}
            >
              {t('groups.cancel')}
            </button>
            {error && (
              <span role="alert" className="error">
                {error}
              </span>
            )}
          </form>
        ) : (
          <>
            <span data-testid="capacity">{group.capacity}</span>
            {pendingCapacity !== undefined && (
              <span className="pending-badge"> ({t('groups.pending', { capacity: pendingCapacity })})</span>
            )}{' '}
            <button
              type="button"
              onClick={() => {
                setValue(String(pendingCapacity ?? group.capacity));
                setEditing(true);
              }}
            >
              {t('groups.change')}
            </button>
          </>
        )}
      </td>
    </tr>
  );
}
