import { Flex } from 'antd';
import { useEffect, useState } from 'react';
import type { Chamber } from '#shared/contract/registration';
import { RegionSelect } from '../../components/RegionSelect';
import { useI18n } from '../../lib/i18n';
import {
  JURISDICTION,
  jurisdictionCounties,
  regionLabel,
  regionsUnder,
  townships,
  useDivisionNames,
  villages,
} from '../../lib/regions';

/*
 * Where a chamber is, picked by name: the city or a county for most kinds, then a township for a
 * township chamber, then a village for a village chamber. The value is the region code; until the
 * last level is picked it is empty, and the form says what is missing.
 */
export function RegionPicker({
  id,
  kind,
  value,
  onChange = () => undefined,
  disabled,
}: {
  id?: string;
  kind: Chamber['kind'] | undefined;
  value?: string;
  onChange?: (code: string | undefined) => void;
  disabled?: boolean;
}) {
  const { t } = useI18n();
  const depth = kind === 'township' ? 2 : kind === 'village' ? 3 : 1;
  const needVillages = useDivisionNames(depth === 3);
  const [county, setCounty] = useState(value?.slice(0, 6));
  const [township, setTownship] = useState(
    value && value.length >= 9 ? value.slice(0, 9) : undefined,
  );
  // A value set from outside (a draft restored, a record loaded) moves the pickers with it.
  useEffect(() => {
    if (!value) return;
    setCounty(value.slice(0, 6));
    if (value.length >= 9) setTownship(value.slice(0, 9));
  }, [value]);
  if (depth === 1) {
    return (
      <RegionSelect
        id={id}
        label={t('chamber.region')}
        placeholder={t('apply.pickRegion')}
        disabled={disabled}
        value={value}
        onChange={onChange}
        places={[
          { code: JURISDICTION, name: regionLabel(JURISDICTION) },
          ...jurisdictionCounties(),
        ]}
      />
    );
  }
  return (
    <Flex gap={8} wrap>
      <RegionSelect
        id={id}
        label={t('apply.county')}
        placeholder={t('apply.pickCounty')}
        disabled={disabled}
        value={county}
        onChange={(code) => {
          setCounty(code);
          setTownship(undefined);
          onChange(undefined);
        }}
        places={jurisdictionCounties()}
      />
      <RegionSelect
        label={t('apply.township')}
        placeholder={t('apply.pickTownship')}
        disabled={disabled || !county}
        value={depth === 2 ? value : township}
        onChange={(code) => {
          setTownship(code);
          onChange(depth === 2 ? code : undefined);
        }}
        places={county ? townships(county) : []}
      />
      {depth === 3 && (
        <RegionSelect
          label={t('apply.village')}
          placeholder={t('apply.pickVillage')}
          disabled={disabled || !township}
          loading={!needVillages}
          value={value}
          onChange={onChange}
          places={township && needVillages ? villages(township) : []}
        />
      )}
    </Flex>
  );
}

/** A non-local chamber's home region anywhere in China: province, city, and optionally county. */
export function HometownPicker({
  id,
  value,
  onChange = () => undefined,
}: {
  id?: string;
  value?: string | null;
  onChange?: (code: string | null) => void;
}) {
  const { t } = useI18n();
  const ready = useDivisionNames();
  const [province, setProvince] = useState(value ? `${value.slice(0, 2)}0000` : undefined);
  const [city, setCity] = useState(
    value && !value.endsWith('0000') ? `${value.slice(0, 4)}00` : undefined,
  );
  const county = value && !value.endsWith('00') ? value : undefined;
  return (
    <Flex gap={8} wrap>
      <RegionSelect
        id={id}
        label={t('apply.hometownProvince')}
        loading={!ready}
        value={province}
        onChange={(code) => {
          setProvince(code);
          setCity(undefined);
          onChange(null);
        }}
        places={ready ? regionsUnder(null) : []}
      />
      <RegionSelect
        label={t('apply.hometownCity')}
        disabled={!province}
        value={city}
        onChange={(code) => {
          setCity(code);
          onChange(code ?? null);
        }}
        places={ready && province ? regionsUnder(province) : []}
      />
      <RegionSelect
        label={t('apply.hometownCounty')}
        disabled={!city}
        allowClear
        value={county}
        onChange={(code) => onChange(code ?? city ?? null)}
        places={ready && city ? regionsUnder(city) : []}
      />
    </Flex>
  );
}
