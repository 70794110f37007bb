import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { adminCovers, officerOf, type Principal, requireRole } from '#shared/auth/principal';
import {
  CAMPAIGNS,
  type LedgerAudit,
  type LedgerEntry,
  type ledgerRoutes,
} from '#shared/contract/ledger';
import type { Chamber } from '#shared/contract/registration';
import { requireEnv } from '#shared/db/client';
import { todayInShanghai } from '#shared/domain/calendar';
import { canonicalHash } from '#shared/domain/canonical-json';
import {
  ALL,
  type Delta,
  donationDelta,
  entryChanges,
  entryHash,
  GENESIS_HASH,
  type Member,
  membersOf,
  readTotal,
  type TotalKey,
  totalKeys,
  verifyChain,
  yearOf,
} from '#shared/domain/ledger';
import {
  BadRequestError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ServiceUnavailableError,
  UnprocessableError,
} from '#shared/http/errors';
import { metrics } from '#shared/http/handler';
import type { Operations, Reply } from '#shared/http/route';
import { headTotalsPrefix } from '#shared/ledger/published';
import { readChamber } from '#shared/registration/published';
import * as store from './store';

type Routes = typeof ledgerRoutes;

const JURISDICTION = requireEnv('JURISDICTION');
/**
 * Appends that lose a race re-read the head and try again, for up to this long (well inside the
 * function's 10 s timeout, so the client gets a 503 to retry rather than a timeout).
 */
const RETRY_BUDGET_MS = 6_000;

/*
 * The ledger's use cases. A write reads what it needs in one request (the chamber, the chain
 * head, the idempotency record), builds the next entry, and appends it in one transaction; a
 * lost race is retried with jittered backoff until it lands, so many writers on one chamber
 * all succeed and none is counted twice.
 */
