import type { Rubric } from '#shared/contract/assessment';
import { scoreErrors, toTenths } from '#shared/domain/assessment';
import type { FormFieldError } from '../../lib/problem';
import type { Score } from './api';

/*
 * A score sheet as its form holds it: one line per indicator of the rubric, keyed by indicator
 * id. Totals are counted in integer tenths (as the API counts them), so no sum drifts.
 */
export type Line = { points?: number | null; note?: string; deductionReason?: string };
export type SheetValues = { lines?: Record<string, Line | undefined> };
export type SheetKind = 'self' | 'review';

export function linesOf(scores: readonly Score[] | undefined): Record<string, Line> {
  return Object.fromEntries(
    (scores ?? []).map((s) => [
      s.indicatorId,
      { points: s.points, note: s.note, deductionReason: s.deductionReason },
    ]),
  );
}

/** Sum of the points entered (in points, exact to a tenth). */
export function sumOf(rubric: Rubric, values: SheetValues, dimensionId?: string): number {
  let tenths = 0;
  for (const d of rubric.dimensions) {
    if (dimensionId && d.id !== dimensionId) continue;
    for (const i of d.indicators) {
      const points = values.lines?.[i.id]?.points;
      if (typeof points === 'number') tenths += toTenths(points);
    }
  }
  return tenths / 10;
}

/** The request's scores, in the rubric's order (lines without points are left out). */
export function scoresOf(rubric: Rubric, values: SheetValues, kind: SheetKind): Score[] {
  const scores: Score[] = [];
  for (const d of rubric.dimensions) {
    for (const i of d.indicators) {
      const line = values.lines?.[i.id];
      if (typeof line?.points !== 'number') continue;
      const text = (kind === 'self' ? line.note : line.deductionReason)?.trim();
      scores.push({
        indicatorId: i.id,
        points: line.points,
        ...(text ? (kind === 'self' ? { note: text } : { deductionReason: text }) : {}),
      });
    }
  }
  return scores;
}

/**
 * Why the sheet cannot be sent, beside the lines they concern: the rubric's own rules (every
 * indicator scored, none above its maximum, a reason for every deduction in a review).
 */
export function sheetErrors(
  rubric: Rubric,
  values: SheetValues,
  kind: SheetKind,
  messages: { missing: string; translate: (message: string) => string },
): FormFieldError[] {
  const scores = scoresOf(rubric, values, kind);
  const errors: FormFieldError[] = [];
  for (const d of rubric.dimensions) {
    for (const i of d.indicators) {
      if (typeof values.lines?.[i.id]?.points !== 'number') {
        errors.push({ name: ['lines', i.id, 'points'], errors: [messages.missing] });
      }
    }
  }
  for (const error of scoreErrors(rubric, scores, { reasons: kind === 'review' })) {
    const [, index, field] = error.path;
    const score = typeof index === 'number' ? scores[index] : undefined;
    if (!score || typeof field !== 'string') continue; // "misses the indicators": said above
    errors.push({
      name: ['lines', score.indicatorId, field === 'indicatorId' ? 'points' : field],
      errors: [messages.translate(error.message)],
    });
  }
  return errors;
}

/** The API's field paths (`scores.3.deductionReason`) as the form's (`lines.<id>.…`). */
export function fieldOfPath(
  rubric: Rubric,
  values: SheetValues,
  kind: SheetKind,
  path: (string | number)[],
): (string | number)[] | undefined {
  const [head, index, field] = path;
  if (head !== 'scores' || typeof index !== 'number' || typeof field !== 'string') return undefined;
  const score = scoresOf(rubric, values, kind)[index];
  return score ? ['lines', score.indicatorId, field] : undefined;
}

/*
 * Drafts: what was typed into a sheet is kept in this browser (localStorage) as it is typed, so
 * it survives a reload or a closed tab until it is saved.
 */
const draftKey = (kind: SheetKind, cycleId: string, chamberId: string) =>
  `fic.sheet.${kind}.${cycleId}.${chamberId}`;

export function readDraft(kind: SheetKind, cycleId: string, chamberId: string) {
  try {
    const text = localStorage.getItem(draftKey(kind, cycleId, chamberId));
    return text ? (JSON.parse(text) as SheetValues) : undefined;
  } catch {
    return undefined;
  }
}

export function writeDraft(
  kind: SheetKind,
  cycleId: string,
  chamberId: string,
  values: SheetValues | undefined,
): void {
  try {
    const key = draftKey(kind, cycleId, chamberId);
    if (values) localStorage.setItem(key, JSON.stringify(values));
    else localStorage.removeItem(key);
  } catch {
    // storage blocked: the sheet still works, without a draft
  }
}
