import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type App, Stack, Stage, Validations } from 'aws-cdk-lib';
import { AttributeType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '#infra/build';
import { AwsSolutionsChecks, ServerlessChecks } from '#infra/nag';
import { allConstructs, cdkContext, NO_BUNDLING } from './synth';

/**
 * cdk-nag v3 packs are CDK validation plugins: during `app.synth()` CDK runs them, writes
 * `validation-report.json` into the assembly and, when a pack reports anything, throws (in a
 * test run) with the report. Acknowledged findings are dropped by cdk-nag itself (it reads the
 * `aws:cdk:acknowledged-rules` metadata up the construct tree), so a clean app has an empty
 * report.
 */
interface ValidationReport {
  pluginReports: {
    pluginName: string;
    conclusion: string;
    metadata?: { error?: string };
    violations: {
      ruleName: string;
      description: string;
      violatingConstructs: { constructPath: string }[];
    }[];
  }[];
}

interface NagRun {
  app: App;
  outdir: string;
  error: unknown;
  report: ValidationReport | undefined;
  /** Every unacknowledged finding: "rule at construct path: description". */
  findings: string[];
}

function runNag(context: Record<string, string>, extend?: (app: App) => void): NagRun {
  const outdir = mkdtempSync(path.join(os.tmpdir(), 'fic-nag-test-'));
  const app = buildApp({ outdir, context: { ...cdkContext(), ...context } });
  extend?.(app);
  let error: unknown;
  try {
    app.synth();
  } catch (e) {
    error = e;
  }
  const reportFile = path.join(outdir, 'validation-report.json');
  const report = existsSync(reportFile)
    ? (JSON.parse(readFileSync(reportFile, 'utf8')) as ValidationReport)
    : undefined;
  const findings = (report?.pluginReports ?? []).flatMap((plugin) => [
    ...(plugin.metadata?.error ? [`${plugin.pluginName} failed: ${plugin.metadata.error}`] : []),
    ...plugin.violations.flatMap((violation) =>
      violation.violatingConstructs.map(
        (construct) =>
          `${violation.ruleName} at ${construct.constructPath}: ${violation.description}`,
      ),
    ),
  ]);
  return { app, outdir, error, report, findings };
}

interface Acknowledgement {
  path: string;
  construct: IConstruct;
  id: string;
  reason: string;
}

/** Every acknowledgement recorded in the tree, as `Validations.of(x).acknowledge` stores it. */
function acknowledgements(app: App): Acknowledgement[] {
  return allConstructs(app).flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
          path: construct.node.path,
          construct,
          // CDK qualifies ids without a known plugin prefix as annotations; cdk-nag strips it.
          id: id.replace(/^annotation::/i, ''),
          reason,
        })),
      ),
  );
}

let run: NagRun;

beforeAll(() => {
  run = runNag({ stage: 'nag' });
});

afterAll(() => rmSync(run.outdir, { recursive: true, force: true }));

