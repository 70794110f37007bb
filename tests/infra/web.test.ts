import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_SIGN_IN } from '#shared/auth/sign-in';
import {
  type CfnResource,
  type CfnTemplate,
  NO_BUNDLING,
  resolveImports,
  resourcesOfType,
  type Synthesized,
  synthesize,
} from './synth';

/*
 * The Web stack: CloudFront in front of the console's bucket and the HTTP API, its security
 * headers, the console's sign-in client, and what the deployment writes to the bucket.
 */

let synth: Synthesized;
let web: CfnTemplate;
let data: CfnTemplate;

beforeAll(() => {
  synth = synthesize({ stage: 'webtest', ...NO_BUNDLING });
  web = synth.templates['Fic-webtest-Web'] as CfnTemplate;
  data = synth.templates['Fic-webtest-Data'] as CfnTemplate;
});
afterAll(() => synth?.dispose());

const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
const CACHING_OPTIMIZED = '658327ea-f89d-4fab-a63d-7e88639e58f6';
const ALL_VIEWER_EXCEPT_HOST = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';

function only(
  template: CfnTemplate,
  type: string,
): [string, CfnResource & { Properties: Record<string, unknown> }] {
  const found = resourcesOfType(template, type);
  expect(
    found.map(([id]) => id),
    type,
  ).toHaveLength(1);
  return found[0] as (typeof found)[number];
}

interface Behavior {
  PathPattern?: string;
  TargetOriginId: string;
  ViewerProtocolPolicy: string;
  AllowedMethods?: string[];
  CachePolicyId: string;
  OriginRequestPolicyId?: string;
  ResponseHeadersPolicyId?: unknown;
  FunctionAssociations?: { EventType: string; FunctionARN: unknown }[];
}
interface DistributionConfig {
  Origins: {
    Id: string;
    DomainName: unknown;
    OriginAccessControlId?: unknown;
    S3OriginConfig?: { OriginAccessIdentity: string };
    CustomOriginConfig?: { OriginProtocolPolicy: string; OriginSSLProtocols: string[] };
  }[];
  DefaultCacheBehavior: Behavior;
  CacheBehaviors: Behavior[];
  CustomErrorResponses?: unknown[];
  Logging?: unknown;
}

const distributionConfig = () =>
  only(web, 'AWS::CloudFront::Distribution')[1].Properties.DistributionConfig as DistributionConfig;
const originOf = (behavior: Behavior) =>
  distributionConfig().Origins.find((origin) => origin.Id === behavior.TargetOriginId);

