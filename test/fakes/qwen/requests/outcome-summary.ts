import type { RecordedRequest } from './recorded-request';

/** One log line per request, for a fake run by hand: what came in and how it was answered. */
export function summarizeRequest(record: RecordedRequest): string {
  const outcome = record.outcome;
  const head = `${record.method} ${record.path}`;
  switch (outcome.status) {
    case 'pending':
      return `${head} -> still pending`;
    case 'answered':
      return `${head} -> ${outcome.httpStatus}`;
    case 'rejected':
      return `${head} -> ${outcome.httpStatus} ${outcome.code}: ${outcome.reason}`;
    case 'failed-as-scripted':
      return `${head} -> ${outcome.httpStatus} scripted failure ${outcome.failure}`;
    case 'streamed':
      return `${head} -> stream "${outcome.answer}" (chat ${outcome.chatId}, response_id ${outcome.responseId})`;
  }
}
