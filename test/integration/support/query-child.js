// A kstreams application in its own process that answers interactive queries over HTTP on the
// port of its `application.server`, as a user's application would. It runs the compiled package
// (dist/) on the topology module and config given as JSON in argv[2], prints one JSON line per
// event on stdout and closes gracefully on SIGTERM.
//   GET /metadata?store=&key=  queryMetadataForKey (String keys)
//   GET /clients               metadataForAllStreamsClients
//   GET /get?store=&key=[&stale=true]  store(keyValueStore()).get(key) on this process (stale: enableStaleStores)
//   GET /all?store=            store(keyValueStore()).all() on this process
// Failures answer { error: <class name>, message }.
const http = require('node:http');
const { KafkaStreams, QueryableStoreTypes, Serdes } = require('../../../dist/index.js');

const { topologyModule, config, env } = JSON.parse(process.argv[2]);
Object.assign(process.env, env ?? {});
const emit = (event) => process.stdout.write(`${JSON.stringify(event)}\n`);
const quiet = { info: () => undefined, warn: (m) => emit({ event: 'warn', message: m }), error: (m) => emit({ event: 'log-error', message: m }) };

const streams = new KafkaStreams(topologyModule, config, { logger: quiet });
streams.onStateChange((state, old) => emit({ event: 'state', state, old, tasks: streams.activeTasks() }));

const failure = (error) => ({ error: error.name, message: error.message });
try {
  streams.store({ storeName: 'counts-store', queryableStoreType: QueryableStoreTypes.keyValueStore() });
  emit({ event: 'before-start', ok: true });
} catch (error) {
  emit({ event: 'before-start', ...failure(error) });
}

const hostInfo = (h) => `${h.host}:${h.port}`;
const routes = {
  '/metadata': async (q) => {
    const m = streams.queryMetadataForKey(q.get('store'), q.get('key'), Serdes.String().serializer());
    return { activeHost: hostInfo(m.activeHost), standbyHosts: m.standbyHosts.map(hostInfo), partition: m.partition };
  },
  '/clients': async () =>
    streams.metadataForAllStreamsClients().map((m) => ({ host: hostInfo(m.hostInfo), stores: [...m.stateStoreNames], partitions: m.topicPartitions.map((tp) => `${tp.topic}-${tp.partition}`) })),
  '/get': async (q) => ({ value: await streams.store({ storeName: q.get('store'), queryableStoreType: QueryableStoreTypes.keyValueStore(), enableStaleStores: q.get('stale') === 'true' }).get(q.get('key')) }),
  '/all': async (q) => {
    const entries = [];
    for await (const { key, value } of streams.store({ storeName: q.get('store'), queryableStoreType: QueryableStoreTypes.keyValueStore() }).all()) entries.push([key, value]);
    return { entries, count: await streams.store({ storeName: q.get('store'), queryableStoreType: QueryableStoreTypes.keyValueStore() }).approximateNumEntries() };
  },
  '/state': async () => ({ state: streams.state(), tasks: streams.activeTasks() }),
};

const port = Number(config['application.server'].split(':').pop());
const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost');
  const route = routes[url.pathname];
  const answer = route ? route(url.searchParams).catch(failure) : Promise.resolve({ error: 'NotFound', message: url.pathname });
  answer
    .then((body) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    })
    .catch((error) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(failure(error)));
    });
});
server.listen(port, '127.0.0.1', () => emit({ event: 'listening', port }));

process.once('SIGTERM', async () => {
  server.close();
  const closed = await streams.close({ timeoutMs: 20000 });
  emit({ event: 'closed', closed, state: streams.state() });
  process.exit(0);
});
streams.start().then(
  () => emit({ event: 'started', tasks: streams.activeTasks() }),
  (error) => emit({ event: 'start-failed', message: error.message, name: error.name }),
);
