import { App, Button, Card, Flex, Form, Skeleton } from 'antd';
import { type ReactNode, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import type { Account } from '#shared/contract/accounts';
import { ChamberName } from '../../components/ChamberName';
import { ConflictAlert } from '../../components/ConflictAlert';
import { describeError, ErrorResult } from '../../components/ErrorResult';
import { PageHeader } from '../../components/PageHeader';
import { ProblemsAlert } from '../../components/ProblemsAlert';
import { type I18n, useI18n } from '../../lib/i18n';
import { ApiError } from '../../lib/problem';
import { JURISDICTION, regionLabel } from '../../lib/regions';
import { useSession } from '../../lib/session';
import { setFieldErrors } from '../../lib/validation';
import { saveVersioned } from '../../lib/versioned-save';
import { AccountFields } from './AccountFields';
import { useAccount, useFetchAccount, usePatchAccount } from './api';
import { type AccountValues, accountRefusals, patchOf, refusalFields, valuesOf } from './form';
import { contactText } from './labels';

export default function EditAccountScreen() {
  const { id = '' } = useParams();
  const account = useAccount(id);
  if (account.isError)
    return <ErrorResult error={account.error} retry={() => void account.refetch()} />;
  if (account.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  return <EditForm account={account.data} />;
}

interface Conflict {
  mine: AccountValues;
  theirs: Account;
}

/**
 * Changes a person's name, role, scope or contact with optimistic concurrency: the save carries
 * the version the editor opened (If-Match). When someone else saved first (412), both changes
 * are shown side by side and the editor's own is re-applied on the new version, or dropped.
 */
function EditForm({ account }: { account: Account }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { principal } = useSession();
  const scope = principal?.regionCode ?? JURISDICTION;
  const [form] = Form.useForm<AccountValues>();
  const patch = usePatchAccount(account.id);
  const fetchAccount = useFetchAccount();
  // The version this edit started from: it moves only when the editor takes a newer one.
  const [base, setBase] = useState(account);
  const [conflict, setConflict] = useState<Conflict>();
  const [problems, setProblems] = useState<string[]>([]);
  const back = () => navigate(`/accounts/${encodeURIComponent(account.id)}`);
  const submit = async (values: AccountValues) => {
    setProblems([]);
    const body = patchOf(base, values);
    if (Object.keys(body).length === 0) {
      message.info(t('edit.noChange'));
      return;
    }
    const refused = accountRefusals(values, body, 'patch', i18n);
    if (refused.length > 0) {
      setFieldErrors(form, refused);
      setProblems([t('apply.checkFields')]);
      return;
    }
    const outcome = await saveVersioned(
      () => patch.mutateAsync({ patch: body, version: base.version }),
      () => fetchAccount(account.id),
    );
    if ('saved' in outcome) {
      message.success(t('edit.saved', { version: outcome.saved.version }));
      back();
    } else if ('changedMeanwhile' in outcome) {
      setConflict({ mine: values, theirs: outcome.changedMeanwhile });
    } else if ('error' in outcome) {
      const { error } = outcome;
      const { fields, rest } =
        error instanceof ApiError ? refusalFields(error.problem, i18n) : { fields: [], rest: [] };
      setFieldErrors(form, fields);
      setProblems([describeError(error, t, i18n.apiMessage), ...rest]);
    }
  };
  /** Continues from the version now stored, with `values` in the form. */
  const take = (theirs: Account, values: AccountValues, note?: string) => {
    form.resetFields();
    form.setFieldsValue(values);
    setBase(theirs);
    setConflict(undefined);
    if (note) message.info(note);
  };
  return (
    <>
      <PageHeader
        title={t('edit.title', { name: account.name })}
        crumbs={[
          { title: t('accounts.title'), to: '/accounts' },
          { title: account.name, to: `/accounts/${encodeURIComponent(account.id)}` },
          { title: t('common.edit') },
        ]}
      />
      <Card>
        {conflict && (
          <AccountConflict
            base={base}
            conflict={conflict}
            onReapply={() =>
              take(
                conflict.theirs,
                reapply(base, conflict.mine, conflict.theirs),
                t('edit.reapplied', { version: conflict.theirs.version }),
              )
            }
            onDiscard={() => take(conflict.theirs, valuesOf(conflict.theirs))}
          />
        )}
        <ProblemsAlert problems={problems} />
        <Form<AccountValues>
          form={form}
          name="edit-account"
          layout="vertical"
          onFinish={submit}
          initialValues={valuesOf(account)}
          style={{ maxWidth: 560 }}
        >
          <AccountFields scope={scope} current={base.chamberId} />
          <Flex gap={8}>
            <Button
              type="primary"
              htmlType="submit"
              loading={patch.isPending}
              disabled={!!conflict}
            >
              {t('common.save')}
            </Button>
            <Button onClick={back}>{t('common.cancel')}</Button>
          </Flex>
        </Form>
      </Card>
    </>
  );
}

type Field = 'name' | 'role' | 'scope' | 'contact';
const FIELDS: Field[] = ['name', 'role', 'scope', 'contact'];

/** A field of the form as one comparable value. */
function comparable(field: Field, v: AccountValues): string {
  switch (field) {
    case 'name':
      return v.name?.trim() ?? '';
    case 'role':
      return v.role ?? '';
    case 'scope':
      return v.role === 'chamber-officer'
        ? `chamber:${v.chamberId ?? ''}`
        : `region:${v.regionCode ?? ''}`;
    case 'contact':
      return `${v.contact?.email?.trim() ?? ''}|${v.contact?.phone?.trim() ?? ''}`;
  }
}

/** The editor's changed fields laid over the version stored now. */
function reapply(base: Account, mine: AccountValues, theirs: Account): AccountValues {
  const opened = valuesOf(base);
  const next = valuesOf(theirs);
  for (const field of FIELDS) {
    if (comparable(field, mine) === comparable(field, opened)) continue;
    if (field === 'scope')
      Object.assign(next, { regionCode: mine.regionCode, chamberId: mine.chamberId });
    else if (field === 'contact') next.contact = mine.contact;
    else Object.assign(next, { [field]: mine[field] });
  }
  return next;
}

function AccountConflict({
  base,
  conflict,
  onReapply,
  onDiscard,
}: {
  base: Account;
  conflict: Conflict;
  onReapply: () => void;
  onDiscard: () => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const opened = valuesOf(base);
  const now = valuesOf(conflict.theirs);
  const changed = (v: AccountValues, field: Field) =>
    comparable(field, v) !== comparable(field, opened);
  const rows = FIELDS.filter((f) => changed(now, f) || changed(conflict.mine, f)).map((field) => ({
    field,
    label: t(FIELD_LABELS[field]),
    opened: show(field, opened, i18n),
    now: changed(now, field) ? show(field, now, i18n) : '',
    yours: changed(conflict.mine, field) ? show(field, conflict.mine, i18n) : '',
  }));
  return (
    <ConflictAlert
      title={t('accounts.conflictTitle')}
      openedVersion={base.version}
      nowVersion={conflict.theirs.version}
      rows={rows}
      onReapply={onReapply}
      onDiscard={onDiscard}
    />
  );
}

const FIELD_LABELS = {
  name: 'accounts.name',
  role: 'accounts.role',
  scope: 'accounts.scope',
  contact: 'accounts.contact',
} as const;

function show(field: Field, v: AccountValues, { t }: I18n): ReactNode {
  switch (field) {
    case 'name':
      return v.name || t('common.none');
    case 'role':
      return v.role ? t(`auth.role.${v.role}`) : t('common.none');
    case 'scope':
      if (v.role === 'chamber-officer')
        return v.chamberId ? <ChamberName id={v.chamberId} /> : t('common.none');
      return regionLabel(v.regionCode) || t('common.none');
    case 'contact':
      return contactText({ email: v.contact?.email, phone: v.contact?.phone }) || t('common.none');
  }
}
