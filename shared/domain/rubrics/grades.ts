import type { Grade } from '#shared/domain/assessment';

/**
 * Grades of the shipped rubrics on their 1,000-point scale, in the manner of the civil-affairs
 * social-organisation evaluation: 900 and above meets the Four-Good standard and may be
 * recommended upward (city → province → national).
 */
export const FOUR_GOOD_GRADES: Grade[] = [
  { grade: '优秀', gradeEn: 'excellent: meets the Four-Good standard', minScore: 900 },
  { grade: '良好', gradeEn: 'good', minScore: 800 },
  { grade: '合格', gradeEn: 'satisfactory', minScore: 600 },
  { grade: '不合格', gradeEn: 'unsatisfactory', minScore: 0 },
];
