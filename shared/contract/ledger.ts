import * as z from 'zod/mini';
import { defineRoutes } from '#shared/http/route';
import {
  anyRegionCode,
  id,
  idempotencyKey,
  isoDate,
  pageQuery,
  regionCode6,
  regionCodeList,
  text,
  uscc,
  villageCode,
} from './common';

/*
 * The ledger's routes and request schemas: what its function loads. What the routes answer is in
 * ledger.responses.ts, which the function imports only for types.
 */
export type {
  DonationEntry,
  LedgerAudit,
  LedgerEntry,
  ReversalEntry,
  Stats,
} from './ledger.responses';

export const CAMPAIGNS = [
  'village-pairing',
  'east-west',
  'epidemic-relief',
  'disaster-relief',
  'public-welfare',
] as const;
export const campaign = z.lazy(() => z.enum(CAMPAIGNS));
export const assistance = z.lazy(() =>
  z.enum(['industry', 'employment', 'public-welfare', 'skills']),
);
export const donationForm = z.lazy(() => z.enum(['money', 'goods']));

/** A donation's id names its chamber and its place in that chamber's chain: `<chamberId>.<seq>`. */
export const donationId = z.lazy(() =>
  z
    .string()
    .check(z.regex(/^[A-Za-z0-9_-]{1,64}\.[1-9]\d{0,9}$/, 'is not a donation id'), z.maxLength(75)),
);

/** Whole fen, positive, below 10^15 (ten trillion yuan: far above any gift, safe as a double). */
const fen = z.lazy(() =>
  z.number().check(z.int('must be whole fen (1 yuan = 100 fen)'), z.positive(), z.lte(1e15)),
);

export const donationBody = z.lazy(() =>
  z
    .strictObject({
      chamberId: id,
      donor: z.strictObject({ name: text(100), uscc }),
      campaign,
      assistance: z.optional(assistance),
      villageCode: z.optional(villageCode()),
      recipientRegionCode: z.optional(regionCode6()),
      form: donationForm,
      amountFen: fen,
      peopleHelped: z._default(z.number().check(z.int(), z.gte(0), z.lte(1e9)), 0),
      occurredOn: isoDate,
      note: z.optional(text(500)),
    })
    .check(
      z.superRefine((body, ctx) => {
        const need = (field: 'villageCode' | 'assistance' | 'recipientRegionCode', why: string) => {
          if (body[field] === undefined)
            ctx.addIssue({ code: 'custom', path: [field], message: why });
        };
        const forbid = (field: 'villageCode' | 'assistance' | 'recipientRegionCode') => {
          if (body[field] !== undefined) {
            ctx.addIssue({
              code: 'custom',
              path: [field],
              message: `does not apply to ${body.campaign}`,
            });
          }
        };
        if (body.campaign === 'village-pairing') {
          need('villageCode', 'a village-pairing donation names its village (12 digits)');
          need('assistance', 'a village-pairing donation says how it helps');
        } else {
          forbid('villageCode');
          forbid('assistance');
        }
        if (body.campaign === 'east-west') {
          need(
            'recipientRegionCode',
            'an East–West donation names its recipient region (6 digits)',
          );
        } else forbid('recipientRegionCode');
      }),
    ),
);
export type DonationRequest = z.output<typeof donationBody>;

export const reversalBody = z.lazy(() => z.strictObject({ reason: text(500) }));

const year = z.lazy(() => z.coerce.number().check(z.int(), z.gte(1949), z.lte(2100)));
export const ledgerRoutes = defineRoutes({
  recordDonation: {
    method: 'POST',
    path: '/v1/donations',
    summary: 'Append a donation to its chamber’s ledger (exactly once per Idempotency-Key)',
    headers: idempotencyKey,
    body: donationBody,
  },
  reverseDonation: {
    method: 'POST',
    path: '/v1/donations/{id}/reversal',
    summary: 'Correct a donation by appending its reversal (at most once)',
    params: z.lazy(() => z.object({ id: donationId })),
    headers: idempotencyKey,
    body: reversalBody,
  },
  getDonation: {
    method: 'GET',
    path: '/v1/donations/{id}',
    summary: 'One ledger entry',
    params: z.lazy(() => z.object({ id: donationId })),
  },
  listDonations: {
    method: 'GET',
    path: '/v1/donations',
    summary: 'A chamber’s ledger entries in chain order',
    query: z.lazy(() =>
      z.strictObject({
        chamberId: id,
        campaign: z.optional(campaign),
        year: z.optional(year),
        ...pageQuery,
      }),
    ),
  },
  verifyLedger: {
    method: 'GET',
    path: '/v1/chambers/{id}/ledger/verify',
    summary: 'Recompute a chamber’s hash chain and report the first altered entry',
    params: z.lazy(() => z.object({ id })),
  },
  latestAudit: {
    method: 'GET',
    path: '/v1/ledger/audits/latest',
    summary:
      'The nightly ledger audit’s latest result: its findings within the caller’s region (fic-admin)',
  },
  donationStats: {
    method: 'GET',
    path: '/v1/stats/donations',
    summary: 'Exact totals of donations within a region (public)',
    public: true,
    query: z.lazy(() =>
      z.strictObject({
        regionCode: z.optional(anyRegionCode()),
        campaign: z.optional(campaign),
        year: z.optional(year),
      }),
    ),
  },
  donationStatsByCampaign: {
    method: 'GET',
    path: '/v1/stats/donations/by-campaign',
    summary:
      'The totals of every campaign within a region, and their sum (public): one read for a statistics page',
    public: true,
    query: z.lazy(() =>
      z.strictObject({ regionCode: z.optional(anyRegionCode()), year: z.optional(year) }),
    ),
  },
  donationStatsByRegion: {
    method: 'GET',
    path: '/v1/stats/donations/by-region',
    summary:
      'The totals of several regions at once, in the order named (public): each county of a city for its chart',
    public: true,
    query: z.lazy(() =>
      z.strictObject({
        regionCodes: regionCodeList(),
        campaign: z.optional(campaign),
        year: z.optional(year),
      }),
    ),
  },
});
