import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { App, CfnElement } from 'aws-cdk-lib';
import { Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { buildApp } from '#infra/build';
import { ConcernTable } from '#infra/constructs/concern-table';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** A CloudFormation resource as it appears in a synthesized template. */
export interface CfnResource {
  Type: string;
  Properties?: Record<string, unknown>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
}

export interface CfnTemplate {
  Resources: Record<string, CfnResource>;
  Outputs?: Record<string, { Value: unknown; Export?: { Name: unknown } }>;
}

export interface Synthesized {
  app: App;
  outdir: string;
  assembly: ReturnType<App['synth']>;
  /** Each stack's template, by stack name. */
  templates: Record<string, CfnTemplate>;
  /** Removes the assembly folder. */
  dispose(): void;
}

/** The context `cdk synth` would use (cdk.json), so tests check the app that gets deployed. */
export function cdkContext(): Record<string, string> {
  const json = JSON.parse(readFileSync(path.join(ROOT, 'cdk.json'), 'utf8')) as {
    context?: Record<string, unknown>;
  };
  return Object.fromEntries(Object.entries(json.context ?? {}).map(([k, v]) => [k, String(v)]));
}

/**
 * CDK's own switch for which stacks bundle their assets (what `cdk synth --exclusively` uses).
 * An empty list skips esbuild for tests that only read templates.
 */
export const NO_BUNDLING = { 'aws:cdk:bundling-stacks': [] } as unknown as Record<string, string>;

/** Builds the app into a fresh temp folder; `extend` may add constructs before synthesis. */
export function synthesize(
  context: Record<string, string> = {},
  extend?: (app: App) => void,
): Synthesized {
  const outdir = mkdtempSync(path.join(os.tmpdir(), 'fic-infra-test-'));
  const dispose = () => rmSync(outdir, { recursive: true, force: true });
  let app: App;
  let assembly: ReturnType<App['synth']>;
  try {
    app = buildApp({ outdir, context: { ...cdkContext(), ...context } });
    extend?.(app);
    assembly = app.synth();
  } catch (error) {
    dispose();
    throw error;
  }
  const templates = Object.fromEntries(
    assembly.stacks.map((stack) => [stack.stackName, stack.template as CfnTemplate]),
  );
  return {
    app,
    outdir,
    assembly,
    templates,
    dispose,
  };
}

/** Every construct under `root`, depth first. */
export function allConstructs(root: IConstruct): IConstruct[] {
  return [root, ...root.node.children.flatMap(allConstructs)];
}

export interface TableInfo {
  concern: string;
  envName: string;
  indexNames: string[];
  stackName: string;
  logicalId: string;
}

/** Every concern's table, found in the construct tree, by its logical id in its stack. */
export function concernTables(app: App): Map<string, TableInfo> {
  const tables = new Map<string, TableInfo>();
  for (const construct of allConstructs(app)) {
    if (!(construct instanceof ConcernTable)) continue;
    const stack = Stack.of(construct);
    const logicalId = stack.getLogicalId(construct.table.node.defaultChild as CfnElement);
    tables.set(logicalId, {
      concern: construct.concern,
      envName: construct.envName,
      indexNames: construct.indexNames,
      stackName: stack.stackName,
      logicalId,
    });
  }
  return tables;
}

/** Resources of one type in a template, by logical id. */
export function resourcesOfType(
  template: CfnTemplate,
  type: string,
): [string, CfnResource & { Properties: Record<string, unknown> }][] {
  return Object.entries(template.Resources)
    .filter(([, resource]) => resource.Type === type)
    .map(([id, resource]) => [id, { ...resource, Properties: resource.Properties ?? {} }]);
}

/**
 * Replaces every `Fn::ImportValue` of a cross-stack export with the value the exporting stack
 * gives it (an intrinsic in that stack's scope), so references read as in a single stack.
 */
export function resolveImports(value: unknown, templates: Record<string, CfnTemplate>): unknown {
  const exports = new Map<string, unknown>();
  for (const template of Object.values(templates)) {
    for (const output of Object.values(template.Outputs ?? {})) {
      if (typeof output.Export?.Name === 'string') exports.set(output.Export.Name, output.Value);
    }
  }
  const resolve = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(resolve);
    if (typeof v !== 'object' || v === null) return v;
    const entries = Object.entries(v);
    const [first] = entries;
    if (entries.length === 1 && first?.[0] === 'Fn::ImportValue') {
      const name = first[1];
      if (typeof name !== 'string' || !exports.has(name)) {
        throw new Error(`Fn::ImportValue of an unknown export: ${JSON.stringify(name)}`);
      }
      return resolve(exports.get(name));
    }
    return Object.fromEntries(entries.map(([k, inner]) => [k, resolve(inner)]));
  };
  return resolve(value);
}
