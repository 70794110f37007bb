import * as z from 'zod/mini';
import type { ResponsesOf } from '#shared/http/route';
import {
  errorResponses,
  notFoundResponse as notFound,
  page,
  problem,
  replayedHeader,
  unavailableResponse,
} from './common.responses';
import { assistance, campaign, donationForm, type ledgerRoutes } from './ledger';

/*
 * What the ledger's routes answer: for the OpenAPI document and for types. Its function imports
 * this module only as `import type`, so it never builds these schemas.
 */

const entryBase = {
  id: z.string(),
  chamberId: z.string(),
  seq: z.number().check(z.int(), z.gte(1)),
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
  assistance: z.optional(assistance),
  villageCode: z.optional(z.string()),
  recipientRegionCode: z.optional(z.string()),
  form: donationForm,
  amountFen: z.number().check(z.int()),
  peopleHelped: z.number().check(z.int()),
  occurredOn: z.string(),
  note: z.optional(z.string()),
  /** The chamber's region when the donation was recorded: the totals it counts toward. */
  regionCode: z.string(),
  /** Present (true) once a reversal points at this donation (GET /v1/donations/{id}). */
  reversed: z.optional(z.literal(true)),
});
export const reversalEntry = z.object({
  ...entryBase,
  type: z.literal('reversal'),
  reverses: z.string(),
  reason: z.string(),
  amountFen: z.number().check(z.int()),
  peopleHelped: z.number().check(z.int()),
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
  campaign: z.nullable(campaign),
  year: z.nullable(z.number().check(z.int())),
  amountFen: z.number().check(z.int()),
  entries: z.number().check(z.int()),
  donors: z.number().check(z.int()),
  villages: z.number().check(z.int()),
  peopleHelped: z.number().check(z.int()),
  chambers: z.number().check(z.int()),
});
export type Stats = z.output<typeof stats>;

export const verification = z.object({
  chamberId: z.string(),
  entries: z.number().check(z.int()),
  headSeq: z.number().check(z.int()),
  headHash: z.string(),
  ok: z.boolean(),
  firstBadSeq: z.optional(z.number().check(z.int())),
});

export const ledgerAudit = z.object({
  ranAt: z.nullable(z.iso.datetime()),
  chambers: z.number().check(z.int()),
  entriesRead: z.number().check(z.int()),
  /** Every DynamoDB item the run read: its cost (chambers, heads, entries, tonight's totals). */
  itemsRead: z.number().check(z.int()),
  /** Tonight's region whose stored totals were compared with its chambers' entries. */
  sample: z.nullable(
    z.object({
      regionCode: z.string(),
      chambers: z.number().check(z.int()),
      checked: z.boolean(),
      note: z.optional(z.string()),
    }),
  ),
  findings: z.array(
    z.object({
      kind: z.enum(['chain', 'chamber-totals', 'region-totals']),
      /** null for a region's totals, which belong to no one chamber. */
      chamberId: z.nullable(z.string()),
      regionCode: z.string(),
      /** The first entry that does not verify (kind chain); null otherwise. */
      firstBadSeq: z.nullable(z.number().check(z.int())),
      detail: z.string(),
    }),
  ),
});
export type LedgerAudit = z.output<typeof ledgerAudit>;

const errors = {
  ...errorResponses,
  503: {
    ...unavailableResponse,
    description:
      'DynamoDB unavailable or too busy: retry with the same Idempotency-Key (a write that did land is then answered, not repeated)',
  },
};

export const ledgerResponses = {
  recordDonation: {
    201: { description: 'The ledger entry', schema: donationEntry, headers: replayedHeader },
    ...errors,
    404: notFound,
    422: { description: 'The Idempotency-Key was used with another body', schema: problem },
  },
  reverseDonation: {
    201: { description: 'The reversal entry', schema: reversalEntry },
    ...errors,
    404: notFound,
    409: { description: 'Already reversed, or a reversal itself', schema: problem },
    422: { description: 'The Idempotency-Key was used with another body', schema: problem },
  },
  getDonation: { 200: { description: 'The entry', schema: ledgerEntry }, ...errors, 404: notFound },
  listDonations: {
    200: { description: 'A page of entries', schema: page(ledgerEntry) },
    ...errors,
    404: notFound,
  },
  verifyLedger: {
    200: { description: 'The verification', schema: verification },
    ...errors,
    404: notFound,
  },
  latestAudit: {
    200: {
      description:
        'The latest audit, its findings limited to the caller’s region; before any run `ranAt: null`, counts 0',
      schema: ledgerAudit,
    },
    403: errors[403],
    503: unavailableResponse,
  },
  donationStats: {
    200: { description: 'The totals', schema: stats },
    400: errors[400],
    503: unavailableResponse,
  },
  donationStatsByRegion: {
    200: {
      description: 'One total per region named, in the order named (a region with none: zeros)',
      schema: z.object({
        campaign: z.nullable(z.string()),
        year: z.nullable(z.number().check(z.int())),
        items: z.array(stats),
      }),
    },
    400: errors[400],
    503: unavailableResponse,
  },
  donationStatsByCampaign: {
    200: {
      description:
        'One total per campaign (in the contract’s order), then their sum (campaign null)',
      schema: z.object({
        regionCode: z.string(),
        year: z.nullable(z.number().check(z.int())),
        items: z.array(stats),
      }),
    },
    400: errors[400],
    503: unavailableResponse,
  },
} satisfies ResponsesOf<typeof ledgerRoutes>;
