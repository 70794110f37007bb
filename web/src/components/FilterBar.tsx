import { Button, Card, Form, type FormInstance, Select } from 'antd';
import type { ReactNode } from 'react';
import type { Filters } from '../lib/address-filters';
import { useI18n } from '../lib/i18n';

/** A filter picked from a list: its query parameter, its label (the select's name) and choices. */
export interface FilterChoice<K extends string> {
  name: K;
  label: string;
  options: { value: string; label: string }[];
  /** The select's least width in pixels, to read its longest choice. */
  width: number;
}

/**
 * A list screen's filters (a search landmark): `before` (a name search, say), then a select per
 * filter, each opening with "<label>：全部" and applied as soon as it changes, then 重置. Driven
 * by `useAddressFilters`, so the filters live in the address.
 */
export function FilterBar<K extends string>({
  name,
  filters,
  choices,
  before,
}: {
  /** The form's name (its fields' ids start with it). */
  name: string;
  filters: {
    form: FormInstance<Filters<K>>;
    search: (values: Filters<K>) => void;
    reset: () => void;
  };
  choices: FilterChoice<K>[];
  before?: ReactNode;
}) {
  const { t } = useI18n();
  const { form, search, reset } = filters;
  return (
    <Card size="small" className="filters">
      <Form
        form={form}
        name={name}
        layout="inline"
        onFinish={search}
        role="search"
        style={{ rowGap: 12 }}
      >
        {before}
        {choices.map((choice) => (
          <Form.Item key={choice.name} name={choice.name as string}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              aria-label={choice.label}
              style={{ minWidth: choice.width }}
              onChange={() => form.submit()}
              options={[
                {
                  value: '',
                  label: t('common.labelled', { label: choice.label, value: t('common.all') }),
                },
                ...choice.options,
              ]}
            />
          </Form.Item>
        ))}
        <Form.Item>
          <Button onClick={reset}>{t('common.reset')}</Button>
        </Form.Item>
      </Form>
    </Card>
  );
}
