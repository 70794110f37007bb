import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { call, token } from '../support/api';
import { enterpriseUscc, socialGroupUscc } from '../support/registration';
import type { Hints } from './arbitraries';

/*
 * What the fuzz suite's valid requests need to reach 2xx answers: real records made through the
 * API (a registered chamber with a member, a donation, an assessment cycle with an assignment, a
 * liaison with a visit and its issue, an annual report) and tokens of each role over them.
 *
 * The database is shared with every other test file of the run, so all of it lives where no other
 * test looks: in 青岛市 (370200, 市南区 370202) and in 1991, and the hints keep generated values
 * there too (a donation the suite's requests make changes no total another test reads).
 */

export const REGION = '370200';
export const COUNTY = '370202';
export const YEAR = 1991;
export const DAY = '1991-03-15';

export interface Fixtures {
  tokens: { role: string; token: string }[];
  /** Values for a path parameter, by `<segment before it>.<name>` or by name. */
  pathValues: Record<string, readonly string[]>;
  /** Values for a query, header or body property, by name. */
  hints: Hints;
}

const ok = <T>(answer: { status: number; body: T }, status: number): T => {
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  return answer.body;
};

export async function makeFixtures(): Promise<Fixtures> {
  const suffix = randomUUID().slice(0, 8);
  const leaderId = `fuzz-leader-${suffix}`;
  const assessorId = `fuzz-assessor-${suffix}`;
  const admin = await token({ role: 'fic-admin', regionCode: REGION, sub: `fuzz-admin-${suffix}` });
  const as = { token: admin };

  const chamber = ok(
    await call<{ id: string }>('POST', '/v1/chambers', {
      ...as,
      // Keyed: a create retried under load is answered, not refused as a duplicate.
      headers: { 'idempotency-key': `fuzz-chamber-${suffix}` },
      body: {
        name: `青岛模糊测试商会${suffix}`,
        kind: 'industry',
        regionCode: COUNTY,
        relationship: 'supervised',
        partyOrganisation: 'branch',
      },
    }),
    201,
  );
  const chamberPath = `/v1/chambers/${chamber.id}`;
  ok(await call('POST', `${chamberPath}/status`, { ...as, body: { action: 'approve' } }), 200);
  const uscc = socialGroupUscc(COUNTY);
  ok(
    await call('POST', `${chamberPath}/status`, { ...as, body: { action: 'register', uscc } }),
    200,
  );
  const memberUscc = enterpriseUscc(COUNTY);
  ok(
    await call('POST', `${chamberPath}/members`, {
      ...as,
      body: { name: '青岛模糊测试企业有限公司', uscc: memberUscc },
    }),
    201,
  );
  const donation = ok(
    await call<{ id: string }>('POST', '/v1/donations', {
      ...as,
      headers: { 'idempotency-key': `fuzz-${suffix}` },
      body: {
        chamberId: chamber.id,
        donor: { name: '青岛模糊测试企业有限公司', uscc: memberUscc },
        campaign: 'epidemic-relief',
        form: 'money',
        amountFen: 100,
        occurredOn: DAY,
      },
    }),
    201,
  );
  const cycle = ok(
    await call<{ id: string }>('POST', '/v1/assessment-cycles', {
      ...as,
      headers: { 'idempotency-key': `fuzz-cycle-${suffix}` },
      body: { year: YEAR, rubricId: 'four-good-2020', regionCode: REGION },
    }),
    201,
  );
  ok(
    await call('POST', `/v1/assessment-cycles/${cycle.id}/assignments`, {
      ...as,
      body: { chamberId: chamber.id, assessorId },
    }),
    201,
  );
  ok(
    await call('PUT', `${chamberPath}/liaisons/${leaderId}`, { ...as, body: { name: '王副主席' } }),
    200,
  );
  const visit = ok(
    await call<{ id: string; issues: { id: string }[] }>('POST', `${chamberPath}/visits`, {
      ...as,
      headers: { 'idempotency-key': `fuzz-visit-${suffix}` },
      body: {
        leaderId,
        visitedOn: DAY,
        mode: 'on-site',
        topics: ['融资难'],
        issues: [{ summary: '会员企业贷款难' }],
      },
    }),
    201,
  );
  ok(
    await call('PUT', `${chamberPath}/annual-reports/${YEAR}`, {
      ...as,
      body: {
        members: { firms: 1, individuals: 0 },
        incomeFen: 0,
        expenseFen: 0,
        netAssetsFen: 0,
        activitiesHeld: 1,
        donationsReceivedFen: 0,
        partyBuilding: { partyMembers: 3 },
        workSummary: '年度工作总结',
      },
    }),
    200,
  );
  ok(
    await call('POST', `${chamberPath}/activities`, {
      ...as,
      headers: { 'idempotency-key': `fuzz-activity-${suffix}` },
      body: { kind: 'study-session', heldOn: DAY },
    }),
    201,
  );

  const tokens = [
    { role: 'fic-admin', token: admin },
    {
      role: 'chamber-officer',
      token: await token({
        role: 'chamber-officer',
        chamberId: chamber.id,
        sub: `fuzz-officer-${suffix}`,
      }),
    },
    { role: 'assessor', token: await token({ role: 'assessor', regionCode: '', sub: assessorId }) },
    { role: 'liaison', token: await token({ role: 'liaison', regionCode: REGION, sub: leaderId }) },
  ];
  const issueId = visit.issues[0]?.id ?? 'none';
  return {
    tokens,
    pathValues: {
      'chambers.id': [chamber.id],
      'donations.id': [donation.id],
      'entries.chamberId': [chamber.id],
      'assessment-cycles.cycleId': [cycle.id],
      'reviews.assessorId': [assessorId],
      'assessors.assessorId': [assessorId],
      'liaisons.leaderId': [leaderId],
      'visits.visitId': [visit.id],
      'issues.issueId': [issueId],
      'annual-reports.year': [String(YEAR)],
      'ratings.year': [String(YEAR)],
      'rubrics.rubricId': ['four-good-2020', 'four-good-2017'],
    },
    hints: {
      chamberId: [chamber.id],
      cycleId: [cycle.id],
      assessorId: [assessorId],
      leaderId: [leaderId],
      rubricId: ['four-good-2020'],
      regionCode: [REGION, COUNTY],
      hometownRegionCode: ['330300'],
      recipientRegionCode: ['500236'],
      villageCode: ['371625102221'],
      uscc: [socialGroupUscc(COUNTY), enterpriseUscc(COUNTY), uscc],
      year: [YEAR],
      occurredOn: [DAY],
      visitedOn: [DAY],
      heldOn: [DAY],
      foundedOn: [DAY],
      // The versions records the suite changes are likely at.
      'if-match': ['1', '2', '3', '4'],
    },
  };
}
