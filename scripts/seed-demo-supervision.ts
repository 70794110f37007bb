// Supervision and assessment in the Binzhou demo (scripts/seed-demo-supervision-data.ts), loaded
// by `npm run seed:demo` after the programmes, through the public API with the seed's own helpers;
// then both schedules run and the figures are checked. Safe to rerun: visits and activities carry
// fixed Idempotency-Keys, an answered issue is answered again with the same words (the API
// answers the issue as it is), a report is read before it is written or reviewed, the cycle is
// opened under a fixed key and left alone once finalized, an award is made only where none is.
import type { Account } from '#shared/contract/accounts';
import type { AnnualReport, Visit } from '#shared/contract/supervision';
import { todayInShanghai } from '#shared/domain/calendar';
import { addDays, REPLY_DAYS } from '#shared/domain/supervision';
import { CITY } from './seed-demo-data';
import type { SeedTools } from './seed-demo-programmes';
import {
  activitiesOf,
  BRANCHES,
  CYCLE,
  FILERS,
  quality,
  REPORTS,
  reportBody,
  SEVEN_ONES_COMPLETE,
  starsOf,
  VISIT_EVERY_DAYS,
  VISITS,
} from './seed-demo-supervision-data';

type Page<T> = { items: T[]; nextCursor: string | null };
type Rubric = { dimensions: { indicators: { id: string; maxPoints: number }[] }[] };
type Cycle = { id: string; status: string };
type Liaison = { leaderId: string; assignedOn: string };
const pad2 = (n: number) => String(n).padStart(2, '0');

/** Loads it all; answers what the checks need to know. */
export async function seedSupervision(
  tools: SeedTools,
  token: string,
  id: (name: string) => string,
  accounts: Account[],
) {
  const { call, pool } = tools;
  const today = todayInShanghai();
  const lastYear = Number(today.slice(0, 4)) - 1;

  // Visits, dated back from the day each leader was assigned (kept by the API across reruns).
  const anchors = new Map<string, string>();
  const visits = Object.entries(VISITS).flatMap(([name, plans]) =>
    plans.map((plan, i) => ({ name, plan, key: `seed-demo-visit-${id(name)}-${i + 1}` })),
  );
  await pool('liaisons', Object.keys(VISITS), async (name) => {
    const path = `/v1/chambers/${id(name)}/liaisons`;
    const [, page] = await call<Page<Liaison>>('GET', path, { token });
    const liaison = page.items[0];
    if (!liaison) throw new Error(`The demo has no liaison for ${name}.`);
    anchors.set(name, `${liaison.leaderId}|${liaison.assignedOn}`);
  });
  let answered = 0;
  await pool('visits', visits, async ({ name, plan, key }) => {
    const [leaderId, anchor] = (anchors.get(name) as string).split('|') as [string, string];
    const body = {
      leaderId,
      visitedOn: addDays(anchor, -plan.daysBefore),
      mode: plan.mode,
      topics: plan.topics,
      issues: (plan.issues ?? []).map(({ summary }) => ({ summary })),
    };
    const path = `/v1/chambers/${id(name)}/visits`;
    const [, visit] = await call<Visit>('POST', path, { body, key, token });
    for (const [i, issue] of visit.issues.entries()) {
      const reply = plan.issues?.[i]?.reply;
      if (!reply) continue;
      await call('POST', `${path}/${visit.id}/issues/${issue.id}/reply`, {
        body: { reply },
        token,
      });
      answered += 1;
    }
  });

  // Last year's reports: read first, so a rerun neither resubmits nor reviews again.
  const decisions = new Map<string, 'accepted' | 'returned' | null>(
    FILERS.map((name) => [name, 'accepted']),
  );
  for (const name of REPORTS.waiting) decisions.set(name, null);
  decisions.set(REPORTS.returned.name, 'returned');
  for (const name of REPORTS.missing) decisions.delete(name);
  await pool('reports', [...decisions], async ([name, decision]) => {
    const path = `/v1/chambers/${id(name)}/annual-reports/${lastYear}`;
    const [status, found] = await call<AnnualReport>('GET', path, { token, accept: [404] });
    let report = status === 404 ? undefined : found;
    if (!report) {
      const body = reportBody(FILERS.indexOf(name), name);
      [, report] = await call<AnnualReport>('PUT', path, { body, token });
    }
    if (decision && report.status === 'submitted' && !report.review) {
      const note = decision === 'returned' ? REPORTS.returned.note : '材料齐全，予以通过';
      await call('POST', `${path}/review`, { body: { decision, note }, token });
    }
  });

  // The "七个一" and the other activities of the alliance's branches last year, and their stars.
  const held = BRANCHES.flatMap((name, i) =>
    activitiesOf(i).map((kind, k) => ({
      name,
      key: `seed-demo-activity-${lastYear}-${id(name)}-${kind}`,
      body: {
        kind,
        heldOn: `${lastYear}-${pad2(1 + k)}-${pad2(5 + (i % 20))}`,
        participants: 12 + ((i * 7 + k * 3) % 30),
      },
    })),
  );
  await pool('activities', held, async ({ name, key, body }) => {
    await call('POST', `/v1/chambers/${id(name)}/activities`, { body, key, token });
  });
  await pool('stars', BRANCHES, async (name) => {
    const body = { stars: starsOf(BRANCHES.indexOf(name)) };
    await call('PUT', `/v1/chambers/${id(name)}/party-branch/ratings/${lastYear}`, { body, token });
  });

  const cycle = await seedCycle(tools, token, id, accounts);
  console.log(
    `Supervision: ${visits.length} visits by ${Object.keys(VISITS).length} liaisons (${answered} issues answered), ${decisions.size} reports for ${lastYear} (${REPORTS.missing.length} never sent, 1 returned, ${REPORTS.waiting.length} waiting), ${held.length} activities and star ratings of ${BRANCHES.length} Party branches
Assessment: ${CYCLE.title}, ${CYCLE.entries.length} entries, finalized; ${CYCLE.national} national and ${CYCLE.provincial} provincial awards`,
  );
  return { lastYear, anchors, cycleId: cycle.id };
}

