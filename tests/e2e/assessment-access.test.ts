import { beforeAll, describe, expect, it } from 'vitest';
import type { Cycle } from '#shared/contract/assessment';
import type { Chamber } from '#shared/contract/registration';
import { call as rawCall, token } from '../support/api';
import {
  assessor,
  assign,
  cityAdmin,
  createChamber,
  entryPath,
  finalize,
  newAssessorId,
  officerOf,
  ok,
  openCycle,
  results,
  review,
  selfAssess,
  sheet,
  veto,
} from '../support/assessment';
import { call, expectProblem } from '../support/registration';

/*
 * Who may do what in a cycle, and what bad input answers. Officers see and write only their own
 * chamber's self-assessment; assessors only the reviews they are assigned; results go to the FIC
 * and assessors. Something out of scope is 404 (its existence not revealed), a role that may
 * never do it is 403. This file opens one cycle (city 371600) on chambers of its own.
 */

let cycle: Cycle;
let mine: Chamber; // the officer's chamber
let theirs: Chamber; // another chamber in the same cycle
let assessorId: string; // assigned to `mine`
let huiminAdmin: string; // fic-admin of 惠民县: outside the city cycle

beforeAll(async () => {
  [cycle, mine, theirs] = await Promise.all([openCycle(), createChamber(), createChamber()]);
  assessorId = newAssessorId();
  ok(await assign(cycle.id, mine.id, assessorId), 201);
  huiminAdmin = await token({ role: 'fic-admin', regionCode: '371621', sub: 'assessment-huimin' });
});

describe('authorization', () => {
  it('an officer writes and reads only their own chamber’s self-assessment', async () => {
    const officer = await officerOf(mine.id);
    ok(await selfAssess(cycle.id, mine.id, await sheet()));
    expectProblem(await selfAssess(cycle.id, theirs.id, await sheet(), officer), 404);
    expectProblem(
      await call('GET', `${entryPath(cycle.id, theirs.id)}/self-assessment`, { token: officer }),
      404,
    );
    // Nor the reviews, the whole entry, or the results.
    expectProblem(await call('GET', entryPath(cycle.id, mine.id), { token: officer }), 403);
    expectProblem(await results(cycle.id, officer), 403);
    expectProblem(await review(cycle.id, mine.id, assessorId, await sheet(), { as: officer }), 403);
  });

  it('an assessor writes only the review they are assigned, as themselves', async () => {
    const token = await assessor(assessorId);
    // Not assigned to this chamber: as if it did not exist.
    ok(await assign(cycle.id, theirs.id, newAssessorId()), 201);
    expectProblem(await review(cycle.id, theirs.id, assessorId, await sheet()), 404);
    // Someone else's review, even one that exists.
    const other = newAssessorId();
    ok(await assign(cycle.id, mine.id, other), 201);
    expectProblem(await review(cycle.id, mine.id, other, await sheet(), { as: token }), 403);
    // An assessor is not an officer: no self-assessments.
    expectProblem(await selfAssess(cycle.id, mine.id, await sheet(), token), 403);
    ok(await review(cycle.id, mine.id, assessorId, await sheet()));
  });

  it('results go to the FIC over the cycle and to its assessors, no one else', async () => {
    ok(await results(cycle.id));
    ok(await results(cycle.id, await assessor(assessorId)));
    expectProblem(await results(cycle.id, await assessor(newAssessorId('stranger'))), 404);
    const elsewhere = await token({ role: 'assessor', regionCode: '371621', sub: newAssessorId() });
    expectProblem(await results(cycle.id, elsewhere), 404);
    expectProblem(await results(cycle.id, huiminAdmin), 404);
    // An assessor whose region covers the cycle's may read them too.
    const regional = await token({ role: 'assessor', regionCode: '370000', sub: newAssessorId() });
    ok(await results(cycle.id, regional));
  });

  it('only FIC staff over the region open, assign, veto and finalize', async () => {
    const officer = await officerOf(mine.id);
    const token = await assessor(assessorId);
    expectProblem(
      await call('POST', '/v1/assessment-cycles', {
        token: huiminAdmin,
        body: { year: 2023, rubricId: 'four-good-2017', regionCode: '371600' },
      }),
      403,
    );
    expectProblem(
      await call('POST', '/v1/assessment-cycles', {
        token: officer,
        body: { year: 2023, rubricId: 'four-good-2017', regionCode: '371603' },
      }),
      403,
    );
    expectProblem(await assign(cycle.id, mine.id, newAssessorId(), token), 403);
    expectProblem(await assign(cycle.id, mine.id, newAssessorId(), huiminAdmin), 404);
    expectProblem(await veto(cycle.id, mine.id, 'serious-violation', officer), 403);
    expectProblem(await veto(cycle.id, mine.id, 'serious-violation', huiminAdmin), 404);
    expectProblem(await finalize(cycle.id, token), 403);
    expectProblem(await finalize(cycle.id, huiminAdmin), 404);
    expectProblem(
      await call('GET', `/v1/assessment-cycles/${cycle.id}`, { token: huiminAdmin }),
      404,
    );
  });

  it('answers 401 without a token, and 404 for a cycle that does not exist', async () => {
    const answer = await rawCall('GET', `/v1/assessment-cycles/${cycle.id}/results`);
    expect(answer.status).toBe(401);
    expect((await rawCall('GET', '/v1/rubrics')).status).toBe(401);
    expectProblem(await results('no-such-cycle'), 404);
    expectProblem(await selfAssess('no-such-cycle', mine.id, await sheet()), 404);
  });
});

