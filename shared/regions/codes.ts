// GB/T 2260 region codes, judged by format alone so this module needs no data.
// 6 digits: province (xx0000), prefecture city (xxxx00) or county; 9: township; 12: village.
// The data has three prefecture cities without counties (东莞 441900, 中山 442000, 儋州 460400)
// whose townships hang directly off the city code: their format level is 'city', yet they are
// also the county-level parent of those townships.

export type RegionLevel = 'province' | 'city' | 'county' | 'township' | 'village';

export function regionLevel(code: string): RegionLevel | null {
  if (/^\d{6}$/.test(code)) {
    if (code.endsWith('0000')) return 'province';
    return code.endsWith('00') ? 'city' : 'county';
  }
  if (/^\d{9}$/.test(code)) return 'township';
  if (/^\d{12}$/.test(code)) return 'village';
  return null;
}

/** The digits every code inside the region starts with: 370000→37, 371600→3716, else itself. */
export function regionPrefix(code: string): string | null {
  switch (regionLevel(code)) {
    case 'province':
      return code.slice(0, 2);
    case 'city':
      return code.slice(0, 4);
    case null:
      return null;
    default:
      return code;
  }
}

/** Whether `code` is `scope` itself or lies inside it. */
export function covers(scope: string, code: string): boolean {
  const prefix = regionPrefix(scope);
  return prefix !== null && regionLevel(code) !== null && code.startsWith(prefix);
}

/** The 6-digit county-level code of a county, township or village (for 东莞 and the like,
 * the city code). */
export function countyOf(code: string): string | null {
  const level = regionLevel(code);
  return level === 'county' || level === 'township' || level === 'village'
    ? code.slice(0, 6)
    : null;
}

export function parentOf(code: string): string | null {
  switch (regionLevel(code)) {
    case 'village':
      return code.slice(0, 9);
    case 'township':
      return code.slice(0, 6);
    case 'county':
      return `${code.slice(0, 4)}00`;
    case 'city':
      return `${code.slice(0, 2)}0000`;
    default:
      return null;
  }
}
