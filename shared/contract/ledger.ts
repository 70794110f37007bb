import * as z from 'zod';
import { defineRoutes } from '#shared/http/route';
import {
  anyRegionCode,
  errorResponses,
  id,
  isoDate,
  notFoundResponse,
  page,
  pageQuery,
  problem,
  regionCode6,
  text,
  uscc,
  villageCode,
} from './common';

export const CAMPAIGNS = [
  'village-pairing',
  'east-west',
  'epidemic-relief',
  'disaster-relief',
  'public-welfare',
] as const;
export const campaign = z.enum(CAMPAIGNS);
export const assistance = z.enum(['industry', 'employment', 'public-welfare', 'skills']);
export const donationForm = z.enum(['money', 'goods']);

/** A donation's id names its chamber and its place in that chamber's chain: `<chamberId>.<seq>`. */
export const donationId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}\.[1-9]\d{0,9}$/, 'is not a donation id');

/** Whole fen, positive, below 10^15 (ten trillion yuan: far above any gift, safe as a double). */
const fen = z.number().int('must be whole fen (1 yuan = 100 fen)').positive().max(1e15);

export const donationBody = z
  .strictObject({
    chamberId: id,
    donor: z.strictObject({ name: text(100), uscc }),
    campaign,
    assistance: assistance.optional(),
    villageCode: villageCode().optional(),
    recipientRegionCode: regionCode6().optional(),
    form: donationForm,
    amountFen: fen,
    peopleHelped: z.number().int().min(0).max(1e9).default(0),
    occurredOn: isoDate,
    note: text(500).optional(),
  })
  .superRefine((body, ctx) => {
    const need = (field: 'villageCode' | 'assistance' | 'recipientRegionCode', why: string) => {
      if (body[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message: why });
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
      need('recipientRegionCode', 'an East–West donation names its recipient region (6 digits)');
    } else forbid('recipientRegionCode');
  });
export type DonationRequest = z.output<typeof donationBody>;

export const reversalBody = z.strictObject({ reason: text(500) });

const entryBase = {
  id: z.string(),
  chamberId: z.string(),
  seq: z.number().int().min(1),
  prevHash: z.string(),
  hash: z.string(),
  recordedAt: z.iso.datetime(),
  recordedBy: z.string(),
};
export const donationEntry = z.object({
  ...entryBase,
  type: z.literal('donation'),
  donor: z.object({ name: z.string(), uscc: z.string() }),
  campaign,
  assistance: assistance.optional(),
  villageCode: z.string().optional(),
  recipientRegionCode: z.string().optional(),
  form: donationForm,
  amountFen: z.number().int(),
  peopleHelped: z.number().int(),
  occurredOn: z.string(),
  note: z.string().optional(),
  /** The chamber's region when the donation was recorded: the totals it counts toward. */
  regionCode: z.string(),
});
export const reversalEntry = z.object({
  ...entryBase,
  type: z.literal('reversal'),
  reverses: z.string(),
  reason: z.string(),
  amountFen: z.number().int(),
  peopleHelped: z.number().int(),
  campaign,
  occurredOn: z.string(),
  regionCode: z.string(),
});
export const ledgerEntry = z.discriminatedUnion('type', [donationEntry, reversalEntry]);
export type DonationEntry = z.output<typeof donationEntry>;
export type ReversalEntry = z.output<typeof reversalEntry>;
export type LedgerEntry = z.output<typeof ledgerEntry>;

export const stats = z.object({
  regionCode: z.string(),
  campaign: campaign.nullable(),
  year: z.number().int().nullable(),
  amountFen: z.number().int(),
  entries: z.number().int(),
  donors: z.number().int(),
  villages: z.number().int(),
  peopleHelped: z.number().int(),
  chambers: z.number().int(),
});
export type Stats = z.output<typeof stats>;

export const verification = z.object({
  chamberId: z.string(),
  entries: z.number().int(),
  headSeq: z.number().int(),
  headHash: z.string(),
  ok: z.boolean(),
  firstBadSeq: z.number().int().optional(),
});

const idempotencyKey = z.object({
  'idempotency-key': z
    .string({ error: 'the Idempotency-Key header is required' })
    .regex(/^[\x21-\x7e]{1,200}$/, 'must be 1–200 visible ASCII characters'),
});
const year = z.coerce.number().int().min(1949).max(2100);
const errors = {
  ...errorResponses,
  503: {
    description:
      'DynamoDB unavailable or too busy: retry with the same Idempotency-Key (a write that did land is then answered, not repeated)',
    schema: problem,
  },
};
const notFound = notFoundResponse;

export const ledgerRoutes = defineRoutes({
  recordDonation: {
    method: 'POST',
    path: '/v1/donations',
    summary: 'Append a donation to its chamber’s ledger (exactly once per Idempotency-Key)',
    headers: idempotencyKey,
    body: donationBody,
    responses: {
      201: { description: 'The ledger entry', schema: donationEntry },
      ...errors,
      404: notFound,
      422: { description: 'The Idempotency-Key was used with another body', schema: problem },
    },
  },
  reverseDonation: {
    method: 'POST',
    path: '/v1/donations/{id}/reversal',
    summary: 'Correct a donation by appending its reversal (at most once)',
    params: z.object({ id: donationId }),
    headers: idempotencyKey,
    body: reversalBody,
    responses: {
      201: { description: 'The reversal entry', schema: reversalEntry },
      ...errors,
      404: notFound,
      409: { description: 'Already reversed, or a reversal itself', schema: problem },
      422: { description: 'The Idempotency-Key was used with another body', schema: problem },
    },
  },
  getDonation: {
    method: 'GET',
    path: '/v1/donations/{id}',
    summary: 'One ledger entry',
    params: z.object({ id: donationId }),
    responses: { 200: { description: 'The entry', schema: ledgerEntry }, ...errors, 404: notFound },
  },
  listDonations: {
    method: 'GET',
    path: '/v1/donations',
    summary: 'A chamber’s ledger entries in chain order',
    query: z.strictObject({
      chamberId: id,
      campaign: campaign.optional(),
      year: year.optional(),
      ...pageQuery,
    }),
    responses: {
      200: { description: 'A page of entries', schema: page(ledgerEntry) },
      ...errors,
      404: notFound,
    },
  },
  verifyLedger: {
    method: 'GET',
    path: '/v1/chambers/{id}/ledger/verify',
    summary: 'Recompute a chamber’s hash chain and report the first altered entry',
    params: z.object({ id }),
    responses: {
      200: { description: 'The verification', schema: verification },
      ...errors,
      404: notFound,
    },
  },
  donationStats: {
    method: 'GET',
    path: '/v1/stats/donations',
    summary: 'Exact totals of donations within a region (public)',
    public: true,
    query: z.strictObject({
      regionCode: anyRegionCode().optional(),
      campaign: campaign.optional(),
      year: year.optional(),
    }),
    responses: { 200: { description: 'The totals', schema: stats }, 400: errors[400] },
  },
});
