import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { todayInShanghai } from '#shared/domain/calendar';
import {
  ACTIVITY_KINDS,
  activityCounts,
  addDays,
  canReview,
  canSubmit,
  daysBetween,
  daysOverdue,
  isOverdue,
  laterDate,
  missingSevenOnes,
  REPLY_DAYS,
  replyDueOn,
  reportMissing,
  SEVEN_ONES,
  sevenOnesComplete,
  visitDueOn,
} from '#shared/domain/supervision';

/*
 * Supervision's pure rules: calendar arithmetic in Asia/Shanghai dates (month ends, leap years,
 * the Shanghai midnight), the overdue rule, the reply clock, "七个一" and the report machine.
 * The arithmetic is checked against an oracle that walks the calendar one day at a time.
 */

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const leap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const monthDays = (y: number, m: number) => (m === 2 && leap(y) ? 29 : (DAYS_IN_MONTH[m - 1] ?? 0));
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The oracle: n days on, by counting them off the calendar. */
function walk(date: string, n: number): string {
  let [y, m, d] = date.split('-').map(Number) as [number, number, number];
  for (let i = 0; i < Math.abs(n); i++) {
    if (n > 0) {
      d += 1;
      if (d > monthDays(y, m)) [d, m] = [1, m + 1];
      if (m > 12) [m, y] = [1, y + 1];
    } else {
      d -= 1;
      if (d < 1) {
        m -= 1;
        if (m < 1) [m, y] = [12, y - 1];
        d = monthDays(y, m);
      }
    }
  }
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

const calendarDate = fc
  .record({ y: fc.integer({ min: 1950, max: 2099 }), m: fc.integer({ min: 1, max: 12 }) })
  .chain(({ y, m }) =>
    fc.integer({ min: 1, max: monthDays(y, m) }).map((d) => `${y}-${pad(m)}-${pad(d)}`),
  );

describe('addDays', () => {
  it.each([
    ['2024-01-31', 1, '2024-02-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2024-02-29', 1, '2024-03-01'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2000-02-28', 1, '2000-02-29'],
    ['1900-02-28', 1, '1900-03-01'],
    ['2100-02-28', 1, '2100-03-01'],
    ['2024-12-31', 1, '2025-01-01'],
    ['2025-01-01', -1, '2024-12-31'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2024-01-01', 366, '2025-01-01'],
    ['2023-01-01', 365, '2024-01-01'],
    ['2024-04-30', 90, '2024-07-29'],
    ['2024-11-15', 90, '2025-02-13'],
    ['2024-06-15', 0, '2024-06-15'],
  ])('%s + %i days = %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it('agrees with walking the calendar, forwards and back, up to two years', () => {
    fc.assert(
      fc.property(calendarDate, fc.integer({ min: -731, max: 731 }), (date, n) => {
        expect(addDays(date, n)).toBe(walk(date, n));
      }),
      { numRuns: 300 },
    );
  });

  it('does not depend on the time zone of the host', () => {
    const zone = process.env.TZ;
    try {
      for (const tz of ['America/Sao_Paulo', 'Australia/Lord_Howe', 'Pacific/Kiritimati', 'UTC']) {
        process.env.TZ = tz;
        expect(addDays('2024-02-28', 2)).toBe('2024-03-01');
        expect(daysBetween('2024-03-09', '2024-03-11')).toBe(2);
      }
    } finally {
      process.env.TZ = zone;
    }
  });
});

describe('daysBetween', () => {
  it('is the inverse of addDays', () => {
    fc.assert(
      fc.property(calendarDate, fc.integer({ min: -1000, max: 1000 }), (date, n) => {
        expect(daysBetween(date, addDays(date, n))).toBe(n);
      }),
    );
  });

  it('counts leap days', () => {
    expect(daysBetween('2024-02-01', '2024-03-01')).toBe(29);
    expect(daysBetween('2023-02-01', '2023-03-01')).toBe(28);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
  });
});

describe('todayInShanghai', () => {
  it('turns the day at midnight in Shanghai (16:00 UTC), not at midnight UTC', () => {
    expect(todayInShanghai(new Date('2024-02-28T15:59:59.999Z'))).toBe('2024-02-28');
    expect(todayInShanghai(new Date('2024-02-28T16:00:00.000Z'))).toBe('2024-02-29');
    expect(todayInShanghai(new Date('2024-12-31T16:00:00.000Z'))).toBe('2025-01-01');
    expect(todayInShanghai(new Date('2025-01-01T00:30:00.000Z'))).toBe('2025-01-01');
  });

  it('agrees with the time-zone database for any instant since 1992', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1992-01-01T00:00:00Z'),
          max: new Date('2099-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        (instant) => {
          expect(todayInShanghai(instant)).toBe(
            instant.toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }),
          );
        },
      ),
    );
  });
});

