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
/** A user pool's pre-token-generation trigger: the function Cognito runs before it issues a token. */
export interface LocalTokenTrigger {
  /** The pool's id as the template resolves locally (the end of its tokens' issuer URL). */
  userPoolId: string;
  functionArn: string;
  /** The event version the pool sends: V1_0 (ID token only), V2_0 or V3_0 (both tokens). */
  version: string;
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

  functions(): LocalFunction[] {
    return this.resources('AWS::Lambda::Function').map(({ stack, id, resource }) => {
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
        // There is no Cognito here (the local issuer stands in for it): a variable naming a user
        // pool is withheld, so a function finds no pool's users to manage.
        environment: Object.fromEntries(
          Object.entries(variables ?? {})
            .filter(([, v]) => this.refTarget(v, stack)?.Type !== 'AWS::Cognito::UserPool')
            .map(([k, v]) => [k, String(this.resolve(v, stack))]),
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
        const authorizer = this.find(stack, authorizerId, 'AWS::ApiGatewayV2::Authorizer');
        const config = authorizer.Properties?.JwtConfiguration as {
          Issuer: Json;
          Audience: Json[];
        };
        route.jwt = {
          issuer: String(this.resolve(config.Issuer, stack)),
          audience: config.Audience.map((a) => String(this.resolve(a, stack))),
        };
      } else if (props.AuthorizationType && props.AuthorizationType !== 'NONE') {
        throw new Error(
          `Route ${id}: authorization ${String(props.AuthorizationType)} is not supported locally`,
        );
      }
      return route;
    });
  }

  /** Each user pool's pre-token-generation trigger, with the event version it is sent. */
  tokenTriggers(): LocalTokenTrigger[] {
    return this.resources('AWS::Cognito::UserPool').flatMap(({ stack, id, resource }) => {
      const config = resource.Properties?.LambdaConfig as
        | {
            PreTokenGenerationConfig?: { LambdaArn: Json; LambdaVersion?: string };
            PreTokenGeneration?: Json;
          }
        | undefined;
      const v2 = config?.PreTokenGenerationConfig;
      const arn = v2?.LambdaArn ?? config?.PreTokenGeneration;
      if (arn === undefined) return [];
      return [
        {
          userPoolId: this.ref(id, stack),
          functionArn: String(this.resolve(arn, stack)),
          version: v2?.LambdaVersion ?? 'V1_0',
        },
      ];
    });
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

  /** The resource a value names with Ref, in its own stack or through another stack's export. */
  private refTarget(value: Json, stack: Stack): Resource | undefined {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    if ('Ref' in value) return stack.template.Resources[String(value.Ref)];
    if (!('Fn::ImportValue' in value)) return undefined;
    const name = this.resolve(value['Fn::ImportValue'], stack);
    for (const other of this.stacks) {
      for (const output of Object.values(other.template.Outputs ?? {})) {
        if (output.Export && this.resolve(output.Export.Name, other) === name) {
          return this.refTarget(output.Value, other);
        }
      }
    }
    return undefined;
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
