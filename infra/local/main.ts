import { parseArgs } from 'node:util';
import { generate } from '../../scripts/generate';
import { SetupError } from './dynamodb';

// `npm start [-- --in-memory] [-- --port N] [-- --empty | --demo]`: the console and the API on
// localhost, as the template declares them. An empty database gets the Binzhou demo (`--empty`
// skips it); an in-memory one starts empty unless `--demo` is given.
const started = Date.now();
const { values } = parseArgs({
  options: {
    'in-memory': { type: 'boolean', default: false },
    port: { type: 'string', default: process.env.PORT ?? '3000' },
    quiet: { type: 'boolean', default: false },
    empty: { type: 'boolean', default: false },
    demo: { type: 'boolean', default: false },
  },
});
const inMemory = values['in-memory'] ?? false;
if (values.empty && values.demo) {
  console.error('--empty and --demo contradict each other: give one of them.');
  process.exit(1);
}
const port = Number(values.port);

try {
  // On a fresh clone nothing is generated yet, and the app cannot load without it.
  await generate();
  const { startRuntime } = await import('./runtime');
  const runtime = await startRuntime({
    port,
    inMemory,
    log: values.quiet ? () => undefined : undefined,
    demo: values.demo || (!inMemory && !values.empty),
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`
FIC chambers on ${runtime.url}  (ready in ${seconds} s; ${runtime.hosts.size} functions, ${runtime.assembly.routes().length} routes, DynamoDB Local ${inMemory ? 'in memory' : 'data in .data/'})

  The console:   ${runtime.url}/   (sign in locally with no password: pick a role)
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
