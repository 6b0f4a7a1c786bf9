// A plain EventSource from npm's `eventsource` package, reading one stream until stdin closes. It does nothing of
// its own: it reconnects only as the package does (after a network error or a stream that ended, at the stream's
// retry:, with Last-Event-ID). One JSON line per happening on stdout, for the test to read:
//   {"open":true}  {"event":"<name>","id":"<id>","data":"<data>"}  {"error":"<type or null>","state":<readyState>}
// The package calls onerror only for connection errors (4.x), never for an `event: error` message: both come to
// addEventListener('error'), the message with its data.
import { EventSource } from 'eventsource';

const [url, ...names] = process.argv.slice(2);
const source = new EventSource(url);
const print = line => process.stdout.write(JSON.stringify(line) + '\n');

source.addEventListener('open', () => print({ open: true }));
for (const name of names) {
  source.addEventListener(name, event => print({ event: name, id: event.lastEventId, data: event.data }));
}
source.addEventListener('error', event => print({
  error: event.data ? JSON.parse(event.data).type : null, state: source.readyState }));
process.stdin.resume();
process.stdin.on('end', () => { source.close(); process.exit(0); });
