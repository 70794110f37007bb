import { Select } from 'antd';
import type { Place } from '../lib/regions';

/**
 * One level of a region picked by name (a county, a township, a village…), searchable as the
 * person types: the pickers of the registry and the ledger chain these, each level's places
 * under the level above. Named by `label` (also its placeholder unless one is given).
 */
export function RegionSelect({
  id,
  label,
  placeholder = label,
  places,
  value,
  onChange,
  disabled,
  loading,
  allowClear,
}: {
  id?: string;
  label: string;
  placeholder?: string;
  places: Place[];
  value?: string | null;
  onChange: (code: string | undefined) => void;
  disabled?: boolean;
  loading?: boolean;
  allowClear?: boolean;
}) {
  return (
    <Select
      id={id}
      aria-label={label}
      placeholder={placeholder}
      disabled={disabled}
      loading={loading}
      allowClear={allowClear}
      value={value ?? undefined}
      onChange={(code: string | undefined) => onChange(code)}
      options={places.map((place) => ({ value: place.code, label: place.name }))}
      showSearch={{ optionFilterProp: 'label' }}
      style={{ minWidth: 180, flex: '1 1 180px' }}
    />
  );
}