describe('the visit clock', () => {
  it('makes a visit 40 days ago under a 30-day interval 10 days overdue', () => {
    const asOf = '2024-03-10';
    const dueOn = visitDueOn({
      assignedOn: '2023-01-01',
      lastVisitedOn: addDays(asOf, -40),
      visitEveryDays: 30,
    });
    expect(dueOn).toBe('2024-02-29');
    expect(isOverdue(dueOn, asOf)).toBe(true);
    expect(daysOverdue(dueOn, asOf)).toBe(10);
  });

  it('keeps a visit exactly one interval ago on time, and one day more overdue by one', () => {
    const asOf = '2025-03-01';
    const onTime = visitDueOn({
      assignedOn: '2024-01-01',
      lastVisitedOn: '2024-12-01',
      visitEveryDays: 90,
    });
    expect(onTime).toBe(asOf);
    expect(isOverdue(onTime, asOf)).toBe(false);
    expect(daysOverdue(onTime, asOf)).toBe(0);
    const late = visitDueOn({
      assignedOn: '2024-01-01',
      lastVisitedOn: '2024-11-30',
      visitEveryDays: 90,
    });
    expect(isOverdue(late, asOf)).toBe(true);
    expect(daysOverdue(late, asOf)).toBe(1);
  });

  it('runs from the assignment while the chamber was never visited', () => {
    expect(visitDueOn({ assignedOn: '2024-01-31', lastVisitedOn: null, visitEveryDays: 30 })).toBe(
      '2024-03-01',
    );
  });

  it('is overdue exactly when the last visit lies more than the interval before asOf', () => {
    fc.assert(
      fc.property(
        calendarDate,
        fc.integer({ min: 0, max: 800 }),
        fc.integer({ min: 1, max: 366 }),
        (asOf, ago, every) => {
          const last = addDays(asOf, -ago);
          const dueOn = visitDueOn({
            assignedOn: last,
            lastVisitedOn: null,
            visitEveryDays: every,
          });
          expect(isOverdue(dueOn, asOf)).toBe(ago > every);
          expect(daysOverdue(dueOn, asOf)).toBe(Math.max(0, ago - every));
        },
      ),
    );
  });

  it('moves on only with a later visit', () => {
    expect(laterDate(null, '2024-05-01')).toBe('2024-05-01');
    expect(laterDate('2024-05-02', '2024-05-01')).toBe('2024-05-02');
    expect(laterDate('2024-04-30', '2024-05-01')).toBe('2024-05-01');
  });
});

describe('the reply clock', () => {
  it.each([
    ['2024-02-20', '2024-03-06'],
    ['2023-02-20', '2023-03-07'],
    ['2024-12-25', '2025-01-09'],
    ['2024-01-31', '2024-02-15'],
  ])('an issue raised on %s is due on %s', (visitedOn, due) => {
    expect(REPLY_DAYS).toBe(15);
    expect(replyDueOn(visitedOn)).toBe(due);
  });
});

describe('七个一', () => {
  const allSeven = Object.fromEntries(SEVEN_ONES.map((kind) => [kind, 1]));

  it('names the seven kinds of the contract, among the ten activity kinds', () => {
    expect([...SEVEN_ONES]).toEqual([
      'study-session',
      'red-song',
      'ideals-education',
      'party-lecture',
      'themed-party-day',
      'organisational-life-meeting',
      'three-shows-three-comparisons',
    ]);
    expect([...ACTIVITY_KINDS]).toEqual([...SEVEN_ONES, 'education-trip', 'mentoring', 'other']);
  });

  it('is complete when each of the seven was held at least once', () => {
    expect(sevenOnesComplete(allSeven)).toBe(true);
    expect(sevenOnesComplete({ ...allSeven, 'red-song': 4, other: 9 })).toBe(true);
    expect(missingSevenOnes(allSeven)).toEqual([]);
  });

  it('is incomplete when any one is missing, whatever else was held', () => {
    for (const kind of SEVEN_ONES) {
      const counts = { ...allSeven, [kind]: 0, 'education-trip': 5, mentoring: 5, other: 5 };
      expect(sevenOnesComplete(counts)).toBe(false);
      expect(missingSevenOnes(counts)).toEqual([kind]);
    }
    expect(sevenOnesComplete({})).toBe(false);
    expect(missingSevenOnes({ 'red-song': 2 })).toHaveLength(6);
  });

  it('counts every kind, zero for those not held', () => {
    const counts = activityCounts({ 'party-lecture': 2 });
    expect(Object.keys(counts).sort()).toEqual([...ACTIVITY_KINDS].sort());
    expect(counts['party-lecture']).toBe(2);
    expect(counts.mentoring).toBe(0);
  });
});

describe('the annual report', () => {
  it('can be submitted until accepted, and resubmitted once returned', () => {
    expect(canSubmit(undefined)).toBe(true);
    expect(canSubmit('submitted')).toBe(true);
    expect(canSubmit('returned')).toBe(true);
    expect(canSubmit('accepted')).toBe(false);
  });

  it('is reviewed only while submitted', () => {
    expect(canReview('submitted')).toBe(true);
    expect(canReview('accepted')).toBe(false);
    expect(canReview('returned')).toBe(false);
  });

  it('is missing unless submitted or accepted', () => {
    expect(reportMissing(undefined)).toBe(true);
    expect(reportMissing('returned')).toBe(true);
    expect(reportMissing('submitted')).toBe(false);
    expect(reportMissing('accepted')).toBe(false);
  });
});
