// The benchmarks' baseline: a bare handler that only creates the DynamoDB document client,
// bundled exactly as a concern's function is (ConcernFunction), so that any import time above
// it is this project's own.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export const handler = async () => ({ statusCode: 200, body: String(Boolean(client)) });
