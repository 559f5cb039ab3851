// The baseline for the streams scenario: the barest SSE server Node can run — it holds every
// stream open and, on POST /fire, writes one event to all of them. Run as its own process.
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
server.listen(0, '127.0.0.1', () => console.log(`Bare SSE listening on http://127.0.0.1:${server.address().port}`));
process.on('SIGTERM', () => process.exit(0));
