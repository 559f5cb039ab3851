import { Table, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePendingByObject } from '../hooks/use-pending.js';
import { useList } from '../hooks/use-replica.js';
import { useNavigation } from '../navigation.js';
import { useRefusals } from '../refusals/use-refusals.js';
import { DeparturesPanel } from './departures-panel.js';
import { GroupRow } from './group-row.js';

/** The kindergarten's groups, live from the replica; capacity changes and departures go out as commands. */
export function GroupsScreen() {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const groups = useList('groups');
  const pending = usePendingByObject();
  const { openByObject } = useRefusals();
  const { row } = useNavigation();
  const needle = search.trim().toLocaleLowerCase();
  const shown = needle ? groups.filter((g) => g.name.toLocaleLowerCase().includes(needle)) : groups;

  return (
    <section aria-labelledby="groups-title">
      <div className="section-head">
        <Title order={2} id="groups-title">
          {t('groups.title')}
        </Title>
        <TextInput
          type="search"
          placeholder={t('groups.search')}
          aria-label={t('groups.search')}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
        />
      </div>
      {groups.length === 0 ? (
        <p>{t('groups.empty')}</p>
      ) : (
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('groups.name')}</Table.Th>
              <Table.Th scope="col">{t('groups.ageGroup')}</Table.Th>
              <Table.Th scope="col">{t('groups.language')}</Table.Th>
              <Table.Th scope="col">{t('groups.capacity')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((group) => (
              <GroupRow
                key={group.id}
                group={group}
                pending={pending.get(group.id)}
                refused={openByObject.get(group.id)}
                focused={row === group.id}
              />
            ))}
          </Table.Tbody>
        </Table>
      )}
      <DeparturesPanel />
    </section>
  );
}
