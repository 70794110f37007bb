import { describe, expect, it } from 'vitest';
import {
  activityBody,
  annualReportBody,
  liaisonBody,
  reviewBody,
  visitBody,
} from '#shared/contract/supervision';

/*
 * The supervision request schemas as the contract states them: what they accept, the defaults
 * they fill in, and the field a refusal names.
 */

const pathsOf = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  result.success ? [] : (result.error?.issues.map((issue) => issue.path) ?? []);

const report = {
  members: { firms: 120, individuals: 8 },
  incomeFen: 52_000_000,
  expenseFen: 48_000_000,
  netAssetsFen: 4_000_000,
  activitiesHeld: 12,
  donationsReceivedFen: 1_000_000,
  partyBuilding: { partyMembers: 15, summary: '党支部按期换届' },
  workSummary: '全年组织会员企业开展招商推介和公益活动。',
};

describe('liaisonBody', () => {
  it('defaults the interval to 90 days', () => {
    expect(liaisonBody.parse({ name: '王副主席' })).toEqual({
      name: '王副主席',
      visitEveryDays: 90,
    });
  });

  it.each([1, 30, 366])('accepts an interval of %i days', (days) => {
    expect(liaisonBody.safeParse({ name: '王', visitEveryDays: days }).success).toBe(true);
  });

  it.each([0, 367, 1.5, '30'])('refuses an interval of %j at ["visitEveryDays"]', (days) => {
    expect(pathsOf(liaisonBody.safeParse({ name: '王', visitEveryDays: days }))).toContainEqual([
      'visitEveryDays',
    ]);
  });

  it('refuses unknown fields and a blank name', () => {
    expect(pathsOf(liaisonBody.safeParse({ name: '  ' }))).toContainEqual(['name']);
    expect(liaisonBody.safeParse({ name: '王', phone: '1' }).success).toBe(false);
  });
});

describe('visitBody', () => {
  const visit = {
    leaderId: 'leader-1',
    visitedOn: '2024-02-29',
    mode: 'on-site',
    topics: ['招商'],
  };

  it('takes a visit with no issues', () => {
    expect(visitBody.parse(visit).issues).toEqual([]);
  });

  it('names the bad field', () => {
    expect(pathsOf(visitBody.safeParse({ ...visit, mode: 'letter' }))).toContainEqual(['mode']);
    expect(pathsOf(visitBody.safeParse({ ...visit, visitedOn: '2023-02-29' }))).toContainEqual([
      'visitedOn',
    ]);
    expect(pathsOf(visitBody.safeParse({ ...visit, topics: [] }))).toContainEqual(['topics']);
    expect(pathsOf(visitBody.safeParse({ ...visit, issues: [{ summary: '' }] }))).toContainEqual([
      'issues',
      0,
      'summary',
    ]);
  });
});

describe('annualReportBody', () => {
  it('takes a complete report, negative net assets included', () => {
    expect(annualReportBody.safeParse(report).success).toBe(true);
    expect(annualReportBody.safeParse({ ...report, netAssetsFen: -250_000 }).success).toBe(true);
  });

  it('takes money only as whole, non-negative fen (net assets aside)', () => {
    expect(pathsOf(annualReportBody.safeParse({ ...report, incomeFen: 10.5 }))).toContainEqual([
      'incomeFen',
    ]);
    expect(pathsOf(annualReportBody.safeParse({ ...report, expenseFen: -1 }))).toContainEqual([
      'expenseFen',
    ]);
    expect(
      pathsOf(annualReportBody.safeParse({ ...report, donationsReceivedFen: '100' })),
    ).toContainEqual(['donationsReceivedFen']);
  });

  it('needs the member counts and the work summary', () => {
    const { workSummary: _w, ...noSummary } = report;
    expect(pathsOf(annualReportBody.safeParse(noSummary))).toContainEqual(['workSummary']);
    expect(
      pathsOf(annualReportBody.safeParse({ ...report, members: { firms: 1 } })),
    ).toContainEqual(['members', 'individuals']);
  });
});

describe('reviewBody and activityBody', () => {
  it('decides accepted or returned only', () => {
    expect(reviewBody.safeParse({ decision: 'accepted' }).success).toBe(true);
    expect(reviewBody.safeParse({ decision: 'returned', note: '补充财务报表' }).success).toBe(true);
    expect(pathsOf(reviewBody.safeParse({ decision: 'approved' }))).toContainEqual(['decision']);
  });

  it('knows the activity kinds of the contract', () => {
    for (const kind of ['three-shows-three-comparisons', 'education-trip', 'mentoring', 'other']) {
      expect(activityBody.safeParse({ kind, heldOn: '2024-07-01' }).success).toBe(true);
    }
    expect(
      pathsOf(activityBody.safeParse({ kind: 'banquet', heldOn: '2024-07-01' })),
    ).toContainEqual(['kind']);
  });
});
