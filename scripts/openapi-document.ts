// Writes the OpenAPI document, generated from the contract's zod schemas, where the openapi
// function's bundle takes it from: built once at synth, not by every cold start.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openApiDocument } from '#shared/contract/openapi';
import { concerns } from '#shared/contract/routes';

const FILE = join(fileURLToPath(new URL('..', import.meta.url)), '.generated', 'openapi.json');

export function writeOpenApiDocument(file = FILE): void {
  const content = JSON.stringify(openApiDocument(concerns));
  if (existsSync(file) && readFileSync(file, 'utf8') === content) return;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, content);
}
