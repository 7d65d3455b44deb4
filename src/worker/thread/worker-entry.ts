// The file Piscina loads in every pool thread (design-notes §4). It exports one handler; the
// thread's start-up data (protocol.ts WorkerInit) is Piscina's workerData, so the thread starts
// loading the topology module as soon as it is created, and a thread that replaces a dead one
// starts the same way. It must run from dist/ as plain CommonJS and must not load kafkajs.
import { threadId, workerData } from 'node:worker_threads';
import { Piscina, transferableSymbol, valueSymbol } from 'piscina';
import { createFailedHandler, createRequestHandler, type RequestHandler } from './request-handler';
import { startThread } from './thread-start';

const ready: Promise<RequestHandler> = startThread(workerData, threadId).then(createRequestHandler, (error: unknown) => createFailedHandler(error, threadId));

export default async function handleMessage(message: unknown): Promise<unknown> {
  const handler = await ready;
  const { reply, transfer } = await handler(message);
  if (transfer.length === 0) return reply;
  // Piscina transfers what a Transferable names instead of copying it (the output batch).
  return Piscina.move({ [transferableSymbol]: transfer, [valueSymbol]: reply });
}
