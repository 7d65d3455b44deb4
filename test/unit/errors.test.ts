import { expect } from 'chai';
import { MessageChannel } from 'node:worker_threads';
import * as errors from '../../src/errors';
import {
  ConfigError,
  IllegalStateError,
  InvalidStateStoreError,
  LockError,
  ProcessingError,
  ProcessorStateError,
  ProductionError,
  SerdeError,
  StateStoreMigratedError,
  StateStoreNotAvailableError,
  StreamsError,
  StreamsNotStartedError,
  TaskAssignmentError,
  TaskCorruptedError,
  TaskMigratedError,
  TopologyError,
  UnknownStateStoreError,
  fromWire,
  isWireError,
  toWire,
  type ErrorContext,
  type StreamsErrorClass,
  type WireError,
} from '../../src/errors';

const roundTrip = (err: unknown): StreamsError => fromWire(structuredClone(toWire(err)));

/** Every class, with the code and fatality it has when the thrower does not override them. */
const CLASSES: ReadonlyArray<[StreamsErrorClass, string, boolean]> = [
  [StreamsError, 'STREAMS_ERROR', true],
  [ConfigError, 'CONFIG_INVALID', true],
  [TopologyError, 'TOPOLOGY_INVALID', true],
  [SerdeError, 'SERDE_FAILED', true],
  [ProcessingError, 'PROCESSING_FAILED', true],
  [ProductionError, 'PRODUCTION_FAILED', true],
  [TaskMigratedError, 'TASK_MIGRATED', false],
  [TaskCorruptedError, 'TASK_CORRUPTED', false],
  [TaskAssignmentError, 'TASK_ASSIGNMENT_FAILED', true],
  [ProcessorStateError, 'STATE_STORE_FAILED', true],
  [LockError, 'STATE_DIR_LOCKED', false],
  [IllegalStateError, 'ILLEGAL_STATE', true],
  [InvalidStateStoreError, 'STATE_STORE_INVALID', false],
  [StateStoreMigratedError, 'STATE_STORE_MIGRATED', false],
  [StateStoreNotAvailableError, 'STATE_STORE_NOT_AVAILABLE', false],
  [UnknownStateStoreError, 'STATE_STORE_UNKNOWN', false],
  [StreamsNotStartedError, 'STREAMS_NOT_STARTED', false],
];

const CONTEXT: ErrorContext = { taskId: '0_1', topic: 'orders', partition: 1, offset: '42', store: 'counts', processor: 'KSTREAM-AGGREGATE-0000000002' };