describe('cdk-nag on the app', () => {
  it('runs and reports zero unacknowledged findings', () => {
    expect(run.report, 'validation-report.json was written').toBeDefined();
    expect(run.findings).toEqual([]);
    expect(run.error === undefined ? undefined : String(run.error)).toBeUndefined();
    for (const plugin of run.report?.pluginReports ?? []) expect(plugin.conclusion).toBe('success');
  });

  it('acknowledges findings with a specific reason each', () => {
    const acks = acknowledgements(run.app);
    expect(acks.length).toBeGreaterThan(0);
    const generic =
      /^(n\/?a|none|todo|tbd|fixme|ok|okay|fine|ignore[d]?|suppress(ed)?|not (needed|applicable|relevant)|false positive|acknowledged|by design|accepted|as intended|intentional)\.?$/i;
    const problems = acks.flatMap(({ path: at, id, reason }) => {
      const text = (reason ?? '').trim();
      const rule = id.replace(/\[.*$/, '');
      const issues = [
        text.length === 0 && 'has no reason',
        generic.test(text) && 'gives a generic reason',
        /\b(TODO|FIXME|TBD|XXX)\b/.test(text) && 'reason is a placeholder',
        text.split(/\s+/).length < 6 && 'reason is too short to say why',
        text.toLowerCase().includes(rule.toLowerCase()) &&
          text.length < rule.length + 30 &&
          'reason only repeats the rule id',
      ].filter(Boolean);
      return issues.map((issue) => `${id} at ${at}: ${issue} (${JSON.stringify(reason)})`);
    });
    expect(problems).toEqual([]);
  });

  it('acknowledges only rules of the two packs, on the construct concerned, never a whole stack', () => {
    const problems = acknowledgements(run.app).flatMap(({ path: at, construct, id }) => [
      ...(/^(AwsSolutions|Serverless)-[A-Za-z0-9]+(\[.+\])?$/.test(id)
        ? []
        : [`${id} at ${at}: not a rule of the AwsSolutions or Serverless packs`]),
      ...(Stack.isStack(construct) || Stage.isStage(construct)
        ? [`${id} at ${at}: acknowledged for a whole stack or the app`]
        : []),
    ]);
    expect(problems).toEqual([]);
  });

  it('has no stale acknowledgement: each one silences a finding that occurs', () => {
    // The packs again, this time blind to acknowledgements (cdk-nag 3 reads them in the private
    // isAcknowledged), so the raw findings can be matched against what was acknowledged.
    const raw = [new AwsSolutionsChecks(), new ServerlessChecks()].flatMap((pack) => {
      (pack as unknown as { isAcknowledged: () => boolean }).isAcknowledged = () => false;
      return pack.validateScope(run.app).violations.flatMap((violation) =>
        violation.violatingResources.map((resource) => ({
          rule: violation.ruleName,
          path: resource.constructPath ?? '',
        })),
      );
    });
    expect(raw.length, 'the app has findings to acknowledge').toBeGreaterThan(0);
    const covers = (ack: Acknowledgement, finding: { rule: string; path: string }) =>
      ack.id === finding.rule &&
      (finding.path === ack.path || finding.path.startsWith(`${ack.path}/`));
    const acks = acknowledgements(run.app);
    expect(
      acks
        .filter((ack) => !raw.some((finding) => covers(ack, finding)))
        .map((ack) => `${ack.id} at ${ack.path}`),
    ).toEqual([]);
    // And the other way round, independently of the report: every raw finding is acknowledged.
    expect(
      raw
        .filter((finding) => !acks.some((ack) => covers(ack, finding)))
        .map((finding) => `${finding.rule} at ${finding.path}`),
    ).toEqual([]);
  });
});

describe('cdk-nag negative control', () => {
  it('reports a non-compliant stack added to the app', () => {
    const control = runNag({ stage: 'nagcontrol', ...NO_BUNDLING }, (app) => {
      const bad = new Stack(app, 'NonCompliant');
      // A classic table without point-in-time recovery, a function on an old runtime untraced.
      new Table(bad, 'NoPitr', { partitionKey: { name: 'pk', type: AttributeType.STRING } });
      new LambdaFunction(bad, 'Untraced', {
        runtime: Runtime.NODEJS_20_X,
        handler: 'index.handler',
        code: Code.fromInline('exports.handler = async () => ({});'),
      });
    });
    try {
      expect(control.error, 'synth fails on findings').toBeDefined();
      const rules = (at: string) =>
        control.findings.filter((finding) => finding.includes(` at NonCompliant/${at}`));
      const ruleIds = (at: string) => rules(at).map((finding) => finding.split(' ')[0]);
      expect(ruleIds('NoPitr')).toContain('AwsSolutions-DDB3');
      expect(ruleIds('Untraced')).toEqual(
        expect.arrayContaining(['Serverless-LambdaTracing', 'AwsSolutions-L1']),
      );
      // The app's own acknowledged findings stay silent beside them.
      expect(control.findings.filter((finding) => !finding.includes(' at NonCompliant/'))).toEqual(
        [],
      );
    } finally {
      rmSync(control.outdir, { recursive: true, force: true });
    }
  });
});
