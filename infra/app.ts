import { generate } from '../scripts/generate';

// The slice of division data the functions bundle must exist before the stacks (and the
// contract they import) load.
await generate();
const { buildApp } = await import('./build');
buildApp().synth();
