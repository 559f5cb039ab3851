import { Checkbox, Group as Row, TextInput, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  /** The heading's id, named by the section's aria-labelledby. */
  id: string;
  title: string;
  search: string;
  onSearch(value: string): void;
  showIin: boolean;
  onShowIin(value: boolean): void;
  /** More filters, between the search field and the IIN toggle. */
  children?: ReactNode;
}

/** A list's heading with search by child name or IIN and the "show the full IIN" toggle. */
export function SearchHeader({ id, title, search, onSearch, showIin, onShowIin, children }: Props) {
  const { t } = useTranslation();
  return (
    <div className="section-head">
      <Title order={2} id={id}>
        {title}
      </Title>
      <Row align="flex-end">
        <TextInput
          type="search"
          label={t('claims.search')}
          value={search}
          onChange={(e) => onSearch(e.currentTarget.value)}
        />
        {children}
        <Checkbox label={t('claims.showIin')} checked={showIin} onChange={(e) => onShowIin(e.currentTarget.checked)} />
      </Row>
    </div>
  );
}