export const operations: Operations<Routes> = {
  async recordDonation({ body, headers, principal }) {
    requireRole(principal, 'fic-admin', 'chamber-officer');
    if (
      principal.roles.has('chamber-officer') &&
      !principal.roles.has('fic-admin') &&
      !officerOf(principal, body.chamberId)
    ) {
      throw new ForbiddenError('A chamber officer records donations of their own chamber only.');
    }
    if (body.occurredOn > todayInShanghai()) {
      throw BadRequestError.field(['occurredOn'], 'must not be in the future');
    }
    const request = {
      scope: principal.sub,
      key: headers['idempotency-key'],
      hash: requestHash('donation', body),
    };
    const recordedAt = new Date().toISOString();
    const year = yearOf(body.occurredOn);
    const delta = donationDelta(body, 1);
    // Where the chamber was last seen: its totals and members are read with the chamber itself.
    const region = lastSeenRegion.get(body.chamberId);
    const expected = region ? { delta, totals: totalKeys(region, body.campaign, year) } : undefined;
    return appendWithRetry(request, body.chamberId, undefined, expected, (context) => {
      const chamber = visible(principal, body.chamberId, context.chamber);
      return {
        entry: {
          type: 'donation',
          ...body,
          regionCode: chamber.regionCode,
          recordedAt,
          recordedBy: principal.sub,
        },
        delta,
        totals: totalKeys(chamber.regionCode, body.campaign, year),
        year,
      };
    });
  },

  async reverseDonation({ params, body, headers, principal }) {
    requireRole(principal, 'fic-admin', 'chamber-officer');
    const target = parseId(params.id);
    const request = {
      scope: principal.sub,
      key: headers['idempotency-key'],
      hash: requestHash(`reversal ${params.id}`, body),
    };
    const recordedAt = new Date().toISOString();
    return appendWithRetry(request, target.chamberId, target, undefined, (context) => {
      visible(principal, target.chamberId, context.chamber);
      const original = context.original;
      if (!original) throw new NotFoundError(`No donation ${params.id}.`);
      if (original.type !== 'donation')
        throw new ConflictError('A reversal cannot itself be reversed.');
      if (context.reversed) throw new ConflictError(`Donation ${params.id} is already reversed.`);
      const year = yearOf(original.occurredOn);
      return {
        entry: {
          type: 'reversal',
          reverses: original.id,
          reason: body.reason,
          amountFen: -original.amountFen,
          peopleHelped: -original.peopleHelped,
          campaign: original.campaign,
          occurredOn: original.occurredOn,
          regionCode: original.regionCode,
          recordedAt,
          recordedBy: principal.sub,
        },
        delta: donationDelta(original, -1),
        totals: totalKeys(original.regionCode, original.campaign, year),
        year,
      };
    });
  },

  async getDonation({ params, principal }) {
    requireRole(principal, 'fic-admin', 'chamber-officer');
    const { chamberId, seq } = parseId(params.id);
    const [entry, reversed] = await Promise.all([
      store.getEntry(chamberId, seq),
      store.isReversed(chamberId, seq),
    ]);
    if (!entry || !(adminCovers(principal, entry.regionCode) || officerOf(principal, chamberId))) {
      throw new NotFoundError(`No donation ${params.id}.`);
    }
    return { status: 200, body: { ...entry, ...(reversed && { reversed: true }) } };
  },

  async listDonations({ query, principal }) {
    requireRole(principal, 'fic-admin', 'chamber-officer');
    visible(principal, query.chamberId, await readChamber(query.chamberId));
    const filter = { campaign: query.campaign, year: query.year };
    return {
      status: 200,
      body: await store.listEntries(query.chamberId, query.limit, query.cursor, filter),
    };
  },

  async verifyLedger({ params, principal }) {
    requireRole(principal, 'fic-admin');
    visible(principal, params.id, await readChamber(params.id));
    const [head, entries] = await Promise.all([
      store.getHead(params.id),
      collect(store.allEntries(params.id)),
    ]);
    const report = verifyChain(entries, head ? { seq: head.seq, hash: head.hash } : undefined);
    // The head as stored, which anchors the chain (the walk's own end may fall short of it).
    const stored = head ? { headSeq: head.seq, headHash: head.hash } : {};
    return { status: 200, body: { chamberId: params.id, ...report, ...stored } };
  },

  async latestAudit({ principal }) {
    requireRole(principal, 'fic-admin');
    const stored = (await store.getLatestAudit()) as LedgerAudit | undefined;
    if (!stored) {
      const none = { ranAt: null, chambers: 0, entriesRead: 0, itemsRead: 0, sample: null };
      return { status: 200, body: { ...none, findings: [] } satisfies LedgerAudit };
    }
    const body: LedgerAudit = {
      ranAt: stored.ranAt,
      chambers: stored.chambers,
      entriesRead: stored.entriesRead,
      itemsRead: stored.itemsRead,
      sample: stored.sample,
      // Only what lies in the caller's region: a chamber's, or a region's totals within it.
      findings: stored.findings.filter((f) => adminCovers(principal, f.regionCode)),
    };
    return { status: 200, body };
  },

  async donationStats({ query }) {
    const regionCode = query.regionCode ?? JURISDICTION;
    const total = await store.getTotal({
      region: regionCode,
      campaign: query.campaign ?? ALL,
      year: query.year === undefined ? ALL : String(query.year),
    });
    return {
      status: 200,
      body: {
        regionCode,
        campaign: query.campaign ?? null,
        year: query.year ?? null,
        ...readTotal(total),
      },
    };
  },

  async donationStatsByRegion({ query }) {
    const regionCodes = query.regionCodes.split(',');
    const campaign = query.campaign ?? null;
    const year = query.year ?? null;
    const totals = await store.getTotals(
      regionCodes.map((region) => ({
        region,
        campaign: campaign ?? ALL,
        year: year === null ? ALL : String(year),
      })),
    );
    return {
      status: 200,
      body: {
        campaign,
        year,
        items: regionCodes.map((regionCode, i) => ({
          regionCode,
          campaign,
          year,
          ...readTotal(totals[i]),
        })),
      },
    };
  },

  async donationStatsByCampaign({ query }) {
    const regionCode = query.regionCode ?? JURISDICTION;
    const year = query.year === undefined ? ALL : String(query.year);
    const campaigns = [...CAMPAIGNS, null];
    const totals = await store.getTotals(
      campaigns.map((campaign) => ({ region: regionCode, campaign: campaign ?? ALL, year })),
    );
    return {
      status: 200,
      body: {
        regionCode,
        year: query.year ?? null,
        items: campaigns.map((campaign, i) => ({
          regionCode,
          campaign,
          year: query.year ?? null,
          ...readTotal(totals[i]),
        })),
      },
    };
  },
};

interface Planned {
  entry: Omit<LedgerEntry, 'id' | 'chamberId' | 'seq' | 'prevHash' | 'hash'> &
    Record<string, unknown>;
  delta: Delta;
  totals: TotalKey[];
  year: number;
}

/** Each chamber's region as last read (a chamber rarely moves); bounded, as a warm function lives long. */
const lastSeenRegion = new Map<string, string>();
const LAST_SEEN_LIMIT = 50_000;

/**
 * Read, plan, append; on a lost race, again. An answer already stored under the idempotency key
 * is returned as it was (same body) or refused (another body: 422), and nothing is written.
 *
 * The entry's members are read in the same request as the chamber and its head when their keys
 * are known beforehand: `expected` (a donation to a chamber seen before), or the previous
 * attempt's. Otherwise (a chamber not seen yet, a reversal's first attempt, a chamber that
 * moved) they are read right after. Its totals are read only once one was found to hold an old
 * shape's counter for the entry's values (store.Counts). Every write is conditional on what was
 * read or assumed.
 */
