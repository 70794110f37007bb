import { App, Button, Card, Flex, Form, Skeleton } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { type Chamber, patchChamberBody } from '#shared/contract/registration';
import { describeError, ErrorResult } from '../../components/ErrorResult';
import { PageHeader } from '../../components/PageHeader';
import { ProblemsAlert } from '../../components/ProblemsAlert';
import { useDraft } from '../../lib/drafts';
import { useI18n } from '../../lib/i18n';
import { useSession } from '../../lib/session';
import { saveVersioned } from '../../lib/versioned-save';
import { useChamber, useFetchChamber, usePatchChamber } from './api';
import { ChamberFields } from './ChamberFields';
import { type Conflict, ConflictView } from './ConflictView';
import {
  changedFields,
  type FormValues,
  type Profile,
  patchBody,
  profileOf,
  profileOfChamber,
  reapply,
  valuesOf,
} from './form';
import { apiRefusal, draftOf, fromDraft, refusals, showFieldErrors } from './validate';

export default function EditScreen() {
  const { id = '' } = useParams();
  const chamber = useChamber(id);
  if (chamber.isError)
    return <ErrorResult error={chamber.error} retry={() => void chamber.refetch()} />;
  if (chamber.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  return <EditForm chamber={chamber.data} />;
}

/**
 * Edits a chamber's record with optimistic concurrency: the save carries the version the person
 * opened (If-Match). When someone else saved first (412), the conflict view shows both changes
 * and re-applies the person's edit on the new version; nothing anyone typed is lost.
 */
function EditForm({ chamber }: { chamber: Chamber }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { principal } = useSession();
  const [form] = Form.useForm<FormValues>();
  const patch = usePatchChamber(chamber.id);
  const fetchChamber = useFetchChamber();
  // The version this edit started from: it moves only when the person takes a newer one.
  const [base, setBase] = useState<{ profile: Profile; version: number }>(() => ({
    profile: profileOfChamber(chamber),
    version: chamber.version,
  }));
  const [conflict, setConflict] = useState<Conflict>();
  const [problems, setProblems] = useState<string[]>([]);
  useDraft(
    `chamber-edit:${chamber.id}`,
    () => ({ values: draftOf(form.getFieldsValue(true)), base }),
    (draft: { values: unknown; base: typeof base }) => {
      form.setFieldsValue(fromDraft(draft.values));
      setBase(draft.base);
    },
  );
  const submit = async (values: FormValues) => {
    setProblems([]);
    const mine = profileOf({ ...values, kind: values.kind ?? base.profile.kind });
    const fields = changedFields(base.profile, mine);
    if (fields.length === 0) {
      message.info(t('edit.noChange'));
      return;
    }
    const body = patchBody(base.profile, mine, fields);
    const refused = refusals(patchChamberBody, body, mine, i18n);
    if (refused.length > 0) {
      setProblems([t('apply.checkFields'), ...showFieldErrors(form, refused)]);
      return;
    }
    const outcome = await saveVersioned(
      () => patch.mutateAsync({ patch: body, version: base.version }),
      () => fetchChamber(chamber.id),
    );
    if ('saved' in outcome) {
      message.success(t('edit.saved', { version: outcome.saved.version }));
      navigate(`/chambers/${encodeURIComponent(outcome.saved.id)}`);
    } else if ('changedMeanwhile' in outcome) {
      setConflict({
        base: base.profile,
        baseVersion: base.version,
        mine,
        theirs: profileOfChamber(outcome.changedMeanwhile),
        theirsVersion: outcome.changedMeanwhile.version,
      });
    } else if ('error' in outcome) {
      setProblems([
        describeError(outcome.error, t, i18n.apiMessage),
        ...apiRefusal(form, outcome.error, i18n),
      ]);
    }
  };
  const take = (profile: Profile, version: number, note?: string) => {
    form.resetFields();
    form.setFieldsValue(valuesOf(profile));
    setBase({ profile: conflict?.theirs ?? profile, version });
    setConflict(undefined);
    if (note) message.info(note);
  };
  return (
    <>
      <PageHeader
        title={t('edit.title', { name: chamber.name })}
        crumbs={[
          ...(principal?.role === 'fic-admin'
            ? [{ title: t('nav.registry'), to: '/chambers' }]
            : []),
          { title: chamber.name, to: `/chambers/${encodeURIComponent(chamber.id)}` },
          { title: t('common.edit') },
        ]}
      />
      <Card>
        {conflict && (
          <ConflictView
            conflict={conflict}
            onReapply={() =>
              take(
                reapply(conflict.base, conflict.mine, conflict.theirs),
                conflict.theirsVersion,
                t('edit.reapplied', { version: conflict.theirsVersion }),
              )
            }
            onDiscard={() => take(conflict.theirs, conflict.theirsVersion)}
          />
        )}
        <ProblemsAlert problems={problems} />
        <Form<FormValues>
          form={form}
          name="edit"
          layout="vertical"
          onFinish={submit}
          initialValues={valuesOf(chamber)}
        >
          <ChamberFields identityLocked={principal?.role !== 'fic-admin'} />
          <Flex gap={8}>
            <Button
              type="primary"
              htmlType="submit"
              loading={patch.isPending}
              disabled={!!conflict}
            >
              {t('common.save')}
            </Button>
            <Button onClick={() => navigate(`/chambers/${encodeURIComponent(chamber.id)}`)}>
              {t('common.cancel')}
            </Button>
          </Flex>
        </Form>
      </Card>
    </>
  );
}
