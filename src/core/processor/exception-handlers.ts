// The built-in exception handlers (Java's LogAndFail*/LogAndContinue*) and the resolution of the
// config values `default.deserialization.exception.handler`, `processing.exception.handler` and
// `default.production.exception.handler` (a built-in name or a user function) into functions.
import type {
  DeserializationExceptionHandler,
  ErrorHandlerContext,
  ErrorHandlerHeaders,
  ProcessingExceptionHandler,
  ProductionExceptionHandler,
} from '../../config';
import type { RecordHeaders } from './record-headers';

export interface Logger {
  warn(message: string): void;
  error(message: string): void;
}

type HandlerSetting<H> = 'logAndFail' | 'logAndContinue' | 'default' | H;

function describe(context: ErrorHandlerContext): string {
  return `taskId=${context.taskId}, processor=${context.processorNodeId}, topic=${context.topic}, partition=${context.partition}, offset=${context.offset}`;
}

export function resolveDeserializationHandler(setting: HandlerSetting<DeserializationExceptionHandler>, logger: Logger): DeserializationExceptionHandler {
  if (typeof setting === 'function') return setting;
  const fail = setting !== 'logAndContinue';
  return (context, _record, error) => {
    if (fail) {
      logger.error(`Exception caught during deserialization (${describe(context)}): ${error.message}`);
      return 'FAIL';
    }
    logger.warn(`Exception caught during deserialization, skipping the record (${describe(context)}): ${error.message}`);
    return 'CONTINUE';
  };
}

export function resolveProcessingHandler(setting: HandlerSetting<ProcessingExceptionHandler>, logger: Logger): ProcessingExceptionHandler {
  if (typeof setting === 'function') return setting;
  const fail = setting !== 'logAndContinue';
  return (context, _record, error) => {
    if (fail) {
      logger.error(`Exception caught during processing (${describe(context)}): ${error.message}`);
      return 'FAIL';
    }
    logger.warn(`Exception caught during processing, skipping the record (${describe(context)}): ${error.message}`);
    return 'CONTINUE';
  };
}

export function resolveProductionHandler(setting: HandlerSetting<ProductionExceptionHandler>, logger: Logger): ProductionExceptionHandler {
  if (typeof setting === 'function') return setting;
  const fail = setting !== 'logAndContinue';
  return (context, record, error) => {
    logger.error(`Exception caught while producing to ${record.topic} (${describe(context)}): ${error.message}`);
    return fail ? 'FAIL' : 'CONTINUE';
  };
}

/** Headers in the form handler contexts carry them (kafkajs's). */
export function handlerHeaders(headers: RecordHeaders): ErrorHandlerHeaders {
  const out: { [key: string]: Buffer | Buffer[] } = {};
  for (const { key, value } of headers) {
    if (value === null) continue;
    const prev = out[key];
    out[key] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return out;
}

export const consoleLogger: Logger = {
  warn: (message) => console.warn(message),
  error: (message) => console.error(message),
};
