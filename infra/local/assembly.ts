import { readFileSync } from 'node:fs';
import path from 'node:path';

/*
 * Reads what `cdk synth` wrote (cdk.out) and answers the questions the local runtime asks of
 * it: which tables, functions, routes, authorizers and schedules exist, with every intrinsic
 * (Ref, Fn::GetAtt, Fn::ImportValue, Fn::Join, Fn::Sub, Fn::Select) resolved to its local value.
 * Nothing here knows a name of this project: it all comes from the templates.
 */

type Json = unknown;
export interface Resource {
  Type: string;
  Properties?: Record<string, Json>;
}
interface Template {
  Resources: Record<string, Resource>;
  Outputs?: Record<string, { Value: Json; Export?: { Name: Json } }>;
}
interface Stack {
  name: string;
  template: Template;
  /** asset object key (hash.zip) → directory holding the bundled code */
  assets: Map<string, string>;
}

export const LOCAL_REGION = 'local';
export const LOCAL_ACCOUNT = '000000000000';

export interface LocalTable {
  name: string;
  logicalId: string;
  properties: Record<string, Json>;
}
export interface LocalFunction {
  id: string;
  arn: string;
  codeDir: string;
  handler: string;
  timeoutSeconds: number;
  memoryMb: number;
  environment: Record<string, string>;
}
export interface LocalRoute {
  routeKey: string;
  functionArn: string;
  jwt?: { issuer: string; audience: string[] };
}
export interface LocalSchedule {
  name: string;
  functionArn: string;
  input: Json;
}

export class Assembly {
  readonly stacks: Stack[];

  constructor(readonly dir: string) {
    const manifest = readJson(path.join(dir, 'manifest.json')) as {
      artifacts: Record<
        string,
        { type: string; properties?: { templateFile?: string; file?: string } }
      >;
    };
    const assetFiles = new Map<string, string>();
    for (const [name, artifact] of Object.entries(manifest.artifacts)) {
      if (artifact.type === 'cdk:asset-manifest' && artifact.properties?.file) {
        assetFiles.set(name.replace(/\.assets$/, ''), artifact.properties.file);
      }
    }
    this.stacks = Object.entries(manifest.artifacts)
      .filter(([, a]) => a.type === 'aws:cloudformation:stack' && a.properties?.templateFile)
      .map(([name, a]) => ({
        name,
        template: readJson(path.join(dir, a.properties?.templateFile as string)) as Template,
        assets: readAssets(dir, assetFiles.get(name)),
      }));
  }

  resources(type: string): { stack: Stack; id: string; resource: Resource }[] {
    return this.stacks.flatMap((stack) =>
      Object.entries(stack.template.Resources)
        .filter(([, resource]) => resource.Type === type)
        .map(([id, resource]) => ({ stack, id, resource })),
    );
  }

  tables(): LocalTable[] {
    return ['AWS::DynamoDB::GlobalTable', 'AWS::DynamoDB::Table'].flatMap((type) =>
      this.resources(type).map(({ stack, id, resource }) => ({
        name: tableName(stack.name, id),
        logicalId: id,
        properties: resource.Properties ?? {},
      })),
    );
  }

  /** The Node.js functions (others, such as CDK's own deploy-time helpers, never run here). */
  functions(): LocalFunction[] {
    const node = this.resources('AWS::Lambda::Function').filter(({ resource }) =>
      String(resource.Properties?.Runtime ?? '').startsWith('nodejs'),
    );
    return node.map(({ stack, id, resource }) => {
      const props = resource.Properties ?? {};
      const code = props.Code as { S3Key?: Json };
      const key = String(this.resolve(code.S3Key, stack));
      const codeDir = stack.assets.get(key);
      if (!codeDir) throw new Error(`No bundled code in ${this.dir} for function ${id} (${key})`);
      const variables = (props.Environment as { Variables?: Record<string, Json> } | undefined)
        ?.Variables;
      return {
        id,
        arn: functionArn(id),
        codeDir,
        handler: String(props.Handler ?? 'index.handler'),
        timeoutSeconds: Number(props.Timeout ?? 3),
        memoryMb: Number(props.MemorySize ?? 128),
        environment: Object.fromEntries(
          Object.entries(variables ?? {}).map(([k, v]) => [k, String(this.resolve(v, stack))]),
        ),
      };
    });
  }