async function appendWithRetry(
  request: { scope: string; key: string; hash: string },
  chamberId: string,
  original: { chamberId: string; seq: number } | undefined,
  expected: { delta: Delta; totals: TotalKey[] } | undefined,
  plan: (context: store.AppendContext) => Planned,
): Promise<Reply> {
  const deadline = Date.now() + RETRY_BUDGET_MS;
  let keys: { totals: TotalKey[]; members: Member[] } | undefined = expected && {
    totals: [],
    members: membersOf(expected.delta, expected.totals),
  };
  let lastTry = 0;
  let oldCounters = false;
  for (let attempt = 0; attempt === 0 || Date.now() < deadline; attempt += 1) {
    if (attempt > 0) await backoff(attempt, lastTry);
    const started = Date.now();
    const context = await store.readContext(chamberId, request.scope, request.key, original, keys);
    if (context.answer) return replay(context.answer, request.hash);
    if (context.chamber) remember(chamberId, context.chamber.regionCode);
    const planned = plan(context);
    const members = membersOf(planned.delta, planned.totals);
    // Totals are read only once one was found to hold an old counter (store.Counts).
    const totals = oldCounters ? planned.totals : [];
    await store.readCounts(context.counts, totals, members);
    // What the next try (after a lost race) reads together with the chamber.
    keys = { totals, members };
    const seq = (context.head?.seq ?? 0) + 1;
    const { type, ...fields } = planned.entry;
    const unsealed = {
      id: `${chamberId}.${seq}`,
      type,
      chamberId,
      seq,
      ...fields,
      prevHash: context.head?.hash ?? GENESIS_HASH,
    };
    const entry = { ...unsealed, hash: entryHash(unsealed) } as LedgerEntry;
    const changes = entryChanges(planned.delta, planned.totals, context.counts.countOf);
    if (!changes) {
      // A value leaving that no member counts: an old shape's counter on a total counts it (a
      // reversal of a donation recorded before the members, not yet backfilled), so the totals
      // are read from now on. With them read, counts read while another entry landed (a second
      // reversal of one donation): read again.
      if (!oldCounters) {
        oldCounters = true;
        keys = { totals: planned.totals, members };
      }
      continue;
    }
    const outcome = await store.append({
      entry,
      previousSeq: seq - 1,
      changes,
      sums: planned.delta,
      headTotals: [headTotalsPrefix(planned.year), headTotalsPrefix(ALL)],
      answer: { scope: request.scope, key: request.key, requestHash: request.hash, status: 201 },
      ...(original && { reverses: original }),
      attempt,
    });
    if (outcome === 'appended') {
      metrics.addMetric('LedgerAppends', MetricUnit.Count, 1);
      return { status: 201, body: entry };
    }
    // Lost races and their retries: the ledger's write conflicts (the dashboard's).
    metrics.addMetric('LedgerRetries', MetricUnit.Count, 1);
    lastTry = Date.now() - started;
    if (outcome === 'old-counters') {
      oldCounters = true;
      keys = { totals: planned.totals, members };
    }
    if (outcome === 'already-reversed')
      throw new ConflictError(
        `Donation ${original?.chamberId}.${original?.seq} is already reversed.`,
      );
    // 'answered-elsewhere' and 'lost-race': the next read shows why.
  }
  throw new ServiceUnavailableError(
    'The ledger is busy with other writes to this chamber; retry with the same Idempotency-Key.',
  );
}

function remember(chamberId: string, regionCode: string): void {
  if (lastSeenRegion.size >= LAST_SEEN_LIMIT && !lastSeenRegion.has(chamberId)) {
    lastSeenRegion.clear();
  }
  lastSeenRegion.set(chamberId, regionCode);
}

function replay(answer: store.StoredAnswer, hash: string): Reply {
  if (answer.requestHash !== hash) {
    throw new UnprocessableError('This Idempotency-Key was already used with a different request.');
  }
  return { status: answer.status, body: answer.body, headers: { 'idempotent-replayed': 'true' } };
}

function visible(principal: Principal, chamberId: string, chamber: Chamber | undefined): Chamber {
  if (
    !chamber ||
    !(adminCovers(principal, chamber.regionCode) || officerOf(principal, chamberId))
  ) {
    throw new NotFoundError(`No chamber ${chamberId}.`);
  }
  return chamber;
}

function parseId(id: string): { chamberId: string; seq: number } {
  const dot = id.lastIndexOf('.');
  return { chamberId: id.slice(0, dot), seq: Number(id.slice(dot + 1)) };
}

function requestHash(route: string, body: unknown): string {
  return canonicalHash({ route, body });
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/**
 * Full jitter, growing with each try up to a few times what the last try took (at least 250 ms):
 * writers contending for one chamber spread out over as long as their transactions take, instead
 * of colliding again (a lost transaction costs DynamoDB as much as one that lands).
 */
const backoff = (attempt: number, lastTryMs: number) =>
  new Promise((resolve) =>
    setTimeout(
      resolve,
      Math.random() *
        Math.min(Math.max(250, 4 * lastTryMs), Math.max(5, lastTryMs / 2) * 2 ** attempt),
    ),
  );
