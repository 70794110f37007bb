import { Cascader, Flex } from 'antd';
import { useMemo, useState } from 'react';
import { RegionSelect } from '../../components/RegionSelect';
import { useI18n } from '../../lib/i18n';
import {
  jurisdictionCounties,
  regionsUnder,
  townships,
  useDivisionNames,
  villages,
} from '../../lib/regions';

/*
 * Places a donation names, picked by name: a paired village under the chamber's county (township,
 * then village), or an East–West recipient county anywhere in China (province, city, county).
 */
export function VillagePicker({
  id,
  chamberRegion,
  value,
  onChange = () => undefined,
}: {
  id?: string;
  chamberRegion: string;
  value?: string;
  onChange?: (code: string | undefined) => void;
}) {
  const { t } = useI18n();
  const ready = useDivisionNames();
  // A county's (or township's, village's) chamber pairs in its own county; a city's picks one.
  const ownCounty = chamberRegion.length >= 6 && !chamberRegion.endsWith('00');
  const [county, setCounty] = useState(
    value?.slice(0, 6) ?? (ownCounty ? chamberRegion.slice(0, 6) : undefined),
  );
  const [township, setTownship] = useState(value?.slice(0, 9));
  return (
    <Flex gap={8} wrap>
      {!ownCounty && (
        <RegionSelect
          label={t('ledger.pairCounty')}
          value={county}
          onChange={(code) => {
            setCounty(code);
            setTownship(undefined);
            onChange(undefined);
          }}
          places={jurisdictionCounties()}
        />
      )}
      <RegionSelect
        id={ownCounty ? id : undefined}
        label={t('ledger.pairTownship')}
        disabled={!county}
        value={township}
        onChange={(code) => {
          setTownship(code);
          onChange(undefined);
        }}
        places={county ? townships(county) : []}
      />
      <RegionSelect
        id={ownCounty ? undefined : id}
        label={t('ledger.pairVillage')}
        disabled={!township}
        loading={!ready}
        value={value}
        onChange={onChange}
        places={township && ready ? villages(township) : []}
      />
    </Flex>
  );
}

interface Option {
  value: string;
  label: string;
  children?: Option[];
}

export function RecipientPicker({
  id,
  value,
  onChange,
}: {
  id?: string;
  value?: string[];
  onChange?: (path: string[] | undefined) => void;
}) {
  const { t } = useI18n();
  const ready = useDivisionNames();
  const options = useMemo<Option[]>(() => {
    if (!ready) return [];
    return regionsUnder(null).map((p) => ({
      value: p.code,
      label: p.name,
      children: regionsUnder(p.code).map((c) => ({
        value: c.code,
        label: c.name,
        children: regionsUnder(c.code).map((k) => ({ value: k.code, label: k.name })),
      })),
    }));
  }, [ready]);
  return (
    <Cascader
      id={id}
      aria-label={t('ledger.recipient')}
      placeholder={t('ledger.recipientHint')}
      options={options}
      value={value}
      onChange={(path) => onChange?.(path?.length === 3 ? (path as string[]) : undefined)}
      showSearch={{
        filter: (input, path) => path.some((o) => String(o.label).includes(input)),
      }}
      style={{ width: '100%' }}
    />
  );
}