  routes(): LocalRoute[] {
    return this.resources('AWS::ApiGatewayV2::Route').map(({ stack, id, resource }) => {
      const props = resource.Properties ?? {};
      const target = String(this.resolve(props.Target, stack));
      const integrationId = target.replace(/^integrations\//, '');
      const integration = this.find(stack, integrationId, 'AWS::ApiGatewayV2::Integration');
      const route: LocalRoute = {
        routeKey: String(props.RouteKey),
        functionArn: String(this.resolve(integration.Properties?.IntegrationUri, stack)),
      };
      if (props.AuthorizationType === 'JWT') {
        const authorizerId = String(this.resolve(props.AuthorizerId, stack));
        // The authorizer may belong to the stack that owns the API rather than the route's.
        const authorizer = this.findAnywhere(authorizerId, 'AWS::ApiGatewayV2::Authorizer');
        const config = authorizer.resource.Properties?.JwtConfiguration as {
          Issuer: Json;
          Audience: Json[];
        };
        route.jwt = {
          issuer: String(this.resolve(config.Issuer, authorizer.stack)),
          audience: config.Audience.map((a) => String(this.resolve(a, authorizer.stack))),
        };
      } else if (props.AuthorizationType && props.AuthorizationType !== 'NONE') {
        throw new Error(
          `Route ${id}: authorization ${String(props.AuthorizationType)} is not supported locally`,
        );
      }
      return route;
    });
  }

  /**
   * The CloudFront distribution in front of everything, if the template has one: its behaviours
   * in the order CloudFront tries them, each to the HTTP API or to a bucket, with its
   * viewer-request function and response headers; and the files deployed to that bucket.
   */
  site(): LocalSite | undefined {
    const [found] = this.resources('AWS::CloudFront::Distribution');
    if (!found) return undefined;
    const { stack } = found;
    const config = found.resource.Properties?.DistributionConfig as DistributionConfig;
    const apiIds = new Set(this.resources('AWS::ApiGatewayV2::Api').map(({ id }) => id));
    const origins = new Map(
      config.Origins.map((origin) => {
        const bucket = origin.S3OriginConfig ? refTarget(origin.DomainName) : undefined;
        const domain = String(this.resolve(origin.DomainName, stack));
        const api = [...apiIds].some((id) => domain.startsWith(`${id}.execute-api.`));
        if (!bucket && !api) {
          throw new Error(
            `Origin ${origin.Id}: only S3 buckets and the HTTP API are served locally`,
          );
        }
        return [origin.Id, bucket ? { bucket } : { api: true }] as const;
      }),
    );
    const behavior = (b: CacheBehavior, pattern: string): LocalBehavior => {
      const origin = origins.get(b.TargetOriginId);
      if (!origin) throw new Error(`No origin ${b.TargetOriginId}`);
      const viewerRequest = (b.FunctionAssociations ?? []).find(
        (f) => f.EventType === 'viewer-request',
      );
      const fn =
        viewerRequest &&
        this.find(stack, refTarget(viewerRequest.FunctionARN) ?? '', 'AWS::CloudFront::Function');
      const policyId = refTarget(b.ResponseHeadersPolicyId ?? null);
      const policy = policyId
        ? this.find(stack, policyId, 'AWS::CloudFront::ResponseHeadersPolicy')
        : undefined;
      return {
        pattern,
        target: 'bucket' in origin ? 'bucket' : 'api',
        allowedMethods: b.AllowedMethods ?? ['GET', 'HEAD'],
        viewerRequest: fn ? String(fn.Properties?.FunctionCode) : undefined,
        headers: policy ? this.responseHeaders(policy, stack) : {},
      };
    };
    const behaviors = [
      ...(config.CacheBehaviors ?? []).map((b) => behavior(b, b.PathPattern)),
      behavior(config.DefaultCacheBehavior, '*'),
    ];
    const buckets = new Set(
      [...origins.values()].flatMap((o) => ('bucket' in o ? [o.bucket] : [])),
    );
    const deployments = this.resources('Custom::CDKBucketDeployment')
      .filter(({ resource }) =>
        buckets.has(refTarget(resource.Properties?.DestinationBucketName) ?? ''),
      )
      .map(({ stack: at, id, resource }) => ({
        id,
        dependsOn: dependsOn(resource),
        ...this.deployment(resource, at),
      }));
    return {
      defaultRootObject: config.DefaultRootObject,
      behaviors,
      // A deployment that depends on another writes after it: its files win.
      deployments: writeOrder(deployments),
    };
  }

  private deployment(resource: Resource, stack: Stack): Omit<LocalDeployment, 'id'> {
    const props = resource.Properties ?? {};
    const keys = (props.SourceObjectKeys as Json[]).map((key) => String(this.resolve(key, stack)));
    const markers = (props.SourceMarkers as Record<string, Json>[] | undefined) ?? [];
    const markerConfig =
      (props.SourceMarkersConfig as { jsonEscape?: boolean }[] | undefined) ?? [];
    return {
      sources: keys.map((key, i) => {
        const dir = stack.assets.get(key);
        if (!dir) throw new Error(`No asset ${key} in ${this.dir}`);
        const values = Object.entries(markers[i] ?? {}).map(([marker, value]) => {
          const text = String(this.resolve(value, stack));
          return [
            marker,
            markerConfig[i]?.jsonEscape ? JSON.stringify(text).slice(1, -1) : text,
          ] as [string, string];
        });
        return { dir, markers: values };
      }),
      include: (props.Include as string[] | undefined) ?? [],
      exclude: (props.Exclude as string[] | undefined) ?? [],
      cacheControl: (props.SystemMetadata as Record<string, string> | undefined)?.['cache-control'],
    };
  }

  /** The headers a CloudFront response headers policy adds. */
  private responseHeaders(policy: Resource, stack: Stack): Record<string, string> {
    const config = this.resolve(policy.Properties?.ResponseHeadersPolicyConfig, stack) as {
      SecurityHeadersConfig?: Record<string, Record<string, Json>>;
      CustomHeadersConfig?: { Items: { Header: string; Value: string }[] };
    };
    const security = config.SecurityHeadersConfig ?? {};
    const headers: Record<string, string> = {};
    const csp = security.ContentSecurityPolicy?.ContentSecurityPolicy;
    if (csp) headers['content-security-policy'] = String(csp);
    const hsts = security.StrictTransportSecurity;
    if (hsts) {
      headers['strict-transport-security'] = [
        `max-age=${hsts.AccessControlMaxAgeSec}`,
        ...(hsts.IncludeSubdomains ? ['includeSubDomains'] : []),
        ...(hsts.Preload ? ['preload'] : []),
      ].join('; ');
    }
    if (security.ContentTypeOptions) headers['x-content-type-options'] = 'nosniff';
    if (security.FrameOptions)
      headers['x-frame-options'] = String(security.FrameOptions.FrameOption);
    if (security.ReferrerPolicy)
      headers['referrer-policy'] = String(security.ReferrerPolicy.ReferrerPolicy);
    for (const item of config.CustomHeadersConfig?.Items ?? [])
      headers[item.Header.toLowerCase()] = item.Value;
    return headers;
  }

  /** The API's CORS configuration, to answer browsers' preflight requests as API Gateway would. */
  cors(): Record<string, Json> | undefined {
    const [api] = this.resources('AWS::ApiGatewayV2::Api');
    return api?.resource.Properties?.CorsConfiguration as Record<string, Json> | undefined;
  }

  /**
   * Schedules (EventBridge Scheduler or rules) that invoke a function; each is named by the
   * `schedule` field of the input it sends, which is how the function tells its jobs apart.
   */
  schedules(): LocalSchedule[] {
    const out: LocalSchedule[] = [];
    for (const { stack, resource } of this.resources('AWS::Scheduler::Schedule')) {
      const target = resource.Properties?.Target as { Arn: Json; Input?: Json };
      out.push(
        schedule(String(this.resolve(target.Arn, stack)), this.resolve(target.Input, stack)),
      );
    }
    for (const { stack, resource } of this.resources('AWS::Events::Rule')) {
      for (const target of (resource.Properties?.Targets ?? []) as { Arn: Json; Input?: Json }[]) {
        out.push(
          schedule(String(this.resolve(target.Arn, stack)), this.resolve(target.Input, stack)),
        );
      }
    }
    return out.filter((s) => s.name !== '');
  }

  private findAnywhere(id: string, type: string): { stack: Stack; resource: Resource } {
    for (const stack of this.stacks) {
      const resource = stack.template.Resources[id];
      if (resource?.Type === type) return { stack, resource };
    }
    throw new Error(`No ${type} ${id} in any stack`);
  }

  private find(stack: Stack, id: string, type: string): Resource {
    const resource = stack.template.Resources[id];
    if (!resource || resource.Type !== type) throw new Error(`${stack.name}: no ${type} ${id}`);
    return resource;
  }

  /** Resolves a CloudFormation value as it would be after deployment, with local names. */
  resolve(value: Json, stack: Stack): Json {
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) return value.map((v) => this.resolve(v, stack));
    const entries = Object.entries(value);
    const [fn, arg] = entries[0] ?? [];
    if (entries.length !== 1 || !fn) {
      return Object.fromEntries(entries.map(([k, v]) => [k, this.resolve(v, stack)]));
    }
    switch (fn) {
      case 'Ref':
        return this.ref(String(arg), stack);
      case 'Fn::GetAtt': {
        const [id, attribute] = (Array.isArray(arg) ? arg : String(arg).split('.')) as string[];
        return this.getAtt(String(id), String(attribute), stack);
      }
      case 'Fn::ImportValue':
        return this.importValue(String(this.resolve(arg, stack)));
      case 'Fn::Join': {
        const [separator, parts] = arg as [string, Json[]];
        return (this.resolve(parts, stack) as Json[]).map(String).join(separator);
      }
      case 'Fn::Select': {
        const [index, list] = arg as [Json, Json];
        return (this.resolve(list, stack) as Json[])[Number(this.resolve(index, stack))];
      }
      case 'Fn::Sub': {
        const [text, vars] = (Array.isArray(arg) ? arg : [arg, {}]) as [
          string,
          Record<string, Json>,
        ];
        return text.replace(/\$\{([^}]+)\}/g, (_, name: string) =>
          name in vars
            ? String(this.resolve(vars[name], stack))
            : name.includes('.')
              ? String(this.getAtt(name.split('.')[0] ?? '', name.split('.')[1] ?? '', stack))
              : String(this.ref(name, stack)),
        );
      }
      default:
        return Object.fromEntries(entries.map(([k, v]) => [k, this.resolve(v, stack)]));
    }
  }

  private ref(id: string, stack: Stack): string {
    const pseudo: Record<string, string> = {
      'AWS::Region': LOCAL_REGION,
      'AWS::AccountId': LOCAL_ACCOUNT,
      'AWS::Partition': 'aws',
      'AWS::URLSuffix': 'amazonaws.com',
      'AWS::StackName': stack.name,
      'AWS::NoValue': '',
    };
    if (id in pseudo) return pseudo[id] as string;
    const resource = stack.template.Resources[id];
    if (!resource) throw new Error(`${stack.name}: Ref to unknown ${id}`);
    if (resource.Type.startsWith('AWS::DynamoDB::')) return tableName(stack.name, id);
    if (resource.Type === 'AWS::Cognito::UserPool') return `${LOCAL_REGION}_${id}`;
    return id;
  }

  private getAtt(id: string, attribute: string, stack: Stack): string {
    const resource = stack.template.Resources[id];
    if (!resource) throw new Error(`${stack.name}: GetAtt on unknown ${id}`);
    if (resource.Type === 'AWS::Cognito::UserPool' && attribute === 'ProviderURL') {
      // The issuer of the pool's tokens, as the JWT authorizer names it.
      return `https://cognito-idp.${LOCAL_REGION}.amazonaws.com/${this.ref(id, stack)}`;
    }
    if (attribute !== 'Arn') return `${id}.${attribute}`;
    if (resource.Type === 'AWS::Lambda::Function') return functionArn(id);
    if (resource.Type.startsWith('AWS::DynamoDB::')) {
      return `arn:aws:dynamodb:${LOCAL_REGION}:${LOCAL_ACCOUNT}:table/${tableName(stack.name, id)}`;
    }
    return `arn:aws:local:${LOCAL_REGION}:${LOCAL_ACCOUNT}:${id}`;
  }

  private importValue(name: string): Json {
    for (const stack of this.stacks) {
      for (const output of Object.values(stack.template.Outputs ?? {})) {
        if (output.Export && this.resolve(output.Export.Name, stack) === name) {
          return this.resolve(output.Value, stack);
        }
      }
    }
    throw new Error(`No stack exports ${name}`);
  }
}

