import type { assessmentRoutes } from '#shared/contract/assessment';
import type { Operations } from '#shared/http/route';
import { cycleOperations } from './cycles';
import { evidenceOperations } from './evidence';
import { recognitionOperations } from './recognition';
import { rubricOperations } from './rubrics';
import { scoringOperations } from './scoring';

/*
 * The assessment use cases, by theme: rubrics; a cycle's life (open, finalize, results); what
 * goes into a cycle (self-assessments, assignments, reviews, vetoes); the evidence beside an
 * entry's scores; awards and Party-branch stars. Each checks role first (403), then scope (out of scope is 404).
 */
export const operations: Operations<typeof assessmentRoutes> = {
  ...rubricOperations,
  ...cycleOperations,
  ...scoringOperations,
  ...evidenceOperations,
  ...recognitionOperations,
};
