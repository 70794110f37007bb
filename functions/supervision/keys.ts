import { requireEnv } from '#shared/db/client';
import {
  chamberPk,
  OVERDUE_LATEST_KEY,
  OVERDUE_RUN_PREFIX,
  overdueRowsPrefix,
  overdueRunPk,
  reportKey,
  SUPERVISION_TABLE_ENV,
  tallyKey,
} from '#shared/supervision/published';

/*
 * The supervision table. Every key is built here:
 *   liaison    pk CHAMBER#<id>        sk LIAISON#<leaderId>
 *                gsi1 LIAISONS / <dueOn>#<chamberId>#<leaderId>      every liaison by due date
 *                gsi2 LEADER#<leaderId> / <chamberId>                 a leader's chambers
 *   visit      pk CHAMBER#<id>        sk VISIT#<visitId>               issues embedded
 *                gsi2 OPEN-ISSUES / <replyDueOn>#<chamberId>#<visitId> only while an issue is open
 *   report     pk CHAMBER#<id>        sk REPORT#<year>
 *   activity   pk CHAMBER#<id>        sk ACTIVITY#<activityId>         ids start with the date held
 *   tally      pk CHAMBER#<id>        sk TALLY#<year>                  activities per kind, visits and
 *                                                                      issues, that year (published)
 *   joint      pk ALLIANCE#<id>       sk ACTIVITY#<activityId>         an alliance's joint activity
 *   snapshot   pk OVERDUE#<run>       sk LIAISON#<regionCode>#<chamberId>#<leaderId>
 *                                     sk ISSUE#<regionCode>#<chamberId>#<visitId>#<issueId>
 *   latest     pk OVERDUE             sk LATEST                        which run is published
 * The two sparse index partitions let the daily job ask "due before today" and read only what is
 * overdue; answering an issue or visiting a chamber moves the item out of the range it reads.
 * A run is `<asOf>@<computedAt>`; a visit or activity id is `<YYYYMMDD>-<uuid>`, so a chamber's
 * partition lists them in date order.
 */
export const TABLE = requireEnv(SUPERVISION_TABLE_ENV);

export const LIAISONS_BY_DUE = { index: 'gsi1', pk: 'LIAISONS' } as const;
export const OPEN_ISSUES_BY_DUE = { index: 'gsi2', pk: 'OPEN-ISSUES' } as const;
export const BY_LEADER = 'gsi2';

export { chamberPk, reportKey, tallyKey };

export const liaisonKey = (chamberId: string, leaderId: string) => ({
  pk: chamberPk(chamberId),
  sk: `LIAISON#${leaderId}`,
});
export const liaisonIndexKeys = (chamberId: string, leaderId: string, dueOn: string) => ({
  gsi1pk: LIAISONS_BY_DUE.pk,
  gsi1sk: `${dueOn}#${chamberId}#${leaderId}`,
  gsi2pk: leaderPk(leaderId),
  gsi2sk: chamberId,
});
export const leaderPk = (leaderId: string) => `LEADER#${leaderId}`;

export const visitKey = (chamberId: string, visitId: string) => ({
  pk: chamberPk(chamberId),
  sk: `VISIT#${visitId}`,
});
export const openIssuesKeys = (chamberId: string, visitId: string, replyDueOn: string) => ({
  gsi2pk: OPEN_ISSUES_BY_DUE.pk,
  gsi2sk: `${replyDueOn}#${chamberId}#${visitId}`,
});

export const activityKey = (chamberId: string, activityId: string) => ({
  pk: chamberPk(chamberId),
  sk: `ACTIVITY#${activityId}`,
});
export const jointActivityKey = (allianceId: string, activityId: string) => ({
  pk: `ALLIANCE#${allianceId}`,
  sk: `ACTIVITY#${activityId}`,
});

export const LATEST_KEY = OVERDUE_LATEST_KEY;
export const SNAPSHOT_PREFIX = OVERDUE_RUN_PREFIX;
export const snapshotPk = overdueRunPk;
export const overdueRowSk = (regionCode: string, chamberId: string, leaderId: string) =>
  `${overdueRowsPrefix('LIAISON', regionCode)}#${chamberId}#${leaderId}`;
export const lateIssueRowSk = (
  regionCode: string,
  chamberId: string,
  visitId: string,
  issueId: string,
) => `${overdueRowsPrefix('ISSUE', regionCode)}#${chamberId}#${visitId}#${issueId}`;

/** A date-ordered id: `<YYYYMMDD>-<uuid>`. */
export const datedId = (date: string, uuid: string) => `${date.replace(/-/g, '')}-${uuid}`;
/** The uuid of a dated id: the idempotency token of the transaction that stores it (≤ 36 chars). */
export const requestToken = (id: string) => id.slice(-36);

/** An item without its key attributes: what a client sees. */
export { withoutKeys as stripKeys } from '#shared/db/items';
