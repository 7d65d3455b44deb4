import { expect } from 'chai';
import type { SerdeLike } from '../../../../src/config';
import { ConfigError, SerdeError } from '../../../../src/errors';
import { resolveSerde } from '../../../../src/core/serde/default-serde';
import type { Deserializer, Serde, Serializer } from '../../../../src/core/serde/serde';
import { Serdes } from '../../../../src/core/serde/serdes';

const TOPIC = 'orders';

const hex = (text: string): Buffer => Buffer.from(text, 'hex');
const toHex = (bytes: Buffer | null): string | null => (bytes === null ? null : bytes.toString('hex'));

function serialize<T>(serde: Serde<T>, value: T | null): Buffer | null {
  return serde.serializer().serialize(TOPIC, value);
}

function deserialize<T>(serde: Serde<T>, bytes: Buffer | null): T | null {
  return serde.deserializer().deserialize(TOPIC, bytes);
}

function roundTrip<T>(serde: Serde<T>, value: T | null): T | null {
  return deserialize(serde, serialize(serde, value));
}

/** Serializes a value of the wrong type, as plain JS code could. */
function serializeUnchecked(serde: Serde<unknown>, value: unknown): Buffer | null {
  return serde.serializer().serialize(TOPIC, value);
}

function expectSerdeError(action: () => unknown, message: RegExp): SerdeError {
  let thrown: unknown;
  try {
    action();
  } catch (err) {
    thrown = err;
  }
  expect(thrown, 'expected a SerdeError').to.be.instanceOf(SerdeError);
  const err = thrown as SerdeError;
  expect(err.message).to.match(message);
  expect(err.context?.topic).to.equal(TOPIC);
  return err;
}

/** Every serde, with a value it round-trips. */
const EVERY_SERDE: ReadonlyArray<[string, Serde<unknown>, unknown]> = [
  ['String', Serdes.String(), 'text'],
  ['Integer', Serdes.Integer(), 7],
  ['Short', Serdes.Short(), 7],
  ['Long', Serdes.Long(), 7],
  ['Float', Serdes.Float(), 0.5],
  ['Double', Serdes.Double(), 0.1],
  ['Boolean', Serdes.Boolean(), true],
  ['ByteArray', Serdes.ByteArray(), Buffer.from('ab')],
  ['Bytes', Serdes.Bytes(), Buffer.from('ab')],
  ['UUID', Serdes.UUID(), '123e4567-e89b-12d3-a456-426614174000'],
  ['Json', Serdes.Json(), { a: [1, 'b'] }],
  ['ListSerde', Serdes.ListSerde(Serdes.String()), ['a', null]],
];