describe('bad input', () => {
  it('refuses points above an indicator’s maximum, naming the score', async () => {
    const scores = await sheet();
    scores[2] = { ...(scores[2] as (typeof scores)[number]), points: 1000 };
    const answer = await review(cycle.id, mine.id, assessorId, scores);
    const problem = expectProblem(answer, 400, ['scores', 2, 'points']);
    expect(problem.errors?.[0]?.message).toMatch(/maxPoints/);
    expectProblem(await selfAssess(cycle.id, mine.id, scores), 400, ['scores', 2, 'points']);
  });

  it('refuses a reviewer’s deduction without a reason, but not a self-assessment’s', async () => {
    const scores = await sheet({ P3: 5 }, { reasons: false });
    const at = scores.findIndex((score) => score.indicatorId === 'P3');
    expectProblem(await review(cycle.id, mine.id, assessorId, scores), 400, [
      'scores',
      at,
      'deductionReason',
    ]);
    const blank = scores.map((score, i) =>
      i === at ? { ...score, deductionReason: '  ' } : score,
    );
    expectProblem(await review(cycle.id, mine.id, assessorId, blank), 400, [
      'scores',
      at,
      'deductionReason',
    ]);
    ok(await selfAssess(cycle.id, mine.id, scores));
  });

  it('refuses sheets that miss, repeat or invent indicators, and negative or odd points', async () => {
    const scores = await sheet();
    expectProblem(await review(cycle.id, mine.id, assessorId, scores.slice(1)), 400, ['scores']);
    expectProblem(
      await review(cycle.id, mine.id, assessorId, [...scores, scores[0] as (typeof scores)[0]]),
      400,
      ['scores', scores.length, 'indicatorId'],
    );
    const invented = [...scores.slice(1), { indicatorId: 'Z9', points: 1 }];
    expectProblem(await review(cycle.id, mine.id, assessorId, invented), 400, [
      'scores',
      scores.length - 1,
      'indicatorId',
    ]);
    const negative = scores.map((s, i) => (i === 0 ? { ...s, points: -1 } : s));
    expectProblem(await review(cycle.id, mine.id, assessorId, negative), 400, [
      'scores',
      0,
      'points',
    ]);
    const hundredths = scores.map((s, i) =>
      i === 0 ? { ...s, points: 10.25, deductionReason: '扣分' } : s,
    );
    expectProblem(await review(cycle.id, mine.id, assessorId, hundredths), 400, [
      'scores',
      0,
      'points',
    ]);
    const unknown = await call('PUT', `${entryPath(cycle.id, mine.id)}/reviews/${assessorId}`, {
      token: await assessor(assessorId),
      body: { scores, comment: 'x' },
    });
    expectProblem(unknown, 400, ['comment']);
  });

  it('refuses the same assignment twice (409) and an unknown veto reason (400)', async () => {
    const again = await assign(cycle.id, mine.id, assessorId);
    expectProblem(again, 409);
    expectProblem(await veto(cycle.id, mine.id, 'bad-mood'), 400, ['reason']);
  });

  it('refuses a cycle on an unknown rubric, in the future, or for a region that does not exist', async () => {
    const admin = await cityAdmin();
    const open = (body: Record<string, unknown>) =>
      call('POST', '/v1/assessment-cycles', {
        token: admin,
        body: { year: 2023, rubricId: 'four-good-2020', regionCode: '371600', ...body },
      });
    expectProblem(await open({ rubricId: 'four-good-1999' }), 400, ['rubricId']);
    expectProblem(await open({ year: new Date().getFullYear() + 2 }), 400, ['year']);
    expectProblem(await open({ regionCode: '371699' }), 400, ['regionCode']);
    expectProblem(await open({ status: 'finalized' }), 400, ['status']);
  });

  it('refuses a forged list cursor with 400, not 500', async () => {
    const forged = Buffer.from(JSON.stringify({ pk: 'CYCLE#x', sk: 'CYCLE' })).toString(
      'base64url',
    );
    const answer = await call(
      'GET',
      `/v1/assessment-cycles/${cycle.id}/assignments?cursor=${forged}`,
      { token: await cityAdmin() },
    );
    expectProblem(answer, 400, ['cursor']);
    expectProblem(await rawCall('GET', '/v1/awards?cursor=bm9wZQ'), 400, ['cursor']);
  });
});

describe('concurrent writers', () => {
  it('many reviewers of one cycle writing at once all land, each counted once', async () => {
    const [own, chamber] = [await openCycle(), await createChamber()];
    const ids = Array.from({ length: 8 }, () => newAssessorId('burst'));
    for (const id of ids) ok(await assign(own.id, chamber.id, id), 201);
    const scores = await sheet({ S1: 10 });
    const answers = await Promise.all(ids.map((id) => review(own.id, chamber.id, id, scores)));
    for (const answer of answers) expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    ok(await finalize(own.id));
    const [item] = ok(await results(own.id)).items;
    expect(item).toMatchObject({ chamberId: chamber.id, reviewers: 8, score: 990, rank: 1 });
  });

  it('concurrent self-assessments without If-Match each replace the version they read', async () => {
    const chamber = await createChamber();
    const officer = await officerOf(chamber.id);
    const answers = await Promise.all(
      [1, 2, 3, 4, 5].map(async (n) =>
        selfAssess(cycle.id, chamber.id, await sheet({ R5: n }, { reasons: false }), officer),
      ),
    );
    const versions = answers.map((answer) => ok(answer).version).sort();
    expect(versions).toEqual([1, 2, 3, 4, 5]);
  });
});
