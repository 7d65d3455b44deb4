import { expect } from 'chai';
import { StreamsConfig, type StreamsConfigInput } from '../../../src/config';
import { Serdes } from '../../../src/core/serde/serdes';
import { ConfigError } from '../../../src/errors';
import { mergeModuleConfig, workerConfigData } from '../../../src/worker/worker-config';

const base = { 'application.id': 'app', 'bootstrap.servers': 'localhost:9092' } as const;

describe('worker config', () => {
  it('sends the data of the config to worker threads, names of built-ins included', () => {
    const config = new StreamsConfig({ ...base, 'num.stream.threads': 3, 'default.key.serde': 'String', 'processing.exception.handler': 'logAndContinue', 'producer.linger.ms': 5 });
    const data = workerConfigData(config.originals());
    expect(data).to.deep.equal({ ...base, 'num.stream.threads': 3, 'default.key.serde': 'String', 'processing.exception.handler': 'logAndContinue', 'producer.linger.ms': 5 });
    expect(structuredClone(data)).to.deep.equal(data);
  });

  it('refuses a serde object or a handler function, saying how to give it instead', () => {
    const serde = new StreamsConfig({ ...base, 'default.value.serde': Serdes.Long() });
    expect(() => workerConfigData(serde.originals())).to.throw(ConfigError, /config 'default.value.serde' is an object that is not plain data.*export const config = \{ 'default.value.serde': \.\.\. \}/);
    const handler = new StreamsConfig({ ...base, 'processing.exception.handler': () => 'CONTINUE' as const });
    expect(() => workerConfigData(handler.originals())).to.throw(ConfigError, /'processing.exception.handler' is a function.*'logAndFail' or 'logAndContinue'/);
  });

  it('leaves client settings that are code behind: worker threads have no Kafka clients', () => {
    const provider = async () => ({ value: 'token' });
    const data = workerConfigData({ ...base, 'sasl.oauthBearerProvider': provider } as StreamsConfigInput);
    expect(data).to.not.have.property('sasl.oauthBearerProvider');
  });

  it("merges the topology module's config export, refusing keys it may not set and keys set twice", () => {
    const long = Serdes.Long();
    const merged = mergeModuleConfig({ ...base }, { 'default.value.serde': long }, 'file:///t.js');
    expect(merged['default.value.serde']).to.equal(long);
    expect(new StreamsConfig(merged).get('default.value.serde')).to.equal(long);
    expect(() => mergeModuleConfig({ ...base }, { 'num.stream.threads': 2 }, 'file:///t.js')).to.throw(ConfigError, /may only set .*set 'num.stream.threads' in the config given to KafkaStreams/);
    expect(() => mergeModuleConfig({ ...base, 'default.value.serde': 'Long' }, { 'default.value.serde': long }, 'file:///t.js')).to.throw(ConfigError, /set both .* keep one/);
    expect(() => mergeModuleConfig({ ...base }, 'String', 'file:///t.js')).to.throw(ConfigError, /must be an object of config keys/);
    expect(mergeModuleConfig({ ...base }, undefined, 'file:///t.js')).to.deep.equal(base);
  });
});
