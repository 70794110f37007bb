import { useEffect, useState } from 'react';
import names from '#generated/divisions/region-names.json' with { type: 'json' };
import { covers, parentOf, regionLevel } from '#shared/regions/codes';
import { townshipName, townshipsOf } from '#shared/regions/townships';

/*
 * Region codes with their names. The jurisdiction's own counties and townships are small and
 * always here (the same slice the functions bundle); the rest of China's provinces, cities and
 * counties and the jurisdiction's villages load on first use (`virtual:division-names`).
 */
export const JURISDICTION: string = import.meta.env.VITE_JURISDICTION ?? '371600';

const NEAR: Readonly<Record<string, string>> = names;
type Far = { regions: Record<string, string>; villages: Record<string, string> };
let far: Far | undefined;
let loading: Promise<Far> | undefined;

export function loadDivisionNames(): Promise<Far> {
  loading ??= import('virtual:division-names').then((m) => {
    far = m.default;
    return far;
  });
  return loading;
}

/** Loads the far names when a screen needs them; true once they are here. */
export function useDivisionNames(needed = true): boolean {
  const [ready, setReady] = useState(far !== undefined);
  useEffect(() => {
    if (!needed || ready) return;
    let alive = true;
    void loadDivisionNames().then(() => alive && setReady(true));
    return () => {
      alive = false;
    };
  }, [needed, ready]);
  return ready;
}

export function regionName(code: string | null | undefined): string | undefined {
  if (!code) return undefined;
  switch (regionLevel(code)) {
    case 'township':
      return townshipName(code);
    case 'village':
      return far?.villages[code];
    case null:
      return undefined;
    default:
      return Object.hasOwn(NEAR, code) ? NEAR[code] : far?.regions[code];
  }
}

/**
 * How a place is written in a record: a township with its county ("惠民县孙武街道"), a village
 * with its township, a county with its city when outside the jurisdiction; the code itself
 * when no name is known.
 */
export function regionLabel(code: string | null | undefined): string {
  if (!code) return '';
  const name = regionName(code);
  if (!name) return code;
  const level = regionLevel(code);
  const parent = parentOf(code);
  if ((level === 'township' || level === 'village') && parent) {
    return `${regionName(parent) ?? ''}${name}`;
  }
  if (level === 'county' && parent && !covers(JURISDICTION, code)) {
    const city = regionName(parent);
    const province = regionName(`${code.slice(0, 2)}0000`);
    return `${province ?? ''}${city && city !== province ? city : ''}${name}`;
  }
  if (level === 'city' && !covers(JURISDICTION, code) && !covers(code, JURISDICTION)) {
    return `${regionName(`${code.slice(0, 2)}0000`) ?? ''}${name}`;
  }
  return name;
}

export interface Place {
  code: string;
  name: string;
}

/** Counties (and districts) of the jurisdiction, in code order. */
export function jurisdictionCounties(): Place[] {
  return Object.entries(NEAR)
    .filter(([code]) => regionLevel(code) === 'county' && covers(JURISDICTION, code))
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([code, name]) => ({ code, name }));
}

/** The jurisdiction's counties that lie within `scope` (a person's region: the city or one county). */
export function countiesWithin(scope: string): Place[] {
  return jurisdictionCounties().filter((c) => covers(scope, c.code));
}

export function townships(county: string): Place[] {
  return townshipsOf(county);
}

export function villages(township: string): Place[] {
  if (!far) return [];
  return Object.entries(far.villages)
    .filter(([code]) => code.startsWith(township))
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([code, name]) => ({ code, name }));
}

/** Provinces, cities of a province, or counties of a city, from the far names. */
export function regionsUnder(parent: string | null): Place[] {
  if (!far) return [];
  const want =
    parent === null ? 'province' : regionLevel(parent) === 'province' ? 'city' : 'county';
  return Object.entries(far.regions)
    .filter(
      ([code]) => regionLevel(code) === want && (parent === null || parentOf(code) === parent),
    )
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([code, name]) => ({ code, name }));
}
