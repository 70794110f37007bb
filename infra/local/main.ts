import { parseArgs } from 'node:util';
import { generate } from '../../scripts/generate';
import { SetupError } from './dynamodb';

// `npm start [-- --in-memory] [-- --port N]`: the API on localhost, as the template declares it.
const started = Date.now();
const { values } = parseArgs({
  options: {
    'in-memory': { type: 'boolean', default: false },
    port: { type: 'string', default: process.env.PORT ?? '3000' },
    quiet: { type: 'boolean', default: false },
  },
});
const port = Number(values.port);

try {
  // On a fresh clone nothing is generated yet, and the app cannot load without it.
  await generate();
  const { startRuntime } = await import('./runtime');
  const runtime = await startRuntime({
    port,
    inMemory: values['in-memory'] ?? false,
    log: values.quiet ? () => undefined : undefined,
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`
FIC chambers API on ${runtime.url}  (ready in ${seconds} s; ${runtime.hosts.size} functions, ${runtime.assembly.routes().length} routes, DynamoDB Local ${values['in-memory'] ? 'in memory' : 'data in .data/'})

  Get a token:   TOKEN=$(curl -s '${runtime.url}/_local/token?role=fic-admin&regionCode=371600' | jq -r .token)
  Call the API:  curl -H "Authorization: Bearer $TOKEN" ${runtime.url}/v1/chambers
  The contract:  ${runtime.url}/openapi.json

Ctrl-C stops the API and DynamoDB Local.`);
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping…');
    await runtime.stop();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
} catch (error) {
  if (error instanceof SetupError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
