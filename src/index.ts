// The public API of kstreams. Everything a user imports comes from here.
// The kafkajs patches must be installed before any module that loads kafkajs: keep this import first.
import './coordination/kafkajs-patches';

export {
  StreamsError,
  ConfigError,
  TopologyError,
  SerdeError,
  ProcessingError,
  ProductionError,
  TaskMigratedError,
  TaskCorruptedError,
  TaskAssignmentError,
  ProcessorStateError,
  LockError,
  IllegalStateError,
  InvalidStateStoreError,
  StateStoreMigratedError,
  StateStoreNotAvailableError,
  UnknownStateStoreError,
  StreamsNotStartedError,
  type ErrorContext,
  type StreamsErrorOptions,
} from './errors';
export {
  StreamsConfig,
  type StreamsConfigInput,
  type StreamsConfigValues,
  type ProcessingGuarantee,
  type DeserializationExceptionHandler,
  type ProcessingExceptionHandler,
  type ProductionExceptionHandler,
  type DeserializationHandlerResponse,
  type ProcessingHandlerResponse,
  type ProductionExceptionHandlerResponse,
  type ErrorHandlerContext,
} from './config';
