// The baseline of the live-propagation scenario: the barest SSE echo a browser page can see.
// GET / serves a page that reads /stream with fetch (as the app reads its event stream) and adds one
// table row per event; POST /fire?id=… answers, then writes that id to every open stream.
// Its own origin and no CSP: the staff app's CSP (connect-src 'self') forbids reaching it from there.
import { createServer } from 'node:http';

const page = `<!doctype html><meta charset="utf-8"><title>echo</title>
<table><tbody id="rows"></tbody></table>
<script type="module">
  const rows = document.getElementById('rows');
  const response = await fetch('/stream');
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  window.echoReady = true;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let end;
    while ((end = buffer.indexOf('\\n\\n')) >= 0) {
      const data = buffer.slice(0, end).replace(/^data: /, '');
      buffer = buffer.slice(end + 2);
      const message = JSON.parse(data);
      if (!message.id) continue;
      const tr = document.createElement('tr');
      tr.dataset.referral = message.id;
      tr.innerHTML = '<td>' + message.id + '</td>';
      rows.prepend(tr);
    }
  }
</script>`;

const streams = new Set();
const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://x');
  if (req.method === 'POST' && url.pathname === '/fire') {
    const data = `data: ${JSON.stringify({ type: 'changes', id: url.searchParams.get('id') })}\n\n`;
    res.end('ok');
    for (const s of streams) s.write(data);
    return;
  }
  if (url.pathname === '/stream') {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    res.write(`data: ${JSON.stringify({ type: 'resync' })}\n\n`);
    streams.add(res);
    req.on('close', () => streams.delete(res));
    return;
  }
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
});
server.listen(0, '127.0.0.1', () => console.log(`Echo SSE listening on http://127.0.0.1:${server.address().port}`));
process.on('SIGTERM', () => process.exit(0));
