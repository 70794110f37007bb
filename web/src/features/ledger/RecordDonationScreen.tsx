import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Skeleton,
} from 'antd';
import dayjs from 'dayjs';
import { useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import type { DonationRequest } from '#shared/contract/ledger';
import { CAMPAIGNS, donationBody } from '#shared/contract/ledger';
import { describeError, ErrorResult } from '../../components/ErrorResult';
import { PageHeader } from '../../components/PageHeader';
import { ProblemsAlert } from '../../components/ProblemsAlert';
import { useDraft } from '../../lib/drafts';
import { useI18n } from '../../lib/i18n';
import { ApiError } from '../../lib/problem';
import { schemaErrors, setFieldErrors } from '../../lib/validation';
import { useChamberRecord, useRecordDonation } from './api';
import { type DonationValues, donationRequest, draftOf, fromDraft } from './form';
import { RecipientPicker, VillagePicker } from './pickers';

const ASSISTANCE = ['industry', 'employment', 'public-welfare', 'skills'] as const;

/**
 * Records a donation in a chamber's ledger: the campaign first, then only the fields it needs.
 * One Idempotency-Key per filled-in form, kept until an answer arrives: a double click, or a
 * retry after the network dropped, records the donation once.
 */
export default function RecordDonationScreen() {
  const { id = '' } = useParams();
  const i18n = useI18n();
  const { t } = i18n;
  const { message } = App.useApp();
  const navigate = useNavigate();
  const chamber = useChamberRecord(id);
  const record = useRecordDonation();
  const [form] = Form.useForm<DonationValues>();
  const campaign = Form.useWatch('campaign', form);
  const [problems, setProblems] = useState<string[]>([]);
  const key = useRef<string>(crypto.randomUUID());
  const sending = useRef(false);
  useDraft(
    `donation:${id}`,
    () => ({ values: draftOf(form.getFieldsValue(true)), key: key.current }),
    (draft: { values: DonationValues; key: string }) => {
      form.setFieldsValue(fromDraft(draft.values));
      key.current = draft.key;
    },
  );
  if (chamber.isError)
    return <ErrorResult error={chamber.error} retry={() => void chamber.refetch()} />;
  if (chamber.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;

  const submit = async (values: DonationValues) => {
    if (sending.current) return; // a second click while the first is on its way
    setProblems([]);
    const body = donationRequest(id, values);
    if (Number.isNaN(body.amountFen)) {
      form.setFields([{ name: 'amountFen', errors: [t('ledger.amountInvalid')] }]);
      return;
    }
    const refused = schemaErrors(donationBody, body, i18n.apiMessage);
    if (refused.length > 0) {
      setFieldErrors(form, refused);
      setProblems([t('ledger.checkFields')]);
      return;
    }
    sending.current = true;
    try {
      const entry = await record.mutateAsync({ body: body as DonationRequest, key: key.current });
      key.current = crypto.randomUUID(); // answered: the next donation is another one
      message.success(t('ledger.recorded', { seq: entry.seq }));
      // The ledger opens on the donation's campaign and year, where the new entry is listed.
      const at = new URLSearchParams({
        campaign: entry.campaign,
        year: entry.occurredOn.slice(0, 4),
        recorded: String(entry.seq),
      });
      navigate(`/chambers/${encodeURIComponent(id)}/ledger?${at}`);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return; // signing in keeps the form
      // A definite refusal wrote nothing: a corrected form goes under a new key. A lost answer
      // (network, 5xx) keeps the key, so trying again cannot record it twice.
      if (error instanceof ApiError && error.status >= 400 && error.status < 500) {
        key.current = crypto.randomUUID();
      }
      const fields = error instanceof ApiError ? error.fieldErrors : [];
      setFieldErrors(
        form,
        fields.map((e) => ({ name: e.path, errors: [i18n.apiMessage(e.message)] })),
      );
      setProblems([describeError(error, t, i18n.apiMessage)]);
    } finally {
      sending.current = false;
    }
  };

  const c = chamber.data;
  return (
    <>
      <PageHeader
        title={t('ledger.recordTitle')}
        subtitle={c.name}
        crumbs={[
          { title: c.name, to: `/chambers/${encodeURIComponent(id)}` },
          { title: t('ledger.title'), to: `/chambers/${encodeURIComponent(id)}/ledger` },
          { title: t('ledger.recordTitle') },
        ]}
      />
      <Card>
        <ProblemsAlert problems={problems} />
        <Form<DonationValues>
          form={form}
          name="donation"
          layout="vertical"
          onFinish={submit}
          initialValues={{ form: 'money', peopleHelped: 0, occurredOn: dayjs() }}
          scrollToFirstError
        >
          <Form.Item name="campaign" label={t('ledger.campaign')} required>
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              options={CAMPAIGNS.map((value) => ({ value, label: t(`campaign.${value}`) }))}
            />
          </Form.Item>
          {campaign && (
            <>
              {campaign === 'village-pairing' && (
                <>
                  <Form.Item name="villageCode" label={t('ledger.village')} required>
                    <VillagePicker chamberRegion={c.regionCode} />
                  </Form.Item>
                  <Form.Item name="assistance" label={t('ledger.assistance')} required>
                    <Radio.Group
                      options={ASSISTANCE.map((value) => ({
                        value,
                        label: t(`ledger.assistance.${value}`),
                      }))}
                    />
                  </Form.Item>
                </>
              )}
              {campaign === 'east-west' && (
                <Form.Item
                  name="recipient"
                  label={t('ledger.recipient')}
                  required
                  extra={t('ledger.recipientExtra')}
                >
                  <RecipientPicker />
                </Form.Item>
              )}
              <Row gutter={16}>
                <Col xs={24} md={12}>
                  <Form.Item name={['donor', 'name']} label={t('ledger.donorName')} required>
                    <Input maxLength={100} autoComplete="organization" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name={['donor', 'uscc']} label={t('ledger.donorUscc')} required>
                    <Input maxLength={18} autoComplete="off" style={{ fontFamily: 'monospace' }} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item name="form" label={t('ledger.form')} required>
                    <Radio.Group
                      options={(['money', 'goods'] as const).map((value) => ({
                        value,
                        label: t(`ledger.form.${value}`),
                      }))}
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item
                    name="amountFen"
                    label={t('ledger.amount')}
                    required
                    extra={t('ledger.amountExtra')}
                  >
                    <Input inputMode="decimal" suffix="元" autoComplete="off" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item name="peopleHelped" label={t('ledger.peopleHelped')}>
                    <InputNumber min={0} precision={0} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item name="occurredOn" label={t('ledger.occurredOn')} required>
                    <DatePicker
                      style={{ width: '100%' }}
                      disabledDate={(d) => d.isAfter(dayjs(), 'day')}
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} md={16}>
                  <Form.Item name="note" label={t('ledger.note')}>
                    <Input maxLength={500} />
                  </Form.Item>
                </Col>
              </Row>
            </>
          )}
          <Button
            type="primary"
            htmlType="submit"
            loading={record.isPending}
            disabled={!campaign}
            size="large"
          >
            {t('ledger.submit')}
          </Button>
        </Form>
      </Card>
    </>
  );
}
