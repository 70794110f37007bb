import {
  AssetHashType,
  Aws,
  CfnOutput,
  DockerImage,
  Duration,
  Fn,
  RemovalPolicy,
  Stack,
  type StackProps,
} from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  AllowedMethods,
  type BehaviorOptions,
  CachePolicy,
  Distribution,
  Function as EdgeFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import {
  CfnManagedLoginBranding,
  ClientAttributes,
  ManagedLoginVersion,
  OAuthScope,
  type UserPool,
  UserPoolClient,
  UserPoolClientIdentityProvider,
  UserPoolDomain,
} from 'aws-cdk-lib/aws-cognito';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type CfnBucket,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import type { Construct } from 'constructs';
import { CONSOLE_SIGN_IN } from '#shared/auth/sign-in';
import { buildConsole, CONSOLE_DIR, consoleSourceHash, copyConsole } from './console-build';
import { acknowledge } from './nag';

export interface WebStackProps extends StackProps {
  stage: string;
  userPool: UserPool;
}

/** The console's client routes (no file extension) get its page; files are served as they are. */
/** The error statuses CloudFront would otherwise keep for a while. */
const CACHEABLE_ERRORS = [400, 403, 404, 405, 414, 416, 500, 501, 502, 503, 504];

const SPA_ROUTES = `function handler(event) {
  var request = event.request;
  var last = request.uri.split('/').pop();
  if (last.indexOf('.') === -1) request.uri = '/index.html';
  return request;
}`;

/**
 * What a browser reaches, one origin for everything: CloudFront serving the web console from a
 * private bucket and passing /v1/* and /openapi.json to the HTTP API, the HTTP API's front door
 * (its stage, access logs and throttling), and the console's sign-in (a user-pool client with
 * the code grant and PKCE, and the Cognito managed-login domain).
 *
 * The HTTP API lives here, not with the functions, because of one cycle: CloudFront must name the
 * API's domain, the sign-in client must name CloudFront's, and the API's JWT authorizer must name
 * the client. So this stack holds the API, CloudFront and the client; the Api stack adds the
 * authorizer, the functions and their routes to this API.
 */
export class WebStack extends Stack {
  readonly api: HttpApi;
  readonly consoleClient: UserPoolClient;