describe('Serdes', () => {
  describe('every serde', () => {
    for (const [name, serde, value] of EVERY_SERDE) {
      it(`${name} serializes null to null and deserializes null to null`, () => {
        expect(serialize(serde, null)).to.equal(null);
        expect(deserialize(serde, null)).to.equal(null);
      });

      it(`${name} round-trips a value`, () => {
        expect(roundTrip(serde, value)).to.deep.equal(value);
      });
    }

    it('Void serializes only null, and deserializes only null', () => {
      expect(serialize(Serdes.Void(), null)).to.equal(null);
      expect(deserialize(Serdes.Void(), null)).to.equal(null);
      expectSerdeError(() => serializeUnchecked(Serdes.Void(), 0), /VoidSerializer cannot serialize the number 0.*null only/);
      expectSerdeError(() => deserialize(Serdes.Void(), Buffer.alloc(0)), /data should be null for a VoidDeserializer, got 0 bytes/);
    });

    it('are shared, frozen instances that any config accepts as a serde', () => {
      expect(Serdes.String()).to.equal(Serdes.String());
      expect(Object.isFrozen(Serdes.Long())).to.be.true;
      const asConfigValue: SerdeLike = Serdes.Integer();
      expect(asConfigValue).to.equal(Serdes.Integer());
    });

    it('reject undefined rather than writing a tombstone', () => {
      for (const [name, serde] of EVERY_SERDE) {
        expect(() => serializeUnchecked(serde, undefined), name).to.throw(SerdeError, /undefined/);
      }
    });
  });

  describe('String', () => {
    it('writes UTF-8', () => {
      expect(toHex(serialize(Serdes.String(), 'aé€😀'))).to.equal('61c3a9e282acf09f9880');
    });

    it('round-trips the empty string as zero bytes, not null', () => {
      expect(toHex(serialize(Serdes.String(), ''))).to.equal('');
      expect(roundTrip(Serdes.String(), '')).to.equal('');
    });

    it('round-trips unicode outside the basic plane', () => {
      expect(roundTrip(Serdes.String(), 'ключ 鍵 🔑 e\u0301')).to.equal('ключ 鍵 🔑 e\u0301');
    });

    it("writes a lone surrogate as '?', as Java's String.getBytes(UTF_8) does", () => {
      expect(toHex(serialize(Serdes.String(), 'a\uD800b\uDC00'))).to.equal('613f623f');
    });

    it('writes short strings, ASCII or not, as Buffer.from does (the short-ASCII path is the same bytes)', () => {
      for (const text of ['word42', 'a'.repeat(32), 'a'.repeat(33), 'wörd', 'abc\u007f', 'abc\u0080', '']) {
        expect(toHex(serialize(Serdes.String(), text)), text).to.equal(Buffer.from(text, 'utf8').toString('hex'));
      }
    });

    it('decodes malformed UTF-8 to U+FFFD rather than failing', () => {
      expect(deserialize(Serdes.String(), hex('61ff62'))).to.equal('a\uFFFDb');
    });

    it('refuses a number instead of writing its text', () => {
      expectSerdeError(() => serializeUnchecked(Serdes.String(), 42), /StringSerializer cannot serialize the number 42 for topic 'orders': expected a string/);
    });
  });

  describe('Integer', () => {
    it('writes 4 bytes big-endian, two’s complement', () => {
      expect(toHex(serialize(Serdes.Integer(), 1))).to.equal('00000001');
      expect(toHex(serialize(Serdes.Integer(), -1))).to.equal('ffffffff');
      expect(toHex(serialize(Serdes.Integer(), 0x01020304))).to.equal('01020304');
      expect(toHex(serialize(Serdes.Integer(), -2147483648))).to.equal('80000000');
      expect(toHex(serialize(Serdes.Integer(), 2147483647))).to.equal('7fffffff');
    });

    it('round-trips the int32 extremes', () => {
      for (const value of [-2147483648, -1, 0, 1, 2147483647]) expect(roundTrip(Serdes.Integer(), value)).to.equal(value);
    });

    it('refuses numbers outside int32', () => {
      expectSerdeError(() => serialize(Serdes.Integer(), 2147483648), /IntegerSerializer cannot serialize the number 2147483648 .*from -2147483648 to 2147483647/);
      expectSerdeError(() => serialize(Serdes.Integer(), -2147483649), /the number -2147483649/);
    });

    it('refuses a number that is not an integer', () => {
      expectSerdeError(() => serialize(Serdes.Integer(), 1.5), /the number 1\.5/);
      expectSerdeError(() => serialize(Serdes.Integer(), NaN), /the number NaN/);
      expectSerdeError(() => serialize(Serdes.Integer(), Infinity), /the number Infinity/);
    });

    it('refuses a string rather than encoding it wrongly', () => {
      expectSerdeError(() => serializeUnchecked(Serdes.Integer(), '1'), /IntegerSerializer cannot serialize a string/);
    });

    it('fails on data that is not 4 bytes, saying what came', () => {
      const err = expectSerdeError(() => deserialize(Serdes.Integer(), hex('000001')), /Size of data received by IntegerDeserializer is not 4: got 3 bytes on topic 'orders'/);
      expect(err.code).to.equal('SERDE_FAILED');
      expectSerdeError(() => deserialize(Serdes.Integer(), Buffer.alloc(0)), /is not 4: got 0 bytes/);
    });
  });

  describe('Short', () => {
    it('writes 2 bytes big-endian', () => {
      expect(toHex(serialize(Serdes.Short(), 1))).to.equal('0001');
      expect(toHex(serialize(Serdes.Short(), -1))).to.equal('ffff');
      expect(toHex(serialize(Serdes.Short(), -32768))).to.equal('8000');
    });

    it('round-trips the int16 extremes', () => {
      for (const value of [-32768, 0, 32767]) expect(roundTrip(Serdes.Short(), value)).to.equal(value);
    });

    it('refuses numbers outside int16 or not integers', () => {
      expectSerdeError(() => serialize(Serdes.Short(), 32768), /ShortSerializer cannot serialize the number 32768/);
      expectSerdeError(() => serialize(Serdes.Short(), 0.25), /the number 0\.25/);
    });

    it('fails on data that is not 2 bytes', () => {
      expectSerdeError(() => deserialize(Serdes.Short(), hex('000000')), /Size of data received by ShortDeserializer is not 2: got 3 bytes/);
    });
  });

  describe('Long', () => {
    it('writes 8 bytes big-endian, two’s complement', () => {
      expect(toHex(serialize(Serdes.Long(), 1))).to.equal('0000000000000001');
      expect(toHex(serialize(Serdes.Long(), -1))).to.equal('ffffffffffffffff');
      expect(toHex(serialize(Serdes.Long(), 0))).to.equal('0000000000000000');
      expect(toHex(serialize(Serdes.Long(), 2 ** 32))).to.equal('0000000100000000');
      expect(toHex(serialize(Serdes.Long(), -(2 ** 32)))).to.equal('ffffffff00000000');
      expect(toHex(serialize(Serdes.Long(), 1_700_000_000_000))).to.equal('0000018bcfe56800');
    });

    it('writes ±(2^53 - 1) exactly', () => {
      expect(toHex(serialize(Serdes.Long(), Number.MAX_SAFE_INTEGER))).to.equal('001fffffffffffff');
      expect(toHex(serialize(Serdes.Long(), Number.MIN_SAFE_INTEGER))).to.equal('ffe0000000000001');
    });

    it('round-trips negative values and the safe-integer extremes', () => {
      for (const value of [Number.MIN_SAFE_INTEGER, -(2 ** 32) - 1, -(2 ** 32), -1, 0, 1, 2 ** 32 - 1, 2 ** 32, Number.MAX_SAFE_INTEGER]) {
        expect(roundTrip(Serdes.Long(), value)).to.equal(value);
      }
    });

    it('refuses to serialize a number beyond ±(2^53 - 1) rather than round it', () => {
      expectSerdeError(() => serialize(Serdes.Long(), 2 ** 53), /LongSerializer cannot serialize the number 9007199254740992 .*MAX_SAFE_INTEGER/);
      expectSerdeError(() => serialize(Serdes.Long(), -(2 ** 53)), /the number -9007199254740992/);
    });

    it('refuses to deserialize a value beyond ±(2^53 - 1) rather than round it', () => {
      expectSerdeError(() => deserialize(Serdes.Long(), hex('0020000000000000')), /LongDeserializer read 9007199254740992 on topic 'orders'/);
      expectSerdeError(() => deserialize(Serdes.Long(), hex('ffe0000000000000')), /read -9007199254740992/);
      expectSerdeError(() => deserialize(Serdes.Long(), hex('7fffffffffffffff')), /read 9223372036854775807/);
      expectSerdeError(() => deserialize(Serdes.Long(), hex('8000000000000000')), /read -9223372036854775808/);
    });

    it('refuses a bigint, a fraction and a string', () => {
      expectSerdeError(() => serializeUnchecked(Serdes.Long(), 1n), /cannot serialize a bigint .*converted to a number/);
      expectSerdeError(() => serialize(Serdes.Long(), 0.5), /the number 0\.5/);
      expectSerdeError(() => serializeUnchecked(Serdes.Long(), '1'), /a string/);
    });

    it('fails on data that is not 8 bytes', () => {
      expectSerdeError(() => deserialize(Serdes.Long(), hex('00000001')), /Size of data received by LongDeserializer is not 8: got 4 bytes/);
    });
  });

  describe('Double', () => {
    it('writes IEEE 754 big-endian', () => {
      expect(toHex(serialize(Serdes.Double(), 1))).to.equal('3ff0000000000000');
      expect(toHex(serialize(Serdes.Double(), -2.5))).to.equal('c004000000000000');
      expect(toHex(serialize(Serdes.Double(), -0))).to.equal('8000000000000000');
      expect(toHex(serialize(Serdes.Double(), Infinity))).to.equal('7ff0000000000000');
      expect(toHex(serialize(Serdes.Double(), -Infinity))).to.equal('fff0000000000000');
    });

    it("writes NaN as Java's canonical NaN, whatever its bits", () => {
      const negativeNaN = hex('fff8000000000001').readDoubleBE(0);
      expect(toHex(serialize(Serdes.Double(), NaN))).to.equal('7ff8000000000000');
      expect(toHex(serialize(Serdes.Double(), negativeNaN))).to.equal('7ff8000000000000');
    });

    it('round-trips NaN, ±Infinity, -0 and the extremes', () => {
      expect(roundTrip(Serdes.Double(), NaN)).to.be.NaN;
      for (const value of [Infinity, -Infinity, Number.MAX_VALUE, Number.MIN_VALUE, -Number.MAX_VALUE, 0.1 + 0.2]) {
        expect(roundTrip(Serdes.Double(), value)).to.equal(value);
      }
      expect(Object.is(roundTrip(Serdes.Double(), -0), -0)).to.be.true;
    });

    it('refuses a string', () => {
      expectSerdeError(() => serializeUnchecked(Serdes.Double(), '1.5'), /DoubleSerializer cannot serialize a string/);
    });

    it('fails on data that is not 8 bytes', () => {
      expectSerdeError(() => deserialize(Serdes.Double(), hex('3ff00000')), /Size of data received by DoubleDeserializer is not 8: got 4 bytes/);
    });
  });

  describe('Float', () => {
    it('writes IEEE 754 single big-endian', () => {
      expect(toHex(serialize(Serdes.Float(), 1))).to.equal('3f800000');
      expect(toHex(serialize(Serdes.Float(), -2.5))).to.equal('c0200000');
      expect(toHex(serialize(Serdes.Float(), NaN))).to.equal('7fc00000');
      expect(toHex(serialize(Serdes.Float(), Infinity))).to.equal('7f800000');
    });

    it('rounds to the nearest float, as a Java (float) cast does', () => {
      expect(roundTrip(Serdes.Float(), 0.1)).to.equal(Math.fround(0.1));
    });

    it('round-trips NaN, ±Infinity and the float extremes', () => {
      expect(roundTrip(Serdes.Float(), NaN)).to.be.NaN;
      for (const value of [Infinity, -Infinity, 3.4028234663852886e38, -3.4028234663852886e38, 1.401298464324817e-45]) {
        expect(roundTrip(Serdes.Float(), value)).to.equal(value);
      }
    });

    it('refuses a finite number too large for a float rather than writing Infinity', () => {
      expectSerdeError(() => serialize(Serdes.Float(), 1e39), /FloatSerializer cannot serialize the number 1e\+39/);
    });

    it('fails on data that is not 4 bytes', () => {
      expectSerdeError(() => deserialize(Serdes.Float(), hex('3f80')), /Size of data received by FloatDeserializer is not 4: got 2 bytes/);
    });
  });

  describe('Boolean', () => {
    it('writes 01 for true and 00 for false', () => {
      expect(toHex(serialize(Serdes.Boolean(), true))).to.equal('01');
      expect(toHex(serialize(Serdes.Boolean(), false))).to.equal('00');
      expect(roundTrip(Serdes.Boolean(), false)).to.equal(false);
    });

    it('fails on any other byte, or any other size', () => {
      expectSerdeError(() => deserialize(Serdes.Boolean(), hex('02')), /unexpected byte 0x02/);
      expectSerdeError(() => deserialize(Serdes.Boolean(), hex('0100')), /Size of data received by BooleanDeserializer is not 1: got 2 bytes/);
    });

    it('refuses a truthy number', () => {
      expectSerdeError(() => serializeUnchecked(Serdes.Boolean(), 1), /BooleanSerializer cannot serialize the number 1/);
    });
  });

  describe('ByteArray and Bytes', () => {
    it('pass the bytes through without copying', () => {
      const bytes = hex('00ff10');
      expect(serialize(Serdes.ByteArray(), bytes)).to.equal(bytes);
      expect(deserialize(Serdes.ByteArray(), bytes)).to.equal(bytes);
      expect(Serdes.Bytes()).to.equal(Serdes.ByteArray());
    });

    it('round-trip empty bytes as empty, not null', () => {
      expect(toHex(roundTrip(Serdes.ByteArray(), Buffer.alloc(0)))).to.equal('');
    });

    it('accept a Uint8Array as the same bytes', () => {
      const backing = new Uint8Array([9, 1, 2, 3, 9]);
      expect(toHex(serializeUnchecked(Serdes.ByteArray(), backing.subarray(1, 4)))).to.equal('010203');
    });

    it('refuse a string', () => {
      expectSerdeError(() => serializeUnchecked(Serdes.ByteArray(), 'ab'), /ByteArraySerializer cannot serialize a string/);
    });
  });

  describe('UUID', () => {
    const uuid = '123e4567-e89b-12d3-a456-426614174000';

    it("writes the UUID's 36-character string form in UTF-8", () => {
      expect(serialize(Serdes.UUID(), uuid)?.toString('latin1')).to.equal(uuid);
      expect(serialize(Serdes.UUID(), uuid)).to.have.length(36);
    });

    it("writes and reads the canonical lower-case form, as Java's UUID.toString", () => {
      expect(serialize(Serdes.UUID(), uuid.toUpperCase())?.toString('latin1')).to.equal(uuid);
      expect(deserialize(Serdes.UUID(), Buffer.from(uuid.toUpperCase()))).to.equal(uuid);
    });

    it("reads groups without their leading zeros, as Java's UUID.fromString", () => {
      expect(deserialize(Serdes.UUID(), Buffer.from('1-2-3-4-5'))).to.equal('00000001-0002-0003-0004-000000000005');
    });

    it('fails on bytes that are not a UUID', () => {
      expectSerdeError(() => deserialize(Serdes.UUID(), Buffer.from('not-a-uuid')), /UUIDDeserializer cannot deserialize .*10 bytes are not a UUID/);
      expectSerdeError(() => deserialize(Serdes.UUID(), Buffer.from(`${uuid}0`)), /37 bytes are not a UUID/);
    });

    it('refuses a string that is not a UUID', () => {
      expectSerdeError(() => serialize(Serdes.UUID(), 'abc'), /UUIDSerializer cannot serialize a string .*expected a UUID string/);
    });
  });

  describe('Json', () => {
    it('writes JSON text in UTF-8', () => {
      expect(serialize(Serdes.Json<{ n: number; s: string }>(), { n: 1, s: 'é' })?.toString('utf8')).to.equal('{"n":1,"s":"é"}');
    });

    it('round-trips nested values, strings and numbers', () => {
      for (const value of [{ a: { b: [1, null, 'x'] } }, 'text', 0, [], false]) {
        expect(roundTrip(Serdes.Json<unknown>(), value)).to.deep.equal(value);
      }
    });

    it('reads the text "null" as null', () => {
      expect(deserialize(Serdes.Json<unknown>(), Buffer.from('null'))).to.equal(null);
    });

    it('refuses values JSON cannot hold', () => {
      const cyclic: Record<string, unknown> = {};
      cyclic.self = cyclic;
      expectSerdeError(() => serializeUnchecked(Serdes.Json(), cyclic), /JsonSerializer cannot serialize an object .*circular/);
      expectSerdeError(() => serializeUnchecked(Serdes.Json(), 1n), /cannot serialize a bigint/);
      expectSerdeError(() => serializeUnchecked(Serdes.Json(), () => 1), /cannot serialize a function/);
    });

    it('fails on bytes that are not JSON, without quoting them', () => {
      const err = expectSerdeError(() => deserialize(Serdes.Json<unknown>(), Buffer.from('{secret')), /JsonDeserializer cannot deserialize .*7 bytes are not JSON text/);
      expect(err.message).not.to.contain('secret');
      expect(err.cause).to.be.instanceOf(SyntaxError);
    });
  });

  describe('ListSerde', () => {
    it('writes a fixed-size inner serde as Java’s CONSTANT_SIZE list, nulls listed by index', () => {
      const bytes = serialize(Serdes.ListSerde(Serdes.Integer()), [1, null, -1]);
      // strategy 0 | 1 null at index 1 | size 3 | entries 1 and -1
      expect(toHex(bytes)).to.equal('00' + '00000001' + '00000001' + '00000003' + '00000001' + 'ffffffff');
      expect(deserialize(Serdes.ListSerde(Serdes.Integer()), bytes)).to.deep.equal([1, null, -1]);
    });

    it('writes any other inner serde as Java’s VARIABLE_SIZE list, a null entry as length -1', () => {
      const bytes = serialize(Serdes.ListSerde(Serdes.String()), ['ab', null, '']);
      // strategy 1 | size 3 | 2 "ab" | -1 | 0
      expect(toHex(bytes)).to.equal('01' + '00000003' + '00000002' + '6162' + 'ffffffff' + '00000000');
      expect(deserialize(Serdes.ListSerde(Serdes.String()), bytes)).to.deep.equal(['ab', null, '']);
    });

    it('round-trips an empty list and lists of UUIDs and Longs', () => {
      expect(roundTrip(Serdes.ListSerde(Serdes.String()), [])).to.deep.equal([]);
      const uuids = ['123e4567-e89b-12d3-a456-426614174000', null];
      expect(roundTrip(Serdes.ListSerde(Serdes.UUID()), uuids)).to.deep.equal(uuids);
      expect(serialize(Serdes.ListSerde(Serdes.UUID()), uuids)?.[0]).to.equal(0);
      expect(roundTrip(Serdes.ListSerde(Serdes.Long()), [Number.MIN_SAFE_INTEGER, 0])).to.deep.equal([Number.MIN_SAFE_INTEGER, 0]);
    });

    it('fails on a truncated list, trailing bytes and an unknown strategy', () => {
      const serde = Serdes.ListSerde(Serdes.String());
      expectSerdeError(() => deserialize(serde, hex('01000000010000000261')), /ListDeserializer cannot deserialize .*ends at byte 10 inside entry 0/);
      expectSerdeError(() => deserialize(serde, hex('01000000000000')), /2 bytes follow the last of the 0 entries/);
      expectSerdeError(() => deserialize(serde, hex('0200000000')), /invalid serialization strategy flag value 2/);
    });

    it('fails on a fixed-size list read with a variable-size inner serde', () => {
      const bytes = serialize(Serdes.ListSerde(Serdes.Integer()), [1]);
      expectSerdeError(() => deserialize(Serdes.ListSerde(Serdes.String()), bytes), /written with a fixed-size inner serde/);
    });

    it('reports an entry the inner serializer refuses', () => {
      expectSerdeError(() => serializeUnchecked(Serdes.ListSerde(Serdes.Integer()) as Serde<unknown>, [1, 'two']), /IntegerSerializer cannot serialize a string/);
    });
  });

  describe('serdeFrom', () => {
    it('pairs a serializer with a deserializer', () => {
      const serializer: Serializer<number> = { serialize: (_topic, n) => (n === null ? null : Buffer.from(String(n))) };
      const deserializer: Deserializer<number> = { deserialize: (_topic, b) => (b === null ? null : Number(b.toString())) };
      const serde = Serdes.serdeFrom(serializer, deserializer);
      expect(serde.serializer()).to.equal(serializer);
      expect(serde.deserializer()).to.equal(deserializer);
      expect(roundTrip(serde, 12)).to.equal(12);
    });

    it('refuses a missing serializer or deserializer', () => {
      const deserializer: Deserializer<number> = { deserialize: () => null };
      expect(() => Serdes.serdeFrom(null as unknown as Serializer<number>, deserializer)).to.throw(SerdeError, /serializer must be an object with a serialize/);
      expect(() => Serdes.serdeFrom({ serialize: () => null }, {} as Deserializer<number>)).to.throw(SerdeError, /deserializer must be/);
    });
  });
});

