import type { Chamber, Member } from '#shared/contract/registration';
import type { MessageKey } from '../../lib/i18n';
import { regionLabel } from '../../lib/regions';
import { type Filter, listExport, type Rows, type Translate } from '../../lib/spreadsheets';

/* What the registry and a chamber's members export: every row its filters select, in Chinese. */

export type RegistryFilter = Partial<
  Record<'regionCode' | 'kind' | 'status' | 'relationship' | 'name', string>
>;

/** The registry under its filters, within `scope` (the person's region) when no county is set. */
export function registryExport(
  t: Translate,
  scope: string,
  filter: RegistryFilter,
  rows: Rows<Chamber>,
) {
  const filters: Filter[] = [
    { label: t('common.region'), value: regionLabel(filter.regionCode || scope) },
    { label: t('chamber.kind'), value: filter.kind ? t(`kind.${filter.kind}` as MessageKey) : '' },
    {
      label: t('chamber.status'),
      value: filter.status ? t(`status.${filter.status}` as MessageKey) : '',
    },
    {
      label: t('chamber.relationship'),
      value: filter.relationship ? t(`relationship.${filter.relationship}` as MessageKey) : '',
    },
    { label: t('chamber.name'), value: filter.name ?? '' },
  ];
  return listExport(t, t('registry.title'), filters, rows, [
    { header: t('chamber.name'), value: (c) => c.name },
    { header: t('chamber.kind'), value: (c) => t(`kind.${c.kind}`) },
    { header: t('chamber.region'), value: (c) => regionLabel(c.regionCode) },
    { header: t('chamber.relationship'), value: (c) => t(`relationship.${c.relationship}`) },
    { header: t('chamber.status'), value: (c) => t(`status.${c.status}`) },
    { header: t('chamber.uscc'), value: (c) => c.uscc },
    { header: t('chamber.foundedOn'), value: (c) => c.foundedOn, format: 'date' },
    { header: t('chamber.president'), value: (c) => c.leaders.president },
    { header: t('chamber.partyOrganisation'), value: (c) => t(`party.${c.partyOrganisation}`) },
    { header: 'ID', value: (c) => c.id },
  ]);
}

/** A chamber's member firms (all of them: the list has no filters but its chamber). */
export function membersExport(t: Translate, chamber: string, rows: Rows<Member>) {
  return listExport(
    t,
    t('export.membersTitle', { name: chamber }),
    [{ label: t('assess.chamber'), value: chamber }],
    rows,
    [
      { header: t('chamber.memberName'), value: (m) => m.name },
      { header: t('chamber.memberUscc'), value: (m) => m.uscc },
      { header: t('chamber.joinedAt'), value: (m) => m.joinedAt, format: 'date' },
    ],
  );
}
