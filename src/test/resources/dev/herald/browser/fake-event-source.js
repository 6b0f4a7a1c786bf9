// Run by BrowserClientIT in the demo page (no stream open): herald.js against a scripted EventSource, to pin
// what a real server cannot make happen on demand (exact backoff delays, duplicate ids) in the real browser.
// Records what herald.js did; the Java test asserts on the record.
const [moduleUrl, done] = [arguments[0], arguments[arguments.length - 1]];

class FakeEventSource {
  static all = [];
  constructor(url) { this.url = String(url); this.listeners = {}; this.closed = false; FakeEventSource.all.push(this); }
  addEventListener(name, listener) { (this.listeners[name] ??= []).push(listener); }
  close() { this.closed = true; }
  /** A native connection failure: a plain Event, no data. */
  fail() { this.#fire('error', new Event('error')); }
  /** A server-sent event: a MessageEvent with data and the id the browser would report. */
  send(name, data, id = '') { this.#fire(name, new MessageEvent(name, { data, lastEventId: id })); }
  #fire(name, event) { for (const listener of this.listeners[name] ?? []) listener(event); }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const waitForSource = async (n) => { while (FakeEventSource.all.length < n) await sleep(2); return FakeEventSource.all[n - 1]; };

async function scenario() {
  window.EventSource = FakeEventSource; // herald.js looks the global up at each connect
  const { subscribe } = await import(moduleUrl);
  const record = { delays: [], states: [], delivered: [], errors: [], urls: [] };
  const stream = subscribe('api/topics/it-fake', {
    step: (data, meta) => record.delivered.push(meta.id),
    error: (problem) => {
      record.errors.push(problem.type);
      if (problem.retryable) throw new Error('a failing page handler'); // must not stop the reconnect
    },
    state: (state, info) => { record.states.push(state); if (state === 'waiting') record.delays.push(info.delayMs); },
  }, { baseDelayMs: 10, maxDelayMs: 40, random: () => 0.5 });

  // Four network failures in a row: ceilings 10, 20, 40, 40 (capped); half of each with random() = 0.5.
  for (let n = 1; n <= 4; n++) (await waitForSource(n)).fail();
  const open = await waitForSource(5);
  open.send('subscribed', '{"topic":"it-fake","currentId":null,"resumedAfter":null}');
  open.send('step', '1', 'e-1');
  open.send('step', '2', 'e-2');
  open.send('step', '1', 'e-1'); // a duplicate: not delivered again
  // A retryable error after `subscribed`: the backoff started over (5 ms) but retryAfterMs (30) wins.
  open.send('error', '{"type":"urn:herald:problem:slow-consumer","retryable":true,"retryAfterMs":30}');
  record.closedAfterTypedError = open.closed;
  const resumed = await waitForSource(6);
  resumed.send('error', '{"type":"urn:herald:problem:invalid-topic","retryable":false,"retryAfterMs":3600000}');
  await sleep(100);
  record.sourcesAfterFatal = FakeEventSource.all.length;
  record.urls = FakeEventSource.all.map((source) => source.url.replace(/^.*\/api\//, ''));
  record.finalState = stream.state;

  // close() while a reconnect is scheduled cancels it.
  const closing = subscribe('api/topics/it-fake', {}, { baseDelayMs: 20, random: () => 1 });
  (await waitForSource(7)).fail();
  closing.close();
  await sleep(100);
  record.sourcesAfterClose = FakeEventSource.all.length;
  record.closingState = closing.state;

  // close() from inside the error handler of a retryable error: nothing is scheduled after it.
  const fromHandler = subscribe('api/topics/it-fake', { error: () => fromHandler.close() }, { random: () => 0 });
  (await waitForSource(8)).send('error', '{"type":"urn:herald:problem:server-shutdown","retryable":true,"retryAfterMs":10}');
  await sleep(100);
  record.sourcesAfterCloseInHandler = FakeEventSource.all.length;
  return record;
}

scenario().then(done, (error) => done({ failure: String(error && error.stack || error) }));