describe('resolveSerde', () => {
  const KEY = 'default.value.serde';

  it('gives null for null: there is no default serde', () => {
    expect(resolveSerde(null, KEY)).to.equal(null);
    expect(resolveSerde(undefined, KEY)).to.equal(null);
  });

  it('takes a serde object as it is', () => {
    const serde = Serdes.ListSerde(Serdes.String());
    expect(resolveSerde(serde, KEY)).to.equal(serde);
  });

  it('maps the Java class names of the built-in serdes to ours', () => {
    const java = 'org.apache.kafka.common.serialization.Serdes$';
    expect(resolveSerde(`${java}StringSerde`, KEY)).to.equal(Serdes.String());
    expect(resolveSerde(`${java}LongSerde`, KEY)).to.equal(Serdes.Long());
    expect(resolveSerde(`${java}IntegerSerde`, KEY)).to.equal(Serdes.Integer());
    expect(resolveSerde(`${java}UUIDSerde`, KEY)).to.equal(Serdes.UUID());
    expect(resolveSerde(`${java}VoidSerde`, KEY)).to.equal(Serdes.Void());
    expect(resolveSerde(`${java}BytesSerde`, KEY)).to.equal(Serdes.ByteArray());
    expect(resolveSerde(`${java}ByteBufferSerde`, KEY)).to.equal(Serdes.ByteArray());
    expect(resolveSerde(` ${java}DoubleSerde `, KEY)).to.equal(Serdes.Double());
  });

  it('maps the short names of the built-in serdes to ours', () => {
    expect(resolveSerde('String', KEY)).to.equal(Serdes.String());
    expect(resolveSerde('Boolean', KEY)).to.equal(Serdes.Boolean());
    expect(resolveSerde('Json', KEY)).to.equal(Serdes.Json());
  });

  it('refuses an unknown name, listing the names it knows', () => {
    expect(() => resolveSerde('Strng', KEY))
      .to.throw(ConfigError, /invalid value 'Strng' for config 'default.value.serde'.*'String', 'Integer'.*Serdes\$StringSerde/)
      .with.nested.property('context.configKey', KEY);
    expect(() => resolveSerde('org.apache.kafka.common.serialization.Serdes$JsonSerde', KEY)).to.throw(ConfigError, /must be one of/);
  });

  it('refuses Java’s ListSerde by name, saying how to give its inner serde', () => {
    expect(() => resolveSerde('org.apache.kafka.common.serialization.Serdes$ListSerde', KEY)).to.throw(ConfigError, /Serdes\.ListSerde\(innerSerde\)/);
  });

  it('refuses values that are not serdes, with a hint at the likely mistake', () => {
    expect(() => resolveSerde(Serdes.String, KEY)).to.throw(ConfigError, /Serdes\.String\(\) rather than Serdes\.String/);
    expect(() => resolveSerde(Serdes.String().serializer(), KEY)).to.throw(ConfigError, /Serdes\.serdeFrom\(serializer, deserializer\)/);
    expect(() => resolveSerde({ serializer: 1, deserializer: 2 }, KEY)).to.throw(ConfigError, /must both be methods/);
    expect(() => resolveSerde({}, KEY)).to.throw(ConfigError, /serializer\(\) and deserializer\(\)/);
    expect(() => resolveSerde(42, KEY)).to.throw(ConfigError, /invalid value 42 for config 'default.value.serde'/);
  });

  it('refuses a serde class, asking for an instance', () => {
    class MySerde {
      serializer(): Serializer<string> {
        return Serdes.String().serializer();
      }
      deserializer(): Deserializer<string> {
        return Serdes.String().deserializer();
      }
    }
    expect(() => resolveSerde(MySerde, KEY)).to.throw(ConfigError, /it is a class; pass an instance/);
    expect(resolveSerde(new MySerde(), KEY)).to.be.instanceOf(MySerde);
  });
});
