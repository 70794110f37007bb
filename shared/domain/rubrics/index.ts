import type { RubricShape } from '#shared/domain/assessment';
import { FOUR_GOOD_2017 } from './four-good-2017';
import { FOUR_GOOD_2020 } from './four-good-2020';

/** The rubrics this system ships, by id: versioned data, never edited (publish a new id). */
export const SHIPPED_RUBRICS: ReadonlyMap<string, RubricShape> = new Map(
  [FOUR_GOOD_2017, FOUR_GOOD_2020].map((rubric) => [rubric.id, rubric]),
);