  constructor(scope: Construct, id: string, props: WebStackProps) {
    super(scope, id, props);
    const { userPool } = props;

    // The console and the API share CloudFront's origin, so the API answers no CORS preflight.
    this.api = new HttpApi(this, 'Api', { createDefaultStage: false });
    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: RetentionDays.THREE_MONTHS });
    const stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: 200, burstLimit: 400 },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        // HTTP API context variables, one JSON object per request.
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            ip: '$context.identity.sourceIp',
            requestTime: '$context.requestTime',
            routeKey: '$context.routeKey',
            status: '$context.status',
            protocol: '$context.protocol',
            responseLength: '$context.responseLength',
            latencyMs: '$context.responseLatency',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
            sub: '$context.authorizer.claims.sub',
          }),
        ),
      },
    });

    // CloudFront's access logs: every read of the console and every API call through it.
    const logs = new Bucket(this, 'Logs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // CloudFront's standard logs are delivered with an object ACL.
      objectOwnership: ObjectOwnership.OBJECT_WRITER,
      lifecycleRules: [{ expiration: Duration.days(365) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(logs, {
      'AwsSolutions-S1':
        'This bucket holds CloudFront’s access logs; logging access to the logs themselves would log the logs.',
    });
    const site = new Bucket(this, 'Site', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(90) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(site, {
      'AwsSolutions-S1':
        'The console bucket is read only by CloudFront (origin access control), whose access logs record every request; only the deployment writes to it.',
    });

    const signIn = new UserPoolDomain(this, 'SignIn', {
      userPool,
      // Unique per account and stage; Cognito domain prefixes are global within a region.
      cognitoDomain: { domainPrefix: Fn.join('-', ['fic', props.stage, Aws.ACCOUNT_ID]) },
      managedLoginVersion: ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });

    const headers = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'The console and the API: strict CSP, HSTS, no sniffing, no framing',
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          override: true,
          contentSecurityPolicy: [
            "default-src 'self'",
            "script-src 'self'",
            // Ant Design writes its styles at run time (CSS-in-JS); a static site has no
            // per-response nonce to give it, so inline styles are allowed, inline scripts not.
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self' data:",
            // Sign-in: the user pool's discovery and keys, and the managed-login domain's token
            // endpoint.
            `connect-src 'self' https://cognito-idp.${Aws.REGION}.amazonaws.com ${signIn.baseUrl()}`,
            "worker-src 'self' blob:",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
          ].join('; '),
        },
        strictTransportSecurity: {
          override: true,
          accessControlMaxAge: Duration.days(730),
          includeSubdomains: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { override: true, frameOption: HeadersFrameOption.DENY },
        referrerPolicy: {
          override: true,
          referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
        },
      },
    });

    const toApi: BehaviorOptions = {
      origin: new HttpOrigin(`${this.api.apiId}.execute-api.${this.region}.${this.urlSuffix}`, {
        protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
        originSslProtocols: [OriginSslPolicy.TLS_V1_2],
      }),
      viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: AllowedMethods.ALLOW_ALL,
      // Never cached; every header but Host (API Gateway routes by its own), Authorization
      // included, and every query string go to the API.
      cachePolicy: CachePolicy.CACHING_DISABLED,
      originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      responseHeadersPolicy: headers,
    };
    const distribution = new Distribution(this, 'Console', {
      comment: `FIC chambers console (${props.stage})`,
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(site),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: headers,
        functionAssociations: [
          {
            eventType: FunctionEventType.VIEWER_REQUEST,
            function: new EdgeFunction(this, 'ConsoleRoutes', {
              comment: 'Client routes of the console get index.html',
              code: FunctionCode.fromInline(SPA_ROUTES),
              runtime: FunctionRuntime.JS_2_0,
            }),
          },
        ],
      },
      additionalBehaviors: { '/v1/*': toApi, '/openapi.json': toApi },
      // CloudFront keeps an error answer 10 s by default, whatever its Cache-Control says, keyed
      // by path only: one person's 403 would be served to the next. Errors are never kept; no
      // page replaces them (the API's problem+json reaches the console as it was sent).
      errorResponses: CACHEABLE_ERRORS.map((httpStatus) => ({
        httpStatus,
        ttl: Duration.seconds(0),
      })),
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_ALL,
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'cloudfront/',
    });
    acknowledge(distribution, {
      'AwsSolutions-CFR1':
        'The public face (rankings, awards, statistics) is meant for anyone; a deployment that must restrict countries sets a geo restriction.',
      'AwsSolutions-CFR2':
        'A WAF web ACL is priced per request and rule; the API throttles per stage and every write needs a token. A deployment facing hostile traffic attaches one.',
      'AwsSolutions-CFR4':
        'The distribution uses CloudFront’s default certificate, whose minimum protocol CloudFront fixes; a custom domain with its own certificate sets TLSv1.2_2021.',
    });

    const origin = `https://${distribution.distributionDomainName}`;
    this.consoleClient = new UserPoolClient(this, 'ConsoleClient', {
      userPool,
      // A browser keeps no secret: a public client, the code grant and PKCE.
      generateSecret: false,
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: [`${origin}${CONSOLE_SIGN_IN.callbackPath}`],
        logoutUrls: [`${origin}${CONSOLE_SIGN_IN.signedOutPath}`],
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      // Region and chamber decide what a person may do: never written by the person.
      writeAttributes: new ClientAttributes(),
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      // A working day: silent renewal until then, then managed login again.
      refreshTokenValidity: Duration.hours(12),
    });
    new CfnManagedLoginBranding(this, 'SignInBranding', {
      userPoolId: userPool.userPoolId,
      clientId: this.consoleClient.userPoolClientId,
      useCognitoProvidedValues: true,
    });

    // The console's files, built by Vite; hashed files are kept a year, the page and its
    // configuration are checked on every load, so a deploy reaches every browser at once.
    const files = Source.asset(CONSOLE_DIR, {
      assetHash: consoleSourceHash(),
      assetHashType: AssetHashType.CUSTOM,
      bundling: {
        // Never used: the local build below either succeeds or throws.
        image: DockerImage.fromRegistry('public.ecr.aws/docker/library/node:24'),
        local: {
          tryBundle(outputDir) {
            buildConsole();
            copyConsole(outputDir);
            return true;
          },
        },
      },
    });
    const assets = new BucketDeployment(this, 'ConsoleAssets', {
      sources: [files],
      destinationBucket: site,
      exclude: ['*'],
      include: ['assets/*'],
      // Browsers holding the previous page still load its files.
      prune: false,
      cacheControl: [CacheControl.fromString('public, max-age=31536000, immutable')],
      memoryLimit: 512,
    });
    const pages = new BucketDeployment(this, 'ConsolePages', {
      sources: [
        files,
        Source.jsonData('config.json', {
          apiBase: '',
          oidc: {
            authority: userPool.userPoolProviderUrl,
            clientId: this.consoleClient.userPoolClientId,
            scope: CONSOLE_SIGN_IN.scope,
          },
        }),
      ],
      destinationBucket: site,
      exclude: ['assets/*', '.vite/*'],
      prune: false,
      cacheControl: [CacheControl.noCache()],
      distribution,
      distributionPaths: ['/*'],
      memoryLimit: 512,
    });
    pages.node.addDependency(assets);
    // The copying function both deployments share is CDK's own (a singleton it writes itself).
    for (const child of this.node.children) {
      if (!child.node.id.startsWith('Custom::CDKBucketDeployment')) continue;
      acknowledge(child, {
        'AwsSolutions-L1':
          'CDK’s BucketDeployment function: CDK chooses and updates its runtime with the CDK version.',
        'Serverless-LambdaLatestVersion':
          'CDK’s BucketDeployment function: CDK chooses and updates its runtime with the CDK version.',
        'Serverless-LambdaDLQ':
          'CloudFormation invokes the deployment function as a custom resource and waits for its answer: a failure fails the deployment, there is nothing to queue.',
        'Serverless-LambdaTracing':
          'CDK’s BucketDeployment function runs at deploy time only; its log group records each copy.',
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]':
          'AWSLambdaBasicExecutionRole grants only CloudWatch Logs writes; it is the AWS-maintained minimum for a Lambda function.',
        'AwsSolutions-IAM5[Action::s3:GetObject*]':
          'CDK’s BucketDeployment grant: read the console’s asset objects from the CDK asset bucket.',
        'AwsSolutions-IAM5[Action::s3:GetBucket*]':
          'CDK’s BucketDeployment grant: read the asset and console buckets’ location and settings.',
        'AwsSolutions-IAM5[Action::s3:List*]':
          'CDK’s BucketDeployment grant: list what is in the console bucket to copy only what changed.',
        'AwsSolutions-IAM5[Action::s3:DeleteObject*]':
          'CDK’s BucketDeployment grant on the console bucket (prune is off, but the grant is fixed by CDK).',
        'AwsSolutions-IAM5[Action::s3:Abort*]':
          'CDK’s BucketDeployment grant: abort its own multipart uploads to the console bucket.',
        [`AwsSolutions-IAM5[Resource::<${this.getLogicalId(site.node.defaultChild as CfnBucket)}.Arn>/*]`]:
          'Every object of the console bucket: the deployment writes the console’s files there.',
        'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*]':
          'The CDK bootstrap asset bucket, from which the deployment copies the console’s files.',
        'AwsSolutions-IAM5[Resource::*]':
          'CreateInvalidation on the console’s distribution: CloudFront grants it per distribution only through "*" in CDK’s BucketDeployment policy.',
      });
    }

    new CfnOutput(this, 'ConsoleUrl', { value: origin });
    new CfnOutput(this, 'ApiUrl', { value: stage.url });
    new CfnOutput(this, 'UserPoolClientId', { value: this.consoleClient.userPoolClientId });
    new CfnOutput(this, 'SignInDomain', { value: signIn.baseUrl() });
  }
}