/** The 2020 cycle: self-assessments, two assessors' reviews, a veto, finalizing, the awards. */
async function seedCycle(
  { call, pool }: SeedTools,
  token: string,
  id: (name: string) => string,
  accounts: Account[],
) {
  const body = { year: CYCLE.year, rubricId: CYCLE.rubricId, regionCode: CITY, title: CYCLE.title };
  const [, cycle] = await call<Cycle>('POST', '/v1/assessment-cycles', {
    body,
    key: CYCLE.key,
    token,
  });
  const base = `/v1/assessment-cycles/${cycle.id}`;
  if (cycle.status === 'open') {
    const [, rubric] = await call<Rubric>('GET', `/v1/rubrics/${CYCLE.rubricId}`, { token });
    const indicators = rubric.dimensions.flatMap((d) => d.indicators);
    const tenths = (max: number, q: number) => Math.round(max * q * 10) / 10;
    const assessors = accounts.filter((a) => a.role === 'assessor');
    const tokens = await Promise.all(
      assessors.map(
        async (a) =>
          (await call<{ token: string }>('GET', `/_local/token?account=${a.id}`))[1].token,
      ),
    );
    await pool('assessment', CYCLE.entries, async (name) => {
      const i = CYCLE.entries.indexOf(name);
      const entry = `${base}/entries/${id(name)}`;
      const self = indicators.map((ind) => ({
        indicatorId: ind.id,
        points: tenths(ind.maxPoints, Math.min(1, quality(i, 0) + 0.01)),
      }));
      await call('PUT', `${entry}/self-assessment`, { body: { scores: self }, token });
      for (const [r, assessor] of assessors.entries()) {
        const pair = { chamberId: id(name), assessorId: assessor.id };
        await call('POST', `${base}/assignments`, { body: pair, token, accept: [409] });
        const scores = indicators.map((ind) => {
          const points = tenths(ind.maxPoints, quality(i, r));
          return points < ind.maxPoints
            ? { indicatorId: ind.id, points, deductionReason: '佐证材料不够完整，酌情扣分' }
            : { indicatorId: ind.id, points };
        });
        await call('PUT', `${entry}/reviews/${assessor.id}`, {
          body: { scores },
          token: tokens[r],
        });
      }
    });
    const { name, ...veto } = CYCLE.veto;
    await call('POST', `${base}/entries/${id(name)}/vetoes`, { body: veto, token, accept: [409] });
    await call('POST', `${base}/finalize`, { token, accept: [409] });
  }
  const [, results] = await call<{ items: { chamberId: string; rank: number | null }[] }>(
    'GET',
    `${base}/results`,
    { token },
  );
  const ranked = results.items.filter((r) => r.rank !== null);
  const levels = [
    ['national', ranked.slice(0, CYCLE.national)],
    ['province', ranked.slice(CYCLE.national, CYCLE.national + CYCLE.provincial)],
  ] as const;
  for (const [level, winners] of levels) {
    const query = `level=${level}&year=${CYCLE.year}&regionCode=${CITY}&limit=100`;
    const [, awards] = await call<Page<{ chamberId: string }>>('GET', `/v1/awards?${query}`);
    const have = new Set(awards.items.map((a) => a.chamberId));
    for (const winner of winners) {
      if (have.has(winner.chamberId)) continue;
      const award = { chamberId: winner.chamberId, level, year: CYCLE.year, cycleId: cycle.id };
      await call('POST', '/v1/awards', { body: award, token });
    }
  }
  return cycle;
}

/** Runs both schedules (a local runtime's /_local/schedules; elsewhere they run on their own). */
export async function runSchedules({ call }: SeedTools) {
  for (const name of ['supervision-overdue', 'rankings']) {
    const [status] = await call('POST', `/_local/schedules/${name}`, { accept: [404] });
    if (status === 404)
      console.log(`(no /_local/schedules here: ${name} runs on its own schedule)`);
  }
}

