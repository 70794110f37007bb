import { Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { Evidence } from '#shared/contract/assessment';
import { describeFact, type FactName } from '#shared/domain/evidence';
import { useI18n } from '../../lib/i18n';
import type { Role } from '../../lib/session';

/*
 * Beside an indicator's score: the facts the system holds that bear on it (each with a link to
 * where it comes from, where the reader may open that screen) and the rubric's suggestion.
 */
type Line = Evidence['indicators'][number];

/** Where a fact is kept in the console, for the roles that may open it there. */
function sourceOf(fact: FactName, chamberId: string, role: Role | undefined): string | undefined {
  const chamber = `/chambers/${encodeURIComponent(chamberId)}`;
  const own = role === 'fic-admin' || role === 'chamber-officer';
  switch (fact) {
    case 'donations':
      return own ? `${chamber}/ledger` : undefined;
    case 'awards':
      return '/awards';
    case 'partyBranchStars':
      return role === 'fic-admin' ? `/assessment/ratings?chamber=${chamberId}` : undefined;
    default:
      return own ? chamber : undefined;
  }
}

export function EvidencePanel({
  evidence,
  line,
  role,
}: {
  evidence: Evidence;
  line: Line | undefined;
  role: Role | undefined;
}) {
  const { t } = useI18n();
  if (!line) return null;
  return (
    <section className="evidence" aria-label={t('assess.evidence')}>
      {line.facts.length === 0 ? (
        <Typography.Text type="secondary">{t('assess.noFacts')}</Typography.Text>
      ) : (
        <ul className="evidence-facts">
          {line.facts.map((fact) => {
            const to = sourceOf(fact, evidence.chamberId, role);
            const text = describeFact(fact, evidence.facts, evidence.year);
            return <li key={fact}>{to ? <Link to={to}>{text}</Link> : text}</li>;
          })}
        </ul>
      )}
      <div>
        {line.suggestedPoints === null ? (
          <Tag>{t('assess.noSuggestion')}</Tag>
        ) : (
          <Tag color="#0958d9">{t('assess.suggested', { points: line.suggestedPoints })}</Tag>
        )}
        <Typography.Paragraph
          type="secondary"
          style={{ fontSize: 13, margin: '4px 0 0' }}
          ellipsis={{
            rows: 2,
            expandable: 'collapsible',
            symbol: (open) => (open ? t('assess.whyLess') : t('assess.whyMore')),
          }}
        >
          {line.why}
        </Typography.Paragraph>
      </div>
    </section>
  );
}