describe('CloudFront', () => {
  it('serves the console from a private, versioned, TLS-only bucket through origin access control', () => {
    const config = distributionConfig();
    const origin = originOf(config.DefaultCacheBehavior);
    const [bucketId, bucket] = resourcesOfType(web, 'AWS::S3::Bucket').find(([id]) =>
      JSON.stringify(origin?.DomainName).includes(`"${id}"`),
    ) ?? ['', undefined];
    expect(bucket, 'the default behaviour’s origin is a bucket of the stack').toBeDefined();
    expect(bucket?.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket?.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(origin?.OriginAccessControlId).toBeDefined();
    expect(origin?.S3OriginConfig?.OriginAccessIdentity).toBe('');
    expect(config.DefaultCacheBehavior.ViewerProtocolPolicy).toBe('redirect-to-https');
    expect(config.DefaultCacheBehavior.CachePolicyId).toBe(CACHING_OPTIMIZED);

    const policy = resourcesOfType(web, 'AWS::S3::BucketPolicy').find(
      ([, p]) => JSON.stringify(p.Properties.Bucket) === JSON.stringify({ Ref: bucketId }),
    )?.[1];
    if (!policy) throw new Error('the console bucket has no bucket policy');
    const statements = (
      policy.Properties.PolicyDocument as { Statement: Record<string, unknown>[] }
    ).Statement;
    expect(statements).toContainEqual(
      expect.objectContaining({
        Effect: 'Deny',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    );
    // Only CloudFront reads, and only for this distribution.
    const reads = statements.filter((s) => s.Effect === 'Allow');
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({
      Action: 's3:GetObject',
      Principal: { Service: 'cloudfront.amazonaws.com' },
    });
    expect(JSON.stringify(reads[0]?.Condition)).toContain('AWS:SourceArn');
  });

  it('passes /v1/* and /openapi.json to the HTTP API: uncached, every method, every header but Host', () => {
    const config = distributionConfig();
    const [apiId] = only(web, 'AWS::ApiGatewayV2::Api');
    expect(config.CacheBehaviors.map((b) => b.PathPattern).sort()).toEqual([
      '/openapi.json',
      '/v1/*',
    ]);
    for (const behavior of config.CacheBehaviors) {
      const origin = originOf(behavior);
      expect(JSON.stringify(origin?.DomainName)).toContain(`{"Ref":"${apiId}"}`);
      expect(JSON.stringify(origin?.DomainName)).toContain('.execute-api.');
      expect(origin?.CustomOriginConfig).toEqual({
        OriginProtocolPolicy: 'https-only',
        OriginSSLProtocols: ['TLSv1.2'],
      });
      expect(behavior.CachePolicyId).toBe(CACHING_DISABLED);
      // With caching off, this policy forwards Authorization too; Host would break API Gateway.
      expect(behavior.OriginRequestPolicyId).toBe(ALL_VIEWER_EXCEPT_HOST);
      expect(behavior.AllowedMethods?.sort()).toEqual([
        'DELETE',
        'GET',
        'HEAD',
        'OPTIONS',
        'PATCH',
        'POST',
        'PUT',
      ]);
      expect(behavior.ViewerProtocolPolicy).toBe('https-only');
      expect(behavior.FunctionAssociations ?? []).toEqual([]);
    }
  });

  it('sends client routes to index.html, files as they are, and never rewrites an API error', () => {
    const config = distributionConfig();
    // Error pages apply to every behaviour: the API's 403 and 404 would become the console page.
    // Each error is listed only to be kept for 0 s (CloudFront keeps one 10 s by default, keyed
    // by path alone: a person's 403 would reach the next person).
    const errors = (config.CustomErrorResponses ?? []) as Record<string, unknown>[];
    expect(errors.map((e) => e.ErrorCode)).toEqual(
      expect.arrayContaining([400, 403, 404, 405, 500, 502, 503, 504]),
    );
    for (const error of errors) {
      expect(error).toEqual({ ErrorCode: error.ErrorCode, ErrorCachingMinTTL: 0 });
    }
    const [association] = config.DefaultCacheBehavior.FunctionAssociations ?? [];
    expect(association?.EventType).toBe('viewer-request');
    const [, fn] = only(web, 'AWS::CloudFront::Function');
    expect((fn.Properties.FunctionConfig as { Runtime: string }).Runtime).toBe('cloudfront-js-2.0');
    const handler = runInNewContext(`${fn.Properties.FunctionCode};handler`) as (
      event: unknown,
    ) => {
      uri: string;
    };
    const uri = (path: string) => handler({ request: { uri: path, method: 'GET' } }).uri;
    expect(uri('/')).toBe('/index.html');
    expect(uri('/registry/chambers/c-123')).toBe('/index.html');
    expect(uri('/auth/callback')).toBe('/index.html');
    expect(uri('/assets/index-abc123.js')).toBe('/assets/index-abc123.js');
    expect(uri('/config.json')).toBe('/config.json');
  });

  it('adds strict security headers to everything it answers', () => {
    const config = distributionConfig();
    const [policyId, policy] = only(web, 'AWS::CloudFront::ResponseHeadersPolicy');
    for (const behavior of [config.DefaultCacheBehavior, ...config.CacheBehaviors])
      expect(behavior.ResponseHeadersPolicyId).toEqual({ Ref: policyId });
    const security = (
      policy.Properties.ResponseHeadersPolicyConfig as {
        SecurityHeadersConfig: Record<string, Record<string, unknown>>;
      }
    ).SecurityHeadersConfig;
    const csp = JSON.stringify(security.ContentSecurityPolicy?.ContentSecurityPolicy);
    const directive = (name: string) => new RegExp(`${name} ([^;"]*)`).exec(csp)?.[1];
    expect(directive('default-src')).toBe("'self'");
    expect(directive('script-src')).toBe("'self'");
    expect(directive('object-src')).toBe("'none'");
    expect(directive('frame-ancestors')).toBe("'none'");
    expect(directive('base-uri')).toBe("'self'");
    expect(directive('connect-src')).toContain("'self'");
    // The deployed sign-in talks to Cognito from the page: its token endpoint and the pool's.
    expect(directive('connect-src')).toContain('https://cognito-idp.');
    expect(csp).toContain('amazoncognito.com');
    expect(csp).not.toContain("'unsafe-eval'");
    expect(security.StrictTransportSecurity).toMatchObject({
      IncludeSubdomains: true,
      Override: true,
    });
    expect(Number(security.StrictTransportSecurity?.AccessControlMaxAgeSec)).toBeGreaterThanOrEqual(
      365 * 86_400,
    );
    expect(security.ContentTypeOptions).toEqual({ Override: true });
    expect(security.FrameOptions).toEqual({ FrameOption: 'DENY', Override: true });
    expect(security.ReferrerPolicy?.ReferrerPolicy).toBe('strict-origin-when-cross-origin');
  });

  it('keeps access logs', () => {
    expect(distributionConfig().Logging).toBeDefined();
  });
});

describe('the console’s sign-in', () => {
  it('is a public client with the code grant (PKCE), back to the distribution only', () => {
    const [, client] = only(web, 'AWS::Cognito::UserPoolClient');
    const [distributionId] = only(web, 'AWS::CloudFront::Distribution');
    const p = client.Properties;
    expect(p.GenerateSecret).toBe(false);
    expect(p.AllowedOAuthFlows).toEqual(['code']);
    expect(p.AllowedOAuthFlowsUserPoolClient).toBe(true);
    expect(p.AllowedOAuthScopes).toEqual(expect.arrayContaining(['openid', 'email', 'profile']));
    expect(p.SupportedIdentityProviders).toEqual(['COGNITO']);
    expect(p.EnableTokenRevocation).toBe(true);
    const url = (suffix: string) => ({
      'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distributionId, 'DomainName'] }, suffix]],
    });
    expect(p.CallbackURLs).toEqual([url(CONSOLE_SIGN_IN.callbackPath)]);
    expect(p.LogoutURLs).toEqual([url(CONSOLE_SIGN_IN.signedOutPath)]);
  });

  it('signs in through Cognito managed login on a domain of its own', () => {
    const [poolId] = only(data, 'AWS::Cognito::UserPool');
    const [, domain] = only(web, 'AWS::Cognito::UserPoolDomain');
    expect(domain.Properties.ManagedLoginVersion).toBe(2);
    expect(resolveImports(domain.Properties.UserPoolId, synth.templates)).toEqual({ Ref: poolId });
    const [, branding] = only(web, 'AWS::Cognito::ManagedLoginBranding');
    expect(branding.Properties.UseCognitoProvidedValues).toBe(true);
  });

  it('leaves the API without CORS: the console reaches it on its own origin', () => {
    const [, api] = only(web, 'AWS::ApiGatewayV2::Api');
    expect(api.Properties.CorsConfiguration).toBeUndefined();
  });
});

describe('the console’s files', () => {
  const deployments = () =>
    resourcesOfType(web, 'Custom::CDKBucketDeployment').map(([id, d]) => ({ id, ...d }));

  it('keeps hashed files a year and checks the page and its configuration on every load', () => {
    const all = deployments();
    const assets = all.find((d) => JSON.stringify(d.Properties.Include) === '["assets/*"]');
    const pages = all.find((d) => d !== assets);
    expect(all).toHaveLength(2);
    expect(assets?.Properties).toMatchObject({
      Exclude: ['*'],
      Include: ['assets/*'],
      Prune: false,
      SystemMetadata: { 'cache-control': 'public, max-age=31536000, immutable' },
    });
    expect(pages?.Properties).toMatchObject({
      Exclude: expect.arrayContaining(['assets/*']),
      Prune: false,
      SystemMetadata: { 'cache-control': 'no-cache' },
      DistributionPaths: ['/*'],
    });
    // The page is written after the files it names.
    expect((pages as { DependsOn?: string[] }).DependsOn).toContain(assets?.id);
  });

  it('writes config.json with the user pool’s issuer and the console’s client id', () => {
    const pages = deployments().find((d) => d.Properties.SourceMarkers);
    if (!pages) throw new Error('no deployment writes a file with deploy-time values');
    const allMarkers = pages.Properties.SourceMarkers as Record<string, unknown>[];
    const markers = allMarkers.find((m) => Object.keys(m).length > 0) as Record<string, unknown>;
    const key = (pages.Properties.SourceObjectKeys as string[])[allMarkers.indexOf(markers)] ?? '';
    const file = path.join(synth.outdir, `asset.${key.replace(/\.zip$/, '')}`, 'config.json');
    let config = readFileSync(file, 'utf8');
    const [poolId] = only(data, 'AWS::Cognito::UserPool');
    const [clientId] = only(web, 'AWS::Cognito::UserPoolClient');
    for (const [marker, value] of Object.entries(markers)) {
      const resolved = JSON.stringify(resolveImports(value, synth.templates));
      config = config.replaceAll(marker, resolved.replaceAll('"', "'"));
    }
    expect(JSON.parse(config)).toEqual({
      apiBase: '',
      oidc: {
        authority: `{'Fn::GetAtt':['${poolId}','ProviderURL']}`,
        clientId: `{'Ref':'${clientId}'}`,
        scope: CONSOLE_SIGN_IN.scope,
      },
    });
  });
});