export interface LocalBehavior {
  /** CloudFront's path pattern; `*` for the default behaviour. */
  pattern: string;
  target: 'api' | 'bucket';
  allowedMethods: string[];
  /** A CloudFront Function's code, run on each viewer request. */
  viewerRequest?: string;
  /** Added to every answer (the behaviour's response headers policy). */
  headers: Record<string, string>;
}
export interface LocalDeployment {
  id: string;
  /** Extracted in order, as BucketDeployment does; markers substituted in their files. */
  sources: { dir: string; markers: [string, string][] }[];
  include: string[];
  exclude: string[];
  cacheControl?: string;
}
export interface LocalSite {
  defaultRootObject?: string;
  behaviors: LocalBehavior[];
  /** In the order they write to the bucket. */
  deployments: LocalDeployment[];
}
interface CacheBehavior {
  TargetOriginId: string;
  PathPattern: string;
  AllowedMethods?: string[];
  FunctionAssociations?: { EventType: string; FunctionARN: Json }[];
  ResponseHeadersPolicyId?: Json;
}
interface DistributionConfig {
  Origins: { Id: string; DomainName: Json; S3OriginConfig?: Json }[];
  DefaultCacheBehavior: CacheBehavior;
  CacheBehaviors?: CacheBehavior[];
  DefaultRootObject?: string;
}

