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

// The runtime
export {
  KafkaStreams,
  KafkaStreamsState,
  StreamThreadExceptionResponse,
  type StreamsUncaughtExceptionHandler,
  type StateListener,
  type StateRestoreListener,
  type KafkaStreamsOptions,
  type KafkaStreamsLogger,
  type CloseOptions,
  KEY_QUERY_METADATA_NOT_AVAILABLE,
  type ThreadMetadata,
  type TaskMetadata,
  type LagInfo,
} from './kafka-streams';
export type { StreamsMetadata, KeyQueryMetadata, HostInfo } from './coordination/metadata/streams-metadata';

// The Streams DSL
export { StreamsBuilder } from './core/dsl/streams-builder';
export { defineTopology, type TopologyDefinition } from './core/dsl/define-topology';
export type { KStream } from './core/dsl/kstream';
export type { BranchedKStream } from './core/dsl/branched-kstream';
export type { KTable } from './core/dsl/ktable';
export type { KGroupedStream } from './core/dsl/kgrouped-stream';
export type { KGroupedTable } from './core/dsl/kgrouped-table';
export type { GlobalKTable } from './core/dsl/global-ktable';
export { Consumed } from './core/dsl/consumed';
export { Produced } from './core/dsl/produced';
export { Grouped } from './core/dsl/grouped';
export { Materialized } from './core/dsl/materialized';
export { Named } from './core/dsl/named';
export { Branched } from './core/dsl/branched';
export { Printed } from './core/dsl/printed';
export { Repartitioned } from './core/dsl/repartitioned';

// The topology and the Processor API
export { Topology } from './core/topology/topology';
export type { TopologyDescription } from './core/topology/topology-description';
export type { TopicNameExtractor, StreamPartitioner, RecordContextView } from './core/topology/topology-model';
export { Record } from './core/processor/record';
export { RecordHeaders, type Header } from './core/processor/record-headers';
export { FixedKeyRecord } from './core/processor/fixed-key-record';
export type { Processor, FixedKeyProcessor, ProcessorSupplier, FixedKeyProcessorSupplier } from './core/processor/processor';
export type { ProcessorContext, FixedKeyProcessorContext, RecordMetadata } from './core/processor/processor-context';
export { PunctuationType, type Punctuator, type Cancellable } from './core/processor/punctuation';
export { TaskId } from './core/processor/task-id';
export { KeyValue } from './core/key-value';

// Serdes and time
export { Serdes } from './core/serde/serdes';
export { serdeFrom } from './core/serde/wrapper-serde';
export type { Serde, Serializer, Deserializer } from './core/serde/serde';
export type { TimestampExtractor, ConsumedRecord } from './core/time/timestamp-extractor';
export { FailOnInvalidTimestamp, LogAndSkipOnInvalidTimestamp, UsePartitionTimeOnInvalidTimestamp, WallclockTimestampExtractor } from './core/time/timestamp-extractors';

// State stores
export { Stores } from './core/state/stores';
export { QueryableStoreTypes, type QueryableStoreType, type QueryableStoreKind } from './core/state/queryable-store-types';
export type { StoreQueryParameters } from './core/state/store-query-parameters';
export type { AsyncReadOnlyKeyValueStore } from './core/state/async-read-only-key-value-store';
export { ValueAndTimestamp } from './core/state/value-and-timestamp';
export type { KeyValueStore } from './core/state/key-value-store';
export type { ReadOnlyKeyValueStore } from './core/state/read-only-key-value-store';
export type { TimestampedKeyValueStore } from './core/state/timestamped-key-value-store';
export type { KeyValueIterator } from './core/state/key-value-iterator';
export type { StateStore } from './core/state/state-store';
export type { StoreBuilder } from './core/state/store-builder';
export type { KeyValueBytesStoreSupplier } from './core/state/key-value-bytes-store-supplier';

// Testing without a broker
export { TopologyTestDriver, type TestDriverConfig } from './core/testing/topology-test-driver';
export type { TestInputTopic } from './core/testing/test-input-topic';
export type { TestOutputTopic } from './core/testing/test-output-topic';
export { TestRecord } from './core/testing/test-record';
