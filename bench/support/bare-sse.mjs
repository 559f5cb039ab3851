// The baseline for the streams scenarios: the barest SSE server Node can run — it holds every
// stream open, writes a heartbeat to each every HEARTBEAT_MS (when set) and, on POST /fire, writes
// one event to all of them. Run as its own process; when forked with --expose-gc it answers each
// IPC message "stats" with its memory after a full garbage collection.
import { createServer } from 'node:http';

const streams = new Set();
const server = createServer((req, res) => {
  if (req.method === 'POST' && req.url === '/fire') {
    const data = `data: ${JSON.stringify({ type: 'changes', at: Date.now() })}\n\n`;
    for (const s of streams) s.write(data);
    res.end('ok');
    return;
  }
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  res.write(`data: ${JSON.stringify({ type: 'resync' })}\n\n`);
  streams.add(res);
  req.on('close', () => streams.delete(res));
});
const heartbeatMs = Number(process.env.HEARTBEAT_MS ?? 0);
if (heartbeatMs > 0) {
  setInterval(() => {
    const beat = `data: ${JSON.stringify({ type: 'heartbeat', serverTime: new Date().toISOString() })}\n\n`;
    for (const s of streams) s.write(beat);
  }, heartbeatMs).unref();
}
server.listen(0, '127.0.0.1', () => {
  const url = `http://127.0.0.1:${server.address().port}`;
  console.log(`Bare SSE listening on ${url}`);
  process.send?.({ url });
});
process.on('message', (message) => {
  if (message !== 'stats') return;
  globalThis.gc();
  globalThis.gc();
  const { heapUsed, rss } = process.memoryUsage();
  process.send({ queries: 0, heapUsed, rss });
});
process.on('SIGTERM', () => process.exit(0));
