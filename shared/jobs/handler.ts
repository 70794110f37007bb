import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { logger, metrics } from '#shared/http/handler';

/** Counts the items a job reads: its cost, reported in its log line and metrics. */
export class ReadCounter {
  items = 0;
}

/** What a scheduled job reports of its run: logged in one line and emitted as metrics. */
export interface JobReport {
  /** DynamoDB items the run read: its cost, which must grow with what it computes over. */
  itemsRead: number;
  itemsWritten: number;
  [detail: string]: unknown;
}

/**
 * The middy stack of a scheduled function: EventBridge Scheduler sends `{ "schedule": name }`
 * (as does `POST /_local/schedules/{name}` locally). The run's duration, items read and written
 * go to the log line and to metrics; a failure is logged and rethrown, so the scheduler retries
 * and, at last, the dead-letter queue keeps the event.
 */
export function jobHandler(name: string, run: (now: Date) => Promise<JobReport>) {
  return middy<{ schedule?: string }, JobReport, Error, Context>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics))
    .handler(async (event) => {
      if (event.schedule !== undefined && event.schedule !== name) {
        throw new Error(`This function runs "${name}", not "${event.schedule}".`);
      }
      const started = performance.now();
      const report = await run(new Date());
      const durationMs = Math.round(performance.now() - started);
      metrics.addDimension('job', name);
      metrics.addMetric('JobDuration', MetricUnit.Milliseconds, durationMs);
      metrics.addMetric('ItemsRead', MetricUnit.Count, report.itemsRead);
      metrics.addMetric('ItemsWritten', MetricUnit.Count, report.itemsWritten);
      logger.info(`${name} finished`, { job: name, durationMs, ...report });
      return report;
    });
}
