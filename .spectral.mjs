// Spectral's OWASP API Security Top 10 ruleset, loaded from node_modules (no network): what
// `scripts/lint-openapi.ts` runs over the generated OpenAPI document.
import owasp from '@stoplight/spectral-owasp-ruleset';

export default { extends: [owasp] };