/** The logical id a `Ref` or `Fn::GetAtt` names. */
function refTarget(value: Json): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as { Ref?: Json; 'Fn::GetAtt'?: Json };
  if (typeof v.Ref === 'string') return v.Ref;
  const att = v['Fn::GetAtt'];
  if (Array.isArray(att)) return String(att[0]);
  if (typeof att === 'string') return att.split('.')[0];
  return undefined;
}

function dependsOn(resource: Resource): string[] {
  const value = (resource as { DependsOn?: string | string[] }).DependsOn;
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** Resources in an order where each comes after those it depends on. */
function writeOrder<T extends { id: string; dependsOn: string[] }>(items: T[]): T[] {
  const out: T[] = [];
  const visit = (item: T, path: Set<string>) => {
    if (out.includes(item) || path.has(item.id)) return;
    path.add(item.id);
    for (const dep of item.dependsOn) {
      const before = items.find((other) => other.id === dep);
      if (before) visit(before, path);
    }
    out.push(item);
  };
  for (const item of items) visit(item, new Set());
  return out;
}

/** A function's construct name (Registration, Ledger, RankingsCompute…), for people to read. */
export const functionName = (fn: Pick<LocalFunction, 'id'>) =>
  fn.id.replace(/Function[0-9A-F]{8}$/, '');

const functionArn = (id: string) =>
  `arn:aws:lambda:${LOCAL_REGION}:${LOCAL_ACCOUNT}:function:${id}`;
const tableName = (stackName: string, id: string) => `${stackName}.${id}`;

function schedule(functionArn: string, input: Json): LocalSchedule {
  let parsed: Json = input;
  if (typeof input === 'string') {
    try {
      parsed = JSON.parse(input);
    } catch {
      parsed = input;
    }
  }
  const name = (parsed as { schedule?: unknown } | undefined)?.schedule;
  return { name: typeof name === 'string' ? name : '', functionArn, input: parsed };
}

function readAssets(dir: string, file: string | undefined): Map<string, string> {
  const assets = new Map<string, string>();
  if (!file) return assets;
  const manifest = readJson(path.join(dir, file)) as {
    files?: Record<
      string,
      { source: { path: string }; destinations: Record<string, { objectKey: string }> }
    >;
  };
  for (const asset of Object.values(manifest.files ?? {})) {
    for (const destination of Object.values(asset.destinations)) {
      assets.set(destination.objectKey, path.join(dir, asset.source.path));
    }
  }
  return assets;
}

function readJson(file: string): Json {
  return JSON.parse(readFileSync(file, 'utf8'));
}
