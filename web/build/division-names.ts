import type { Plugin } from 'vite';
import { allRegions, configuredJurisdiction, csvRowsUnder } from '../../scripts/divisions.ts';
import { regionPrefix } from '../../shared/regions/codes.ts';

/*
 * The division names the console shows beyond its own jurisdiction's counties and townships
 * (which shared/regions already carries): every province, city and county of China (a
 * non-local chamber's hometown may be anywhere) and the villages of the jurisdiction. About
 * 60 KB gzipped, so the console imports it lazily, as `virtual:division-names`, only on the
 * screens that name such a region.
 */
const ID = 'virtual:division-names';
const RESOLVED = `\0${ID}`;

export function divisionNames(): Plugin {
  return {
    name: 'fic-division-names',
    config: () => ({
      define: { 'import.meta.env.VITE_JURISDICTION': JSON.stringify(configuredJurisdiction()) },
    }),
    resolveId: (id) => (id === ID ? RESOLVED : undefined),
    load(id) {
      if (id !== RESOLVED) return undefined;
      const jurisdiction = configuredJurisdiction();
      const prefix = regionPrefix(jurisdiction) ?? jurisdiction;
      const regions = Object.fromEntries(allRegions());
      const villages = Object.fromEntries(
        csvRowsUnder('villages.csv', prefix).map((row) => [row.code, row.name]),
      );
      return `export default ${JSON.stringify({ regions, villages })};`;
    },
  };
}
