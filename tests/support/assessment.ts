import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { Cycle, Review, Rubric, SelfAssessment } from '#shared/contract/assessment';
import type { Chamber } from '#shared/contract/registration';
import type { EntryResult } from '#shared/domain/assessment';
import { token } from './api';
import { call } from './registration';

/*
 * Helpers for the assessment's tests over HTTP: tokens for each role, chambers to assess, cycles,
 * and full score sheets. The database is shared by every test file of a run, so each test opens
 * its own cycle and makes its own chambers (in 沾化区, 371603), and asserts only about those.
 */

export const CITY = '371600';
export const ZHANHUA = '371603';

const memo = new Map<string, Promise<string>>();
function cached(key: string, make: () => Promise<string>): Promise<string> {
  let found = memo.get(key);
  if (!found) {
    found = make();
    memo.set(key, found);
  }
  return found;
}

/** A fic-admin of 滨州市, with a sub of its own. */
export const cityAdmin = () =>
  cached('city', () => token({ role: 'fic-admin', regionCode: CITY, sub: 'assessment-admin' }));
export const officerOf = (chamberId: string) =>
  cached(`officer ${chamberId}`, () =>
    token({ role: 'chamber-officer', chamberId, sub: `officer-${chamberId}` }),
  );
/** An assessor with no region of their own: what they may see comes from their assignments. */
export const assessor = (sub: string) =>
  cached(`assessor ${sub}`, () => token({ role: 'assessor', sub, regionCode: '' }));

/** A fresh assessor id (the `sub` their token carries). */
export const newAssessorId = (label = 'assessor') => `${label}-${randomUUID().slice(0, 8)}`;

let serial = 0;
export async function createChamber(fields: Record<string, unknown> = {}): Promise<Chamber> {
  const answer = await call<Chamber>('POST', '/v1/chambers', {
    token: await cityAdmin(),
    body: {
      name: `四好测试商会${Date.now().toString(36)}-${++serial}`,
      kind: 'industry',
      regionCode: ZHANHUA,
      relationship: 'supervised',
      partyOrganisation: 'branch',
      ...fields,
    },
  });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body;
}

export async function openCycle(fields: Record<string, unknown> = {}, as?: string): Promise<Cycle> {
  const answer = await call<Cycle>('POST', '/v1/assessment-cycles', {
    token: as ?? (await cityAdmin()),
    body: { year: 2023, rubricId: 'four-good-2020', regionCode: CITY, ...fields },
  });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body;
}

const rubrics = new Map<string, Promise<Rubric>>();
export function rubric(id = 'four-good-2020'): Promise<Rubric> {
  let found = rubrics.get(id);
  if (!found) {
    found = (async () => {
      const answer = await call<Rubric>('GET', `/v1/rubrics/${id}`, { token: await cityAdmin() });
      expect(answer.status).toBe(200);
      return answer.body;
    })();
    rubrics.set(id, found);
  }
  return found;
}

export interface SheetScore {
  indicatorId: string;
  points: number;
  deductionReason?: string;
  note?: string;
}

/**
 * A score for every indicator: full marks, less `deductions` (by indicator id) each with a
 * reason when `reasons`.
 */
export async function sheet(
  deductions: Record<string, number> = {},
  options: { reasons?: boolean; rubricId?: string } = {},
): Promise<SheetScore[]> {
  const { dimensions } = await rubric(options.rubricId);
  return dimensions.flatMap((dimension) =>
    dimension.indicators.map((indicator) => {
      const less = deductions[indicator.id] ?? 0;
      const score: SheetScore = { indicatorId: indicator.id, points: indicator.maxPoints - less };
      if (less > 0 && options.reasons !== false) score.deductionReason = `扣${less}分：材料不全`;
      return score;
    }),
  );
}

export const entryPath = (cycleId: string, chamberId: string) =>
  `/v1/assessment-cycles/${cycleId}/entries/${chamberId}`;

export async function selfAssess(
  cycleId: string,
  chamberId: string,
  scores: SheetScore[],
  as?: string,
) {
  return call<SelfAssessment>('PUT', `${entryPath(cycleId, chamberId)}/self-assessment`, {
    token: as ?? (await officerOf(chamberId)),
    body: { scores },
  });
}

export async function assign(cycleId: string, chamberId: string, assessorId: string, as?: string) {
  return call<Review>('POST', `/v1/assessment-cycles/${cycleId}/assignments`, {
    token: as ?? (await cityAdmin()),
    body: { chamberId, assessorId },
  });
}

export async function review(
  cycleId: string,
  chamberId: string,
  assessorId: string,
  scores: SheetScore[],
  options: { as?: string; ifMatch?: string } = {},
) {
  return call<Review>('PUT', `${entryPath(cycleId, chamberId)}/reviews/${assessorId}`, {
    token: options.as ?? (await assessor(assessorId)),
    body: { scores },
    headers: options.ifMatch === undefined ? {} : { 'if-match': options.ifMatch },
  });
}

export async function veto(cycleId: string, chamberId: string, reason: string, as?: string) {
  return call('POST', `${entryPath(cycleId, chamberId)}/vetoes`, {
    token: as ?? (await cityAdmin()),
    body: { reason },
  });
}

export async function finalize(cycleId: string, as?: string) {
  return call<Cycle>('POST', `/v1/assessment-cycles/${cycleId}/finalize`, {
    token: as ?? (await cityAdmin()),
  });
}

/** One line of a cycle's results, as the results route answers it. */
export type ResultItem = EntryResult;
export interface Results {
  cycleId: string;
  status: string;
  finalizedAt: string | null;
  items: ResultItem[];
  nextCursor: null;
}

export async function results(cycleId: string, as?: string) {
  return call<Results>('GET', `/v1/assessment-cycles/${cycleId}/results`, {
    token: as ?? (await cityAdmin()),
  });
}

/** Asserts a 2xx of `status` and answers the body. */
export function ok<T>(answer: { status: number; body: T }, status = 200): T {
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  return answer.body;
}
