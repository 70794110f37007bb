// Everything generated before the code can load or be bundled: the division-data slice of the
// jurisdiction (the contract's region checks import it), then the OpenAPI document (generated
// from the contract). Both rewrite a file only when its content changes. Run by `npm run check`
// and by every entry point (`npm start`, `cdk synth`, the benchmarks) before it loads the app.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { configuredJurisdiction, writeDivisionSlice } from './divisions';

export async function generate(jurisdiction = configuredJurisdiction()): Promise<void> {
  writeDivisionSlice(jurisdiction);
  // Only now may the contract load: its region checks import the slice just written.
  const { writeOpenApiDocument } = await import('./openapi-document');
  writeOpenApiDocument();
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    await generate(process.argv[2]);
  } catch (error) {
    console.error(`generate: ${(error as Error).message}`);
    process.exit(1);
  }
}
