// cdk-nag is CommonJS built with re-exports Node cannot detect statically, so named ESM
// imports fail at run time; take its packs from the default import, in one place.
import { Validations } from 'aws-cdk-lib';
import cdkNag from 'cdk-nag';
import type { IConstruct } from 'constructs';

export const { AwsSolutionsChecks, ServerlessChecks } = cdkNag;

/**
 * Acknowledges cdk-nag findings on a construct, each with the reason it is right here.
 * cdk-nag v3 uses CDK's own validation acknowledgements; a finding's id may name one
 * specific finding, e.g. `AwsSolutions-IAM5[Resource::*]`.
 */
export function acknowledge(scope: IConstruct, findings: Record<string, string>): void {
  for (const [id, reason] of Object.entries(findings))
    Validations.of(scope).acknowledge({ id, reason });
}
