import { ConflictAlert } from '../../components/ConflictAlert';
import { formatDate } from '../../lib/format';
import { type I18n, useI18n } from '../../lib/i18n';
import { regionLabel } from '../../lib/regions';
import {
  changedFields,
  LEADER_FIELDS,
  MANAGEMENT_FIELDS,
  type Profile,
  type ProfileField,
} from './form';

export interface Conflict {
  base: Profile;
  baseVersion: number;
  mine: Profile;
  theirs: Profile;
  theirsVersion: number;
}

/** A chamber's "changed meanwhile" view after a 412, field by field. */
export function ConflictView({
  conflict,
  onReapply,
  onDiscard,
}: {
  conflict: Conflict;
  onReapply: () => void;
  onDiscard: () => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const { base, mine, theirs } = conflict;
  const fields = [...new Set([...changedFields(base, theirs), ...changedFields(base, mine)])];
  const rows = fields.map((field) => ({
    field,
    label: fieldLabel(field, t),
    opened: show(field, base, i18n),
    now: changedFields(base, theirs).includes(field) ? show(field, theirs, i18n) : '',
    yours: changedFields(base, mine).includes(field) ? show(field, mine, i18n) : '',
  }));
  return (
    <ConflictAlert
      title={t('edit.conflictTitle')}
      openedVersion={conflict.baseVersion}
      nowVersion={conflict.theirsVersion}
      rows={rows}
      onReapply={onReapply}
      onDiscard={onDiscard}
    />
  );
}

function fieldLabel(field: ProfileField, t: I18n['t']): string {
  switch (field) {
    case 'regionCode':
      return t('chamber.region');
    case 'hometownRegionCode':
      return t('chamber.hometown');
    default:
      return t(`chamber.${field}`);
  }
}

/** A field's value as a person reads it. */
function show(field: ProfileField, p: Profile, { t, locale }: I18n): string {
  const none = t('common.none');
  switch (field) {
    case 'kind':
      return p.kind ? t(`kind.${p.kind}`) : none;
    case 'relationship':
      return p.relationship ? t(`relationship.${p.relationship}`) : none;
    case 'partyOrganisation':
      return t(`party.${p.partyOrganisation}`);
    case 'regionCode':
    case 'hometownRegionCode':
      return regionLabel(p[field]) || none;
    case 'foundedOn':
      return formatDate(p.foundedOn, locale) || none;
    case 'leaders':
      return (
        LEADER_FIELDS.filter((f) => p.leaders[f])
          .map((f) => t('common.labelled', { label: t(`chamber.${f}`), value: p.leaders[f] ?? '' }))
          .join(t('common.listSeparator')) || none
      );
    case 'management':
      return (
        MANAGEMENT_FIELDS.filter((f) => p.management[f])
          .map((f) =>
            t('common.labelled', { label: t(`chamber.${f}`), value: p.management[f] ?? '' }),
          )
          .join(t('common.listSeparator')) || none
      );
    case 'governmentFunctions':
      return (
        p.governmentFunctions.map((f) => t(`function.${f}`)).join(t('common.enumSeparator')) || none
      );
    default:
      return p[field] || none;
  }
}
