// The public API of kstreams. Everything a user imports comes from here.
// The kafkajs patches must be installed before any module that loads kafkajs: keep this import first.
import './coordination/kafkajs-patches';
