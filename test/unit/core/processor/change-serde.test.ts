import { expect } from 'chai';
import { Change } from '../../../../src/core/processor/change';
import { ChangedDeserializer, ChangedSerializer, readZigzagVarint, writeZigzagVarint } from '../../../../src/core/processor/change-serde';
import { Serdes } from '../../../../src/core/serde/serdes';

const TOPIC = 'app-KTABLE-AGGREGATE-STATE-STORE-0000000004-repartition';

function bytes(...parts: (string | number[])[]): Buffer {
  return Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));
}

describe('ChangedSerializer and ChangedDeserializer', () => {
  const serializer = new ChangedSerializer(Serdes.String().serializer());
  const deserializer = new ChangedDeserializer(Serdes.String().deserializer());

  it("write Java's format: the value, then a flag saying which value it is", () => {
    expect(serializer.serialize(TOPIC, new Change('new', null))).to.deep.equal(bytes('new', [1]));
    expect(serializer.serialize(TOPIC, new Change(null, 'old'))).to.deep.equal(bytes('old', [0]));
    // both: zigzag varint of the new value's length (3 -> 6), new, old, flag 2
    expect(serializer.serialize(TOPIC, new Change('new', 'old'))).to.deep.equal(bytes([6], 'new', 'old', [2]));
  });

  it('round-trip every combination, and a new value longer than one varint byte', () => {
    const long = 'x'.repeat(200);
    for (const change of [new Change('a', null), new Change(null, 'b'), new Change('a', 'b'), new Change(long, 'old'), new Change('', 'old')]) {
      const decoded = deserializer.deserialize(TOPIC, serializer.serialize(TOPIC, change));
      expect([decoded?.newValue, decoded?.oldValue, decoded?.isLatest]).to.deep.equal([change.newValue, change.oldValue, true]);
    }
  });

  it('read the versioned flags 3, 4 and 5 with their isLatest byte', () => {
    expect(deserializer.deserialize(TOPIC, bytes('old', [0, 3]))).to.deep.include({ newValue: null, oldValue: 'old', isLatest: false });
    expect(deserializer.deserialize(TOPIC, bytes('new', [1, 4]))).to.deep.include({ newValue: 'new', oldValue: null, isLatest: true });
    expect(deserializer.deserialize(TOPIC, bytes([6], 'new', 'old', [0, 5]))).to.deep.include({ newValue: 'new', oldValue: 'old', isLatest: false });
  });

  it('refuse a Change without values and an unknown flag', () => {
    expect(() => serializer.serialize(TOPIC, new Change<string>(null, null))).to.throw(/Both old and new values are null/);
    expect(() => deserializer.deserialize(TOPIC, bytes('x', [9]))).to.throw(/unknown byte value `9`/);
  });

  it('take the default value serde when built without one', () => {
    const bare = new ChangedSerializer<string>(null);
    expect(() => bare.serialize(TOPIC, new Change('a', null))).to.throw(/No value serde/);
    bare.setIfUnset({ keySerde: () => null, valueSerde: () => Serdes.String() });
    expect(bare.serialize(TOPIC, new Change('a', null))).to.deep.equal(bytes('a', [1]));
    // an inner serde given at construction wins over the default
    const typed = new ChangedSerializer(Serdes.Integer().serializer());
    typed.setIfUnset({ keySerde: () => null, valueSerde: () => Serdes.String() });
    expect(typed.serialize(TOPIC, new Change(1, null))).to.deep.equal(bytes([0, 0, 0, 1, 1]));
  });
});

describe('zigzag varints (Kafka ByteUtils)', () => {
  it('encode as Java does and decode back', () => {
    expect(writeZigzagVarint(0)).to.deep.equal(Buffer.from([0]));
    expect(writeZigzagVarint(-1)).to.deep.equal(Buffer.from([1]));
    expect(writeZigzagVarint(63)).to.deep.equal(Buffer.from([0x7e]));
    expect(writeZigzagVarint(64)).to.deep.equal(Buffer.from([0x80, 0x01]));
    for (const n of [0, 1, 63, 64, 300, 2 ** 20, 2 ** 31 - 1, -5]) {
      const encoded = writeZigzagVarint(n);
      expect(readZigzagVarint(encoded, TOPIC)).to.deep.equal({ value: n, bytesRead: encoded.length });
    }
  });
});
