// The article's programmes in the Binzhou demo (scripts/seed-demo-data.ts, its last block), loaded
// by `npm run seed:demo` after the base demo, through the public API and with the seed's own
// helpers: the 17 more associations under classified management, Party organisations, features
// and highlights, the 亲商润企·渤海红 alliance with its 28 member branches and their joint
// activity. Safe to rerun: chambers are found by name, a record is changed only where it differs,
// the alliance is found by name (and founded under a fixed Idempotency-Key), a membership PUT is
// the same membership, the joint activity carries a fixed Idempotency-Key.
import type { Alliance } from '#shared/contract/alliances';
import type { Chamber } from '#shared/contract/registration';
import {
  ALLIANCE,
  ALLIANCE_BRANCHES,
  type ChamberSpec,
  CITY,
  CLASSIFIED_ASSOCIATIONS,
  CLASSIFIED_CHAMBERS,
  FEATURES,
  PARTY_ORGANISATIONS,
} from './seed-demo-data';

/** What the seed lends this module: its API call, its progress pool, its chamber steps. */
export interface SeedTools {
  call<T>(
    method: string,
    path: string,
    opts?: {
      body?: unknown;
      key?: string;
      token?: string;
      accept?: number[];
      headers?: Record<string, string>;
    },
  ): Promise<[number, T]>;
  pool<T>(label: string, items: T[], task: (item: T) => Promise<void>): Promise<void>;
  chambersByName(token: string, query?: string): Promise<Map<string, Chamber>>;
  seedChamber(spec: ChamberSpec, found: Map<string, Chamber>, token: string): Promise<void>;
}

type Page<T> = { items: T[]; nextCursor: string | null };

export async function seedProgrammes(tools: SeedTools, token: string) {
  const { call, pool } = tools;
  const found = await tools.chambersByName(token);
  const before = CLASSIFIED_CHAMBERS.filter((c) => found.has(c.body.name)).length;
  await pool('classified', CLASSIFIED_CHAMBERS, (spec) => tools.seedChamber(spec, found, token));
  const id = (name: string) => {
    const chamber = found.get(name);
    if (!chamber) throw new Error(`The demo has no chamber ${name}.`);
    return chamber.id;
  };

  // Party organisations, features and highlights: one PATCH per chamber, only what differs.
  const edits = [...new Set([...Object.keys(PARTY_ORGANISATIONS), ...Object.keys(FEATURES)])];
  let edited = 0;
  await pool('programmes', edits, async (name) => {
    const path = `/v1/chambers/${id(name)}`;
    // A 412 means the record moved since it was read: read it again and judge again.
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const [, chamber] = await call<Chamber>('GET', path, { token });
      const wanted: Partial<Chamber> = { ...FEATURES[name] };
      const party = PARTY_ORGANISATIONS[name];
      if (party && chamber.partyOrganisation === 'none') wanted.partyOrganisation = party;
      const patch = Object.fromEntries(
        Object.entries(wanted).filter(
          ([field, value]) => chamber[field as keyof Chamber] !== value,
        ),
      );
      if (Object.keys(patch).length === 0) return;
      const headers = { 'if-match': String(chamber.version) };
      const [status] = await call('PATCH', path, { body: patch, token, headers, accept: [412] });
      if (status === 200) {
        edited += 1;
        return;
      }
    }
    throw new Error(`PATCH /v1/chambers/${id(name)} keeps meeting other changes (412).`);
  });

  // The alliance: found by name, else founded; its members; their joint activity.
  const [, alliances] = await call<Page<Alliance>>(
    'GET',
    `/v1/alliances?regionCode=${ALLIANCE.regionCode}&limit=100`,
  );
  let alliance = alliances.items.find((a) => a.name === ALLIANCE.name);
  if (!alliance) {
    const { name, regionCode, foundedOn } = ALLIANCE;
    [, alliance] = await call<Alliance>('POST', '/v1/alliances', {
      body: { name, regionCode, foundedOn },
      key: ALLIANCE.key,
      token,
    });
  }
  const allianceId = alliance.id;
  const members = new Set(alliance.members.map((m) => m.chamberId));
  let joined = 0;
  await pool('alliance', [...ALLIANCE.members], async (name) => {
    if (members.has(id(name))) return;
    await call('PUT', `/v1/alliances/${allianceId}/members/${id(name)}`, {
      body: { joinedOn: ALLIANCE.foundedOn },
      token,
    });
    joined += 1;
  });
  const { key, ...activity } = ALLIANCE.jointActivity;
  await call('POST', `/v1/alliances/${allianceId}/activities`, {
    body: { ...activity, participants: ALLIANCE.members.map(id) },
    key,
    token,
  });
  console.log(
    `Programmes: ${CLASSIFIED_CHAMBERS.length} more associations under classified management (${CLASSIFIED_CHAMBERS.length - before} new); ${edited} chambers' Party organisation, feature or highlight written; ${ALLIANCE.name}: ${ALLIANCE.members.length} member branches (${joined} joined now) and their joint activity of ${activity.heldOn}`,
  );
  return { allianceId, id };
}

