import { Checkbox, Col, DatePicker, Divider, Form, Input, Radio, Row, Select } from 'antd';
import dayjs from 'dayjs';
import { CHAMBER_KINDS, GOVERNMENT_FUNCTIONS } from '#shared/domain/chamber';
import { useI18n } from '../../lib/i18n';
import { type FormValues, LEADER_FIELDS, MANAGEMENT_FIELDS, PROGRAMME_FIELDS } from './form';
import { HometownPicker, RegionPicker } from './RegionPicker';

const RELATIONSHIPS = ['supervised', 'group-member', 'classified'] as const;
const PARTY = ['branch', 'joint-branch', 'instructor', 'none'] as const;

/**
 * The fields of a chamber's record, for applying and for editing. Laid out in two columns on a
 * desktop and one on a phone (antd's grid). Officers may not change kind or region.
 */
export function ChamberFields({ identityLocked }: { identityLocked?: boolean }) {
  const { t } = useI18n();
  const kind = Form.useWatch<FormValues['kind']>('kind');
  const half = { xs: 24, md: 12 };
  return (
    <>
      <Row gutter={16}>
        <Col xs={24}>
          <Form.Item name="name" label={t('chamber.name')} required>
            <Input maxLength={100} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="kind" label={t('chamber.kind')} required>
            <Select
              disabled={identityLocked}
              showSearch={{ optionFilterProp: 'label' }}
              options={CHAMBER_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
            />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="relationship" label={t('chamber.relationship')} required>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              options={RELATIONSHIPS.map((r) => ({ value: r, label: t(`relationship.${r}`) }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item name="regionCode" label={t('chamber.region')} required>
            <RegionPicker kind={kind} disabled={identityLocked || !kind} />
          </Form.Item>
        </Col>
        {kind === 'non-local' && (
          <Col xs={24}>
            <Form.Item name="hometownRegionCode" label={t('chamber.hometown')} required>
              <HometownPicker />
            </Form.Item>
          </Col>
        )}
        <Col {...half}>
          <Form.Item name="industry" label={t('chamber.industry')}>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="foundedOn" label={t('chamber.foundedOn')}>
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
        </Col>
      </Row>
      <Divider titlePlacement="start" plain>
        {t('chamber.leaders')}
      </Divider>
      <Row gutter={16}>
        {LEADER_FIELDS.map((field) => (
          <Col key={field} xs={24} md={8}>
            <Form.Item name={['leaders', field]} label={t(`chamber.${field}`)}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
        ))}
      </Row>
      <Form.Item name="partyOrganisation" label={t('chamber.partyOrganisation')}>
        <Radio.Group options={PARTY.map((p) => ({ value: p, label: t(`party.${p}`) }))} />
      </Form.Item>
      <Form.Item name="governmentFunctions" label={t('chamber.governmentFunctions')}>
        <Checkbox.Group
          options={GOVERNMENT_FUNCTIONS.map((f) => ({ value: f, label: t(`function.${f}`) }))}
        />
      </Form.Item>
      <Divider titlePlacement="start" plain>
        {t('chamber.programmes')}
      </Divider>
      <Row gutter={16}>
        {PROGRAMME_FIELDS.map((field) => (
          <Col key={field} {...half}>
            <Form.Item name={field} label={t(`chamber.${field}`)} extra={t(`chamber.${field}Hint`)}>
              <Input.TextArea maxLength={500} showCount autoSize={{ minRows: 2, maxRows: 6 }} />
            </Form.Item>
          </Col>
        ))}
      </Row>
      <Divider titlePlacement="start" plain>
        {t('chamber.management')}
      </Divider>
      <Row gutter={16}>
        {MANAGEMENT_FIELDS.map((field) => (
          <Col key={field} {...half}>
            <Form.Item name={['management', field]} label={t(`chamber.${field}`)}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
        ))}
      </Row>
    </>
  );
}
