import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { HttpError } from './errors';

const TYPE_BASE = 'https://fic-chambers.example/problems/';

/** The problem+json answer for an error; a non-HttpError is a fault and says nothing of itself. */
export function problemResponse(
  error: unknown,
  requestId: string,
): APIGatewayProxyStructuredResultV2 {
  const known = error instanceof HttpError ? error : undefined;
  const status = known?.status ?? 500;
  const title = known?.title ?? 'Internal Server Error';
  const body: Record<string, unknown> = {
    type: `${TYPE_BASE}${status}`,
    title,
    status,
    detail: known ? known.message : `An unexpected error occurred (request ${requestId}).`,
  };
  if (known?.errors) body.errors = known.errors;
  return {
    statusCode: status,
    headers: { 'content-type': 'application/problem+json', ...known?.headers },
    body: JSON.stringify(body),
  };
}