/** Checks the programmes' figures; prints them and answers how many differ. */
export async function reportProgrammes(
  tools: SeedTools,
  token: string,
  seeded: Awaited<ReturnType<typeof seedProgrammes>>,
): Promise<number> {
  const { call } = tools;
  const classified = [
    ...(await tools.chambersByName(token, `regionCode=${CITY}&relationship=classified`)).values(),
  ];
  const fourParties = classified.filter((c) =>
    (
      [
        'registrationAuthority',
        'supervisionDepartment',
        'industryDepartment',
        'classifyingBody',
      ] as const
    ).every((party) => c.management[party]),
  );
  const [, alliance] = await call<Alliance>('GET', `/v1/alliances/${seeded.allianceId}`);
  // Each member counts the joint activity among its own activities of that year.
  const year = ALLIANCE.jointActivity.heldOn.slice(0, 4);
  let counted = 0;
  await tools.pool('activities', alliance.members, async (member) => {
    const [, summary] = await call<{ counts: Record<string, number> }>(
      'GET',
      `/v1/chambers/${member.chamberId}/activities/summary?year=${year}`,
      { token },
    );
    if ((summary.counts[ALLIANCE.jointActivity.kind] ?? 0) >= 1) counted += 1;
  });
  const featured = await Promise.all(
    Object.entries(FEATURES).map(async ([name, wanted]) => {
      const [, chamber] = await call<Chamber>('GET', `/v1/chambers/${seeded.id(name)}`, { token });
      return (
        chamber.feature === wanted.feature &&
        (wanted.branchHighlight === undefined || chamber.branchHighlight === wanted.branchHighlight)
      );
    }),
  );
  console.log(`\nGET /v1/chambers?relationship=classified, GET /v1/alliances/{id}:
  ${classified.length} associations under the FIC's classified management (归口管理), ${fourParties.length} with all four parties on record
  ${alliance.name}: ${alliance.memberCount} member Party branches, founded ${alliance.foundedOn}`);
  const checks: [string, number, number][] = [
    ['associations under classified management', classified.length, CLASSIFIED_ASSOCIATIONS],
    ['… with their four parties on record', fourParties.length, CLASSIFIED_ASSOCIATIONS],
    [`${ALLIANCE.name} member branches`, alliance.memberCount, ALLIANCE_BRANCHES],
    ['members counting the joint activity', counted, ALLIANCE_BRANCHES],
    [
      'chambers with their feature and highlight',
      featured.filter(Boolean).length,
      Object.keys(FEATURES).length,
    ],
  ];
  console.log('\nThe article’s programmes:');
  for (const [label, got, want] of checks) {
    const verdict = got === want ? '✓' : `✗ (the article: ${want})`;
    console.log(`  ${String(got).padStart(14)}  ${label} ${verdict}`);
  }
  return checks.filter(([, got, want]) => got !== want).length;
}
