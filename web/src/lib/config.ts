import * as z from 'zod/mini';

/*
 * The console's runtime configuration, GET /config.json on its own origin: where the API is and
 * which OpenID provider signs people in (the local runtime's /_local/oidc, or the Cognito user
 * pool when deployed). Read once at start-up; a wrong file stops the console with a message
 * that names the field, not a blank page.
 */
const configSchema = z.object({
  apiBase: z.string(),
  oidc: z.object({
    authority: z.url(),
    clientId: z.string().check(z.minLength(1)),
    scope: z._default(z.string(), 'openid profile email'),
  }),
});
export type ConsoleConfig = z.output<typeof configSchema>;

export class ConfigError extends Error {}

export function parseConfig(json: unknown): ConsoleConfig {
  const parsed = configSchema.safeParse(json);
  if (parsed.success) {
    return { ...parsed.data, apiBase: parsed.data.apiBase.replace(/\/+$/, '') };
  }
  const issue = parsed.error.issues[0];
  const where = issue?.path.join('.') || '(root)';
  throw new ConfigError(`config.json: ${where}: ${issue?.message ?? 'invalid'}`);
}

export async function loadConfig(
  fetchFn: typeof fetch = fetch,
  url = '/config.json',
): Promise<ConsoleConfig> {
  let response: Response;
  try {
    response = await fetchFn(url, { headers: { accept: 'application/json' }, cache: 'no-store' });
  } catch (error) {
    throw new ConfigError(`config.json could not be fetched: ${(error as Error).message}`);
  }
  if (!response.ok) throw new ConfigError(`config.json answered ${response.status}`);
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    throw new ConfigError('config.json is not JSON');
  }
  return parseConfig(json);
}
