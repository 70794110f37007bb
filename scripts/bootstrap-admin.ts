// `npm run accounts:bootstrap -- --user-pool-id ID --table NAME --name 姓名 --email ADDRESS
//   [--phone NUMBER] [--region 371600]`: creates the very first FIC administrator of a fresh
// deployment, whom nobody can invite because nobody has an account yet. It runs the API's own
// invitation (functions/accounts/operations.ts) as a one-off principal named "bootstrap": the
// account and its history entry are written to the accounts table, and the user pool creates the
// person's user and sends them a temporary password. After it, administrators invite everyone
// else through the API (POST /v1/accounts), and this command refuses to run again for the
// province (running it again for the same person only says it is done).
//
// Values: --user-pool-id and --table are the stack outputs UserPoolId and AccountsTableName of
// Fic-<stage>-Data. Credentials and region come from the AWS environment, as for `cdk deploy`.
// Without --user-pool-id (a local DynamoDB, with AWS_ENDPOINT_URL_DYNAMODB) the accounts table
// is the whole directory, as in the local runtime.
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import * as z from 'zod/mini';
import { ACCOUNTS_TABLE_ENV } from '#shared/accounts/published';
import type { Principal } from '#shared/auth/principal';
import type { Account } from '#shared/contract/accounts';

export interface BootstrapOptions {
  table: string;
  userPoolId?: string | undefined;
  name: string;
  email?: string | undefined;
  phone?: string | undefined;
  regionCode: string;
}

export interface Bootstrapped {
  account: Account;
  /** False when this person was already the province's first administrator (a second run). */
  created: boolean;
}

/** Refused: the province already has an administrator, or the input is not valid. */
export class BootstrapRefused extends Error {}

export async function bootstrapAdmin(options: BootstrapOptions): Promise<Bootstrapped> {
  // The function's modules read their table's name from the environment when they load.
  process.env[ACCOUNTS_TABLE_ENV] = options.table;
  const { createAccountBody } = await import('#shared/contract/accounts');
  const store = await import('#functions/accounts/store');
  const { accountOperations } = await import('#functions/accounts/operations');
  const { directoryFrom } = await import('#functions/accounts/directory');

  const parsed = z.safeParse(createAccountBody, {
    name: options.name,
    role: 'fic-admin',
    regionCode: options.regionCode,
    contact: {
      ...(options.email && { email: options.email }),
      ...(options.phone && { phone: options.phone }),
    },
  });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new BootstrapRefused(`Not a valid administrator: ${problems.join('; ')}`);
  }
  const body = parsed.data;

  // Run again for the same person: nothing to do.
  const claims = [
    ...(body.contact.email ? [`email#${body.contact.email}`] : []),
    ...(body.contact.phone ? [`phone#${body.contact.phone}`] : []),
  ];
  const [holder] = (await store.claimHolders(claims)).values();
  const existing = holder ? await store.getAccount(holder) : undefined;
  if (existing?.role === 'fic-admin' && existing.createdBy === BOOTSTRAP) {
    return { account: existing, created: false };
  }
  // Only the first: once the province has an administrator, people are invited through the API.
  const province = `${options.regionCode.slice(0, 2)}0000`;
  const admins = await store.listAccountsUnder(province, { role: 'fic-admin' }, 1);
  if (admins.items.length > 0) {
    throw new BootstrapRefused(
      `An administrator exists already (${admins.items[0]?.name}, ${admins.items[0]?.regionCode}): invite people through POST /v1/accounts.`,
    );
  }

  const principal: Principal = {
    sub: BOOTSTRAP,
    roles: new Set(['fic-admin']),
    regionCode: options.regionCode,
    chamberId: undefined,
  };
  const operations = accountOperations(directoryFrom({ USER_POOL_ID: options.userPoolId }));
  const reply = await operations.createAccount({
    body,
    // Keyed by the contact, so that a run cut short and run again creates the same account once.
    headers: { 'idempotency-key': `bootstrap:${claims.join(',')}` },
    principal,
    params: undefined,
    query: undefined,
    requestId: 'bootstrap',
  });
  return { account: reply.body as Account, created: true };
}

/** Who created the first administrator, in their account's `createdBy` and history. */
const BOOTSTRAP = 'bootstrap';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'user-pool-id': { type: 'string' },
      table: { type: 'string' },
      name: { type: 'string' },
      email: { type: 'string' },
      phone: { type: 'string' },
      region: { type: 'string', default: '371600' },
    },
  });
  if (!values.table || !values.name || !(values.email || values.phone)) {
    console.error(
      'Usage: npm run accounts:bootstrap -- --user-pool-id <UserPoolId> --table <AccountsTableName> --name <姓名> --email <address> [--phone <mobile>] [--region 371600]',
    );
    process.exitCode = 2;
    return;
  }
  try {
    const { account, created } = await bootstrapAdmin({
      table: values.table,
      userPoolId: values['user-pool-id'],
      name: values.name,
      email: values.email,
      phone: values.phone,
      regionCode: values.region ?? '371600',
    });
    const where = account.contact.email ?? account.contact.phone;
    console.log(
      created
        ? `Created the first administrator ${account.name} (${account.regionCode}), account ${account.id}.${values['user-pool-id'] ? ` A temporary password is on its way to ${where}.` : ''}`
        : `${account.name} (${account.id}) is already the first administrator; nothing to do.`,
    );
  } catch (error) {
    if (!(error instanceof BootstrapRefused)) throw error;
    console.error(error.message);
    process.exitCode = 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
