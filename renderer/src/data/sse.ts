/**
 * Reads a Server-Sent-Events stream with fetch (EventSource cannot send an Authorization
 * header). Calls onMessage with each event's data; resolves when the stream ends.
 */
export async function readEventStream(
  url: string,
  init: RequestInit,
  onOpen: (response: Response) => void,
  onMessage: (data: string) => void,
): Promise<void> {
  const response = await fetch(url, { ...init, headers: { ...init.headers, accept: 'text/event-stream' } });
  onOpen(response);
  if (!response.ok || !response.body) return;
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = block
        .split('\n')
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).trimStart())
        .join('\n');
      if (data) onMessage(data);
    }
  }
}