describe('errors', () => {
  it('covers every exported error class in the table of defaults', () => {
    const exported = Object.values(errors as Record<string, unknown>).filter(
      (value: unknown): value is StreamsErrorClass =>
        typeof value === 'function' && (value === StreamsError || value.prototype instanceof StreamsError),
    );
    expect(exported.map((c) => c.name).sort()).to.deep.equal(CLASSES.map(([c]) => c.name).sort());
  });

  for (const [ErrorClass, code, fatal] of CLASSES) {
    const article = /^[AEIOU]/.test(ErrorClass.name) ? 'an' : 'a';
    describe(ErrorClass.name, () => {
      it(`has name '${ErrorClass.name}', default code ${code} and fatal ${fatal}`, () => {
        const err = new ErrorClass('it broke');
        expect(err.name).to.equal(ErrorClass.name);
        expect(err.code).to.equal(code);
        expect(err.fatal).to.equal(fatal);
        expect(err.message).to.equal('it broke');
        expect(err.context).to.equal(undefined);
        expect(err).to.be.instanceOf(StreamsError).and.instanceOf(Error);
        expect(err.stack).to.match(new RegExp(`^${ErrorClass.name}: it broke`));
      });

      it(`rebuilds ${article} ${ErrorClass.name} after structuredClone`, () => {
        const cause = new TypeError('bad input');
        const err = new ErrorClass('it broke', { context: CONTEXT, cause });
        const rebuilt = roundTrip(err);
        expect(rebuilt).to.be.instanceOf(ErrorClass).and.instanceOf(StreamsError).and.instanceOf(Error);
        expect(rebuilt.constructor).to.equal(ErrorClass);
        expect(rebuilt.name).to.equal(ErrorClass.name);
        expect(rebuilt.message).to.equal('it broke');
        expect(rebuilt.code).to.equal(code);
        expect(rebuilt.fatal).to.equal(fatal);
        expect(rebuilt.context).to.deep.equal(CONTEXT);
        expect(rebuilt.stack).to.equal(err.stack);
        expect(rebuilt.cause).to.be.instanceOf(StreamsError);
        expect((rebuilt.cause as StreamsError).message).to.equal('bad input');
      });
    });
  }

  it('lets the thrower override code and fatality', () => {
    const err = new ConfigError('no such key', { code: 'CONFIG_UNKNOWN_KEY', fatal: false });
    expect(err.code).to.equal('CONFIG_UNKNOWN_KEY');
    expect(err.fatal).to.equal(false);
    const rebuilt = roundTrip(err);
    expect(rebuilt).to.be.instanceOf(ConfigError);
    expect(rebuilt.code).to.equal('CONFIG_UNKNOWN_KEY');
    expect(rebuilt.fatal).to.equal(false);
  });

  it('keeps subclass relations after a round trip (a StreamsNotStartedError is an InvalidStateStoreError)', () => {
    const rebuilt = roundTrip(new StreamsNotStartedError('query before start'));
    expect(rebuilt).to.be.instanceOf(StreamsNotStartedError).and.instanceOf(InvalidStateStoreError);
  });

  it('freezes a copy of the context it was given', () => {
    const context: Record<string, string> = { taskId: '0_0' };
    const err = new TaskCorruptedError('corrupted', { context });
    context.taskId = '9_9';
    expect(err.context).to.deep.equal({ taskId: '0_0' });
    expect(Object.isFrozen(err.context)).to.equal(true);
  });

  it('rebuilds a whole cause chain with the class of every link', () => {
    const root = new TypeError('cannot read properties of undefined');
    const store = new ProcessorStateError('put failed', { context: { store: 'counts' }, cause: root });
    const top = new TaskCorruptedError('task 0_1 corrupted', { context: { taskId: '0_1' }, cause: store });

    const rebuilt = roundTrip(top);
    expect(rebuilt).to.be.instanceOf(TaskCorruptedError);
    const storeCause = rebuilt.cause as StreamsError;
    expect(storeCause).to.be.instanceOf(ProcessorStateError);
    expect(storeCause.context).to.deep.equal({ store: 'counts' });
    expect(storeCause.stack).to.equal(store.stack);
    const rootCause = storeCause.cause as StreamsError;
    expect(rootCause).to.be.instanceOf(StreamsError);
    expect(rootCause.code).to.equal('UNKNOWN');
    expect(rootCause.message).to.equal('cannot read properties of undefined');
    expect(rootCause.context?.originalName).to.equal('TypeError');
    expect(rootCause.cause).to.equal(undefined);
  });

  it('rebuilds a TaskMigratedError sent through a MessagePort as worker threads send it', async () => {
    const { port1, port2 } = new MessageChannel();
    try {
      const received = new Promise<unknown>((resolve) => port2.once('message', resolve));
      port1.postMessage(toWire(new TaskMigratedError('fenced', { context: { taskId: '1_0' } })));
      const wire = await received;
      expect(isWireError(wire)).to.equal(true);
      const rebuilt = fromWire(wire as WireError);
      expect(rebuilt).to.be.instanceOf(TaskMigratedError);
      expect(rebuilt.fatal).to.equal(false);
      expect(rebuilt.context).to.deep.equal({ taskId: '1_0' });
    } finally {
      port1.close();
      port2.close();
    }
  });

  it('turns a plain Error into a fatal StreamsError with code UNKNOWN, keeping its name, message and stack', () => {
    const plain = new Error('socket hang up');
    const rebuilt = roundTrip(plain);
    expect(rebuilt.constructor).to.equal(StreamsError);
    expect(rebuilt.code).to.equal('UNKNOWN');
    expect(rebuilt.fatal).to.equal(true);
    expect(rebuilt.message).to.equal('socket hang up');
    expect(rebuilt.context).to.deep.equal({ originalName: 'Error' });
    expect(rebuilt.stack).to.equal(plain.stack);
  });

  it('keeps a TypeError name and a Node error code as context', () => {
    const nodeError = Object.assign(new TypeError('bad argument'), { code: 'ERR_INVALID_ARG_TYPE' });
    const rebuilt = roundTrip(nodeError);
    expect(rebuilt.context).to.deep.equal({ originalName: 'TypeError', originalCode: 'ERR_INVALID_ARG_TYPE' });
    expect(rebuilt.message).to.equal('bad argument');
  });

  it('keeps the cause of a plain Error', () => {
    const rebuilt = roundTrip(new Error('outer', { cause: new SerdeError('inner') }));
    expect(rebuilt.cause).to.be.instanceOf(SerdeError);
  });

  it('turns a thrown string into a StreamsError whose message is the string', () => {
    const rebuilt = roundTrip('something went wrong');
    expect(rebuilt).to.be.instanceOf(StreamsError);
    expect(rebuilt.code).to.equal('UNKNOWN');
    expect(rebuilt.fatal).to.equal(true);
    expect(rebuilt.message).to.equal('something went wrong');
    expect(rebuilt.context).to.deep.equal({ originalName: 'string' });
  });

  it('turns thrown objects, null and undefined into StreamsErrors with a readable message', () => {
    expect(roundTrip({ message: 'from an object' }).message).to.equal('from an object');
    expect(roundTrip({ status: 500 }).message).to.equal('{"status":500}');
    expect(roundTrip({ status: 500 }).context).to.deep.equal({ originalName: 'Object' });
    expect(roundTrip(null).message).to.equal('null');
    expect(roundTrip(undefined).message).to.equal('undefined');
    expect(roundTrip(42).context).to.deep.equal({ originalName: 'number' });
  });

  it('stops a cyclic cause chain instead of recursing forever', () => {
    const a = new ProcessingError('a');
    const b = new ProcessingError('b', { cause: a });
    (a as { cause?: unknown }).cause = b;
    const wire = toWire(b);
    expect(wire.cause?.message).to.equal('a');
    expect(wire.cause?.cause).to.equal(undefined);
  });

  it('gives a wire form of plain data that structuredClone copies unchanged', () => {
    const wire = toWire(new TopologyError('co-partitioning', { context: { topic: 'left', partition: 3 }, cause: new Error('x') }));
    expect(structuredClone(wire)).to.deep.equal(wire);
    expect(Object.keys(wire).sort()).to.deep.equal(['cause', 'code', 'context', 'fatal', 'message', 'name', 'stack']);
  });

  it('leaves unset optional fields out of the wire form', () => {
    const err = new ConfigError('bad');
    const wire = toWire(err);
    expect(wire).to.not.have.property('context');
    expect(wire).to.not.have.property('cause');
  });

  it('rebuilds an error of a name it does not know as a StreamsError keeping the name as context', () => {
    const rebuilt = fromWire({ name: 'FutureError', code: 'FUTURE', message: 'from a newer worker', fatal: false });
    expect(rebuilt.constructor).to.equal(StreamsError);
    expect(rebuilt.code).to.equal('FUTURE');
    expect(rebuilt.fatal).to.equal(false);
    expect(rebuilt.context).to.deep.equal({ originalName: 'FutureError' });
  });

  it('tells wire errors from other messages', () => {
    expect(isWireError(toWire(new LockError('locked')))).to.equal(true);
    expect(isWireError({ name: 'X', code: 'Y', message: 'z' })).to.equal(false);
    expect(isWireError({ name: 'X', code: 'Y', message: 'z', fatal: true, cause: { name: 1 } })).to.equal(false);
    expect(isWireError(null)).to.equal(false);
    expect(isWireError('ConfigError')).to.equal(false);
  });
});