/** Checks the supervision and assessment figures; prints them and answers how many differ. */
export async function reportSupervision(
  { call, pool }: SeedTools,
  token: string,
  id: (name: string) => string,
  seeded: Awaited<ReturnType<typeof seedSupervision>>,
): Promise<number> {
  const { lastYear, anchors } = seeded;
  const [, overdue] = await call<Page<unknown> & { asOf: string | null }>(
    'GET',
    `/v1/visits/overdue?regionCode=${CITY}&limit=100`,
    { token },
  );
  const [, late] = await call<Page<unknown>>(
    'GET',
    `/v1/visits/late-issues?regionCode=${CITY}&limit=100`,
    { token },
  );
  // What the plan says for the day the schedule ran.
  const asOf = overdue.asOf ?? todayInShanghai();
  let wantOverdue = 0;
  let wantLate = 0;
  let wantAnsweredLate = 0;
  for (const [name, plans] of Object.entries(VISITS)) {
    const anchor = (anchors.get(name) as string).split('|')[1] as string;
    const last = Math.min(...plans.map((p) => p.daysBefore));
    if (addDays(anchor, VISIT_EVERY_DAYS - last) < asOf) wantOverdue += 1;
    for (const plan of plans) {
      const due = addDays(anchor, REPLY_DAYS - plan.daysBefore);
      for (const issue of plan.issues ?? []) {
        if (!issue.reply && due < asOf) wantLate += 1;
        if (issue.reply && plan.daysBefore > REPLY_DAYS) wantAnsweredLate += 1;
      }
    }
  }
  let answeredLate = 0;
  await pool('visits read', Object.keys(VISITS), async (name) => {
    const path = `/v1/chambers/${id(name)}/visits?limit=100`;
    const [, page] = await call<Page<Visit>>('GET', path, { token });
    for (const issue of page.items.flatMap((v) => v.issues)) {
      if (issue.answeredAt && todayOf(issue.answeredAt) > issue.replyDueOn) answeredLate += 1;
    }
  });
  const missing = await pages<{ reportStatus: string | null }>(
    call,
    `/v1/annual-reports/missing?regionCode=${CITY}&year=${lastYear}`,
    token,
  );
  const progress = await pages<{ sevenOnesComplete: boolean }>(
    call,
    `/v1/activities/progress?regionCode=${CITY}&year=${lastYear}`,
    token,
  );
  let rated = 0;
  let fiveStars = 0;
  await pool('stars read', BRANCHES, async (name) => {
    const path = `/v1/chambers/${id(name)}/party-branch/ratings`;
    const [, page] = await call<Page<{ year: number; stars: number }>>('GET', path, { token });
    const rating = page.items.find((r) => r.year === lastYear);
    if (rating) rated += 1;
    if (rating?.stars === 5) fiveStars += 1;
  });
  const awards = async (level: string) =>
    (
      await call<Page<unknown>>(
        'GET',
        `/v1/awards?level=${level}&year=${CYCLE.year}&regionCode=${CITY}&limit=100`,
      )
    )[1].items.length;
  const [, results] = await call<{ items: { rank: number | null }[] }>(
    'GET',
    `/v1/assessment-cycles/${seeded.cycleId}/results`,
    { token },
  );
  console.log(
    `\nGET /v1/visits/overdue, /v1/visits/late-issues (as of ${asOf}), /v1/annual-reports/missing?year=${lastYear}, /v1/activities/progress?year=${lastYear}, /v1/awards?year=${CYCLE.year}`,
  );
  const checks: [string, number, number][] = [
    ['liaisons overdue for a visit', overdue.items.length, wantOverdue],
    ['issues past their 15 days, unanswered', late.items.length, wantLate],
    ['issues answered after their 15 days', answeredLate, wantAnsweredLate],
    [`chambers missing their ${lastYear} report`, missing.length, REPORTS.missing.length + 1],
    ['… of them returned', missing.filter((m) => m.reportStatus === 'returned').length, 1],
    [
      `chambers with all "七个一" in ${lastYear}`,
      progress.filter((p) => p.sevenOnesComplete).length,
      SEVEN_ONES_COMPLETE,
    ],
    [`Party branches rated for ${lastYear}`, rated, BRANCHES.length],
    ['… five-star', fiveStars, BRANCHES.filter((_, i) => starsOf(i) === 5).length],
    [
      `${CYCLE.year} cycle entries ranked`,
      results.items.filter((r) => r.rank).length,
      CYCLE.entries.length - 1,
    ],
    ['national Four-Good chambers', await awards('national'), CYCLE.national],
    ['provincial Four-Good chambers', await awards('province'), CYCLE.provincial],
  ];
  console.log('\nSupervision and the Four-Good assessment:');
  for (const [label, got, want] of checks) {
    const verdict = got === want ? '✓' : `✗ (the demo: ${want})`;
    console.log(`  ${String(got).padStart(14)}  ${label} ${verdict}`);
  }
  return checks.filter(([, got, want]) => got !== want).length;
}

const todayOf = (instant: string) => todayInShanghai(new Date(instant));

async function pages<T>(call: SeedTools['call'], path: string, token: string): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const after: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const [, page]: [number, Page<T>] = await call('GET', `${path}&limit=100${after}`, { token });
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}
