import { App, Button, Card, Col, Form, Input, Row } from 'antd';
import { useState } from 'react';
import { type Member, registrationRoutes } from '#shared/contract/registration';
import { CursorPager } from '../../components/CursorPager';
import { describeError } from '../../components/ErrorResult';
import { ExportButton } from '../../components/ExportButton';
import { FormProblem } from '../../components/FormProblem';
import { type Column, ResponsiveTable } from '../../components/ResponsiveTable';
import { useDraft } from '../../lib/drafts';
import { formatDateTime } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { ApiError } from '../../lib/problem';
import { allPages } from '../../lib/spreadsheets';
import { schemaErrors, setFieldErrors } from '../../lib/validation';
import { useAddMember, useMembers } from './api';
import { membersExport } from './exports';

const addMemberBody = registrationRoutes.addMember.body;

/**
 * A chamber's member firms, a page at a time (all of them to Excel), and a form to add one (USCC
 * checked first).
 */
export function MembersCard({
  chamberId,
  chamberName,
}: {
  chamberId: string;
  chamberName: string;
}) {
  const i18n = useI18n();
  const { t, locale } = i18n;
  const { message } = App.useApp();
  const [cursors, setCursors] = useState<string[]>([]);
  const members = useMembers(chamberId, cursors.at(-1));
  const add = useAddMember(chamberId);
  const [form] = Form.useForm<{ name?: string; uscc?: string }>();
  const [problem, setProblem] = useState<string>();
  useDraft(
    `member-add:${chamberId}`,
    () => form.getFieldsValue(),
    (draft: object) => form.setFieldsValue(draft),
  );
  const submit = async (values: { name?: string; uscc?: string }) => {
    setProblem(undefined);
    const body = { name: values.name ?? '', uscc: values.uscc ?? '' };
    const refused = schemaErrors(addMemberBody, body, i18n.apiMessage);
    if (refused.length > 0) {
      setFieldErrors(form, refused);
      return;
    }
    try {
      await add.mutateAsync(body);
      message.success(t('chamber.memberAdded'));
      form.resetFields();
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return;
      const fields = error instanceof ApiError ? error.fieldErrors : [];
      if (fields.length > 0) {
        setFieldErrors(
          form,
          fields.map((e) => ({ name: e.path, errors: [i18n.apiMessage(e.message)] })),
        );
      } else {
        setProblem(describeError(error, t, i18n.apiMessage));
      }
    }
  };
  const columns: Column<Member>[] = [
    { key: 'name', title: t('chamber.memberName'), render: (m) => m.name, primary: true },
    { key: 'uscc', title: t('chamber.memberUscc'), render: (m) => <code>{m.uscc}</code> },
    {
      key: 'joinedAt',
      title: t('chamber.joinedAt'),
      render: (m) => formatDateTime(m.joinedAt, locale),
    },
  ];
  return (
    <Card
      title={<h2 className="card-title">{t('chamber.members')}</h2>}
      size="small"
      extra={
        <ExportButton
          build={async (api) =>
            membersExport(
              t,
              chamberName,
              await allPages(api, `/v1/chambers/${encodeURIComponent(chamberId)}/members`),
            )
          }
        />
      }
    >
      <Form
        form={form}
        name="member"
        layout="vertical"
        onFinish={submit}
        aria-label={t('chamber.addMember')}
      >
        <Row gutter={12} align="bottom">
          <Col xs={24} md={10}>
            <Form.Item name="name" label={t('chamber.memberName')} required>
              <Input maxLength={100} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={9}>
            <Form.Item name="uscc" label={t('chamber.memberUscc')} required>
              <Input maxLength={18} autoComplete="off" style={{ fontFamily: 'monospace' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={5}>
            <Form.Item>
              <Button htmlType="submit" type="primary" loading={add.isPending} block>
                {t('chamber.addMember')}
              </Button>
            </Form.Item>
          </Col>
        </Row>
        <FormProblem problem={problem} />
      </Form>
      <ResponsiveTable
        caption={t('chamber.members')}
        rows={members.data?.items ?? []}
        loading={members.isPending}
        columns={columns}
        rowKey={(m) => m.uscc}
      />
      {(cursors.length > 0 || members.data?.nextCursor) && (
        <CursorPager
          hasPrevious={cursors.length > 0}
          next={members.data?.nextCursor}
          onPrevious={() => setCursors(cursors.slice(0, -1))}
          onNext={(cursor) => setCursors([...cursors, cursor])}
        />
      )}
    </Card>
  );
}
