import { expect } from 'chai';
import { StreamsError } from '../../../../src/errors';
import { FixedKeyProcessorAdapter } from '../../../../src/core/processor/fixed-key-processor-adapter';
import type { FixedKeyProcessorContext } from '../../../../src/core/processor/processor-context';
import type { FixedKeyRecord } from '../../../../src/core/processor/fixed-key-record';
import { internalContext } from '../../../../src/core/processor/internal-processor-context';
import { Record } from '../../../../src/core/processor/record';
import { FakeProcessorContext } from './fake-processor-context';

describe('FixedKeyProcessorAdapter', () => {
  it('gives the processor FixedKeyRecords and forwards what it forwards, key unchanged', async () => {
    const context = new FakeProcessorContext('fkp');
    let seen: FixedKeyProcessorContext<string, number> | undefined;
    const adapter = new FixedKeyProcessorAdapter<string, string, number>({
      init(c) {
        seen = c;
      },
      process(record: FixedKeyRecord<string, string>) {
        seen!.forward(record.withValue(record.value.length).withTimestamp(record.timestamp + 1), 'child');
      },
    });
    await adapter.init(context);
    await adapter.process(new Record('k', 'abc', 5));
    expect(context.forwarded).to.deep.equal([{ key: 'k', value: 3, timestamp: 6, headers: [], childName: 'child' }]);
    // the rest of the node's context stays reachable, the runtime's internal part included
    expect(seen!.applicationId()).to.equal('app');
    expect(internalContext(seen as never).currentNodeName()).to.equal('fkp');
  });

  it('refuses to forward something that is not a FixedKeyRecord', async () => {
    const context = new FakeProcessorContext();
    const adapter = new FixedKeyProcessorAdapter<string, string, string>({
      init(c) {
        (c.forward as (r: unknown) => void)(new Record('other', 'v', 1));
      },
      process: () => undefined,
    });
    expect(() => adapter.init(context)).to.throw(StreamsError, 'FixedKeyRecords');
  });

  it('closes the processor', async () => {
    let closed = false;
    const adapter = new FixedKeyProcessorAdapter<string, string, string>({ process: () => undefined, close: () => void (closed = true) });
    await adapter.close();
    expect(closed).to.equal(true);
  });
});
