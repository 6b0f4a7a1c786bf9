// Herald's browser client: one topic stream over EventSource, with Herald's protocol (README, "The error
// protocol" and "The reconnection contract") done once here instead of in every page. No dependencies.
//
//   import { subscribe } from '/herald/herald.js';
//   const stream = subscribe('/api/topics/orders', {
//     'order-updated': (data, meta) => render(data, meta.id),
//     error: problem => show(problem),              // Herald's typed error events, parsed
//     state: (state, info) => status(state, info),  // connecting, open, waiting, closed
//   });
//   stream.close();
//
// Topics that are not public: a browser on the same site sends its token in Herald's cookie by itself; a page
// that holds the token (or is on another site) passes `token`, a function called before every (re)connect that
// returns a fresh token: the module exchanges it for a single-use stream ticket (POST /api/tickets) and opens the
// stream with `?ticket=`. `ticket` instead is a function that returns such a ticket itself (e.g. from the page's
// own backend). When a token expires Herald ends the stream with a retryable `token-expired` error: the next
// connect asks for a fresh one and resumes after the last event id, nothing lost.

/** Herald's own events that carry an id: always listened for, so that the resume point follows them. */
const ID_EVENTS = ['reset', 'upstream-degraded', 'upstream-recovered'];
/** Handler keys that are not plain events (handled apart). */
const SPECIAL = new Set(['state', 'subscribed', 'error']);

/** Connection states reported to the `state` handler. */
export const State = Object.freeze({
  CONNECTING: 'connecting', // a request is under way
  OPEN: 'open',             // Herald said `subscribed`: events flow
  WAITING: 'waiting',       // the stream ended; a reconnect is scheduled (info.delayMs)
  CLOSED: 'closed',         // for good: close() was called or Herald sent a fatal error
});

const DEFAULTS = Object.freeze({
  lastEventId: null,   // resume after this id (e.g. kept from an earlier page)
  baseDelayMs: 1000,   // first backoff ceiling; doubles per failed attempt
  maxDelayMs: 30000,   // backoff ceiling
  withCredentials: false,
  token: null,         // async () => JWT: exchanged for a stream ticket before every connect
  ticket: null,        // async (topic) => stream ticket, before every connect (instead of `token`)
  ticketsUrl: null,    // where `token` is exchanged; by default `tickets` beside `topics/` in the stream's URL
  random: Math.random, // for tests of the jitter only
});

/**
 * Subscribes to a Herald topic stream. `handlers` maps the topic's event names (EventSource delivers only the
 * names it listens for) and Herald's own (`error`, `reset`, `upstream-degraded`, `upstream-recovered`,
 * `subscribed`) to functions `(data, meta)`; `state` gets `(state, info)`. Returns the subscription.
 */
export function subscribe(url, handlers = {}, options = {}) {
  return new HeraldSubscription(url, handlers, options);
}

export class HeraldSubscription {
  #url;
  #handlers;
  #options;
  #source = null;
  #timer = null;
  #attempt = 0;
  #state = null;
  #lastEventId;
  #seen = new RecentIds(1000);

  constructor(url, handlers = {}, options = {}) {
    this.#url = new URL(url, globalThis.document?.baseURI ?? globalThis.location?.href);
    this.#handlers = handlers;
    this.#options = { ...DEFAULTS, ...options };
    this.#lastEventId = this.#options.lastEventId;
    this.#connect();
  }

  get state() { return this.#state; }

  /** The id of the last event delivered: what a reconnect resumes after. */
  get lastEventId() { return this.#lastEventId; }

  /** Stops everything: the open stream and any scheduled reconnect. */
  close() {
    this.#stop();
    this.#setState(State.CLOSED, { reason: 'closed' });
  }

  /**
   * Drops the current connection as a network failure would (demo page button, browser tests): the client
   * then reconnects with backoff and its last event id.
   */
  dropConnection() {
    if (this.#source) this.#retry({ reason: 'dropped' }, 0);
  }

  #connect() {
    const url = new URL(this.#url);
    // EventSource cannot set Last-Event-ID on a new object; Herald reads the same id from the query.
    if (this.#lastEventId) url.searchParams.set('lastEventId', this.#lastEventId);
    this.#setState(State.CONNECTING, { attempt: this.#attempt, url: url.href });
    if (!this.#options.token && !this.#options.ticket) {
      this.#open(url);
      return;
    }
    this.#ticket().then((ticket) => {
      if (this.#state === State.CLOSED || this.#source) return; // closed, or connected otherwise, meanwhile
      if (ticket) url.searchParams.set('ticket', ticket);
      this.#open(url);
    }, (failure) => {
      if (this.#state === State.CLOSED) return;
      if (failure.problem) this.#call('error', { data: null, lastEventId: '' }, failure.problem);
      if (failure.problem && failure.problem.retryable !== true) {
        this.#setState(State.CLOSED, { reason: 'fatal', problem: failure.problem });
      } else {
        this.#retry({ reason: 'credentials', problem: failure.problem }, Number(failure.problem?.retryAfterMs) || 0);
      }
    });
  }

  #open(url) {
    const source = new EventSource(url, { withCredentials: this.#options.withCredentials });
    this.#source = source;

    source.addEventListener('subscribed', (event) => {
      this.#attempt = 0; // the server took us: the next failure starts the backoff over
      this.#setState(State.OPEN, parse(event.data));
      this.#call('subscribed', event);
    });
    // One listener for both kinds of `error`: Herald's typed event is a MessageEvent with JSON data, the
    // native connection failure a plain Event without data.
    source.addEventListener('error', (event) => {
      if (typeof event.data === 'string') this.#typedError(event);
      else this.#retry({ reason: 'network' }, 0);
    });
    // EventSource delivers a named event only to listeners of that name: there is no "any event".
    const names = new Set([...ID_EVENTS, ...Object.keys(this.#handlers).filter((name) => !SPECIAL.has(name))]);
    for (const name of names) {
      source.addEventListener(name, (event) => this.#event(name, event));
    }
  }

  /** A fresh stream ticket before every connect, when the page gave a way to get one; else none. */
  async #ticket() {
    const topic = decodeURIComponent(this.#url.pathname.split('/').filter(Boolean).pop() ?? '');
    if (this.#options.ticket) return this.#options.ticket(topic);
    if (!this.#options.token) return null;
    const token = await this.#options.token();
    const ticketsUrl = this.#options.ticketsUrl
      ? new URL(this.#options.ticketsUrl, this.#url)
      : new URL(this.#url.pathname.replace(/topics\/[^/]+\/?$/, 'tickets'), this.#url);
    const answer = await fetch(ticketsUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ topic }),
    });
    const body = parse(await answer.text());
    if (!answer.ok) {
      const failure = new Error(`no stream ticket: ${answer.status}`);
      failure.problem = typeof body === 'object' ? body : { status: answer.status, retryable: answer.status >= 500 };
      throw failure;
    }
    return body.ticket;
  }

  /** A topic event, `reset` or `upstream-*`: delivered once per id, and remembered as the resume point. */
  #event(name, event) {
    const id = event.lastEventId;
    if (id) {
      if (this.#seen.has(id)) return; // a replay overlapping what we already delivered
      this.#seen.add(id);
      this.#lastEventId = id;
    }
    this.#call(name, event);
  }

  /** Herald closes the stream after an error event: stop on a fatal one, else come back when told. */
  #typedError(event) {
    const problem = parse(event.data);
    this.#call('error', event, problem);
    if (problem && problem.retryable === true) {
      this.#retry({ reason: 'error', problem }, Number(problem.retryAfterMs) || 0);
    } else {
      this.#stop();
      this.#setState(State.CLOSED, { reason: 'fatal', problem });
    }
  }

  /** Closes the native source (so it never reconnects by itself) and schedules our own reconnect. */
  #retry(info, atLeastMs) {
    this.#stop();
    if (this.#state === State.CLOSED) return; // a handler called close()
    // Full jitter (a random delay up to an exponential ceiling) spreads clients that failed together.
    const ceiling = Math.min(this.#options.maxDelayMs, this.#options.baseDelayMs * 2 ** this.#attempt);
    const delayMs = Math.max(atLeastMs, Math.round(this.#options.random() * ceiling));
    this.#attempt++;
    this.#setState(State.WAITING, { ...info, attempt: this.#attempt, delayMs });
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#connect();
    }, delayMs);
  }

  #stop() {
    clearTimeout(this.#timer);
    this.#timer = null;
    if (this.#source) {
      this.#source.close();
      this.#source = null;
    }
  }

  #setState(state, info) {
    if (this.#state === State.CLOSED) return; // closed is final
    this.#state = state;
    try {
      this.#handlers.state?.(state, info);
    } catch (error) {
      (globalThis.reportError ?? console.error)(error);
    }
  }

  #call(name, event, data = parse(event.data)) {
    try {
      this.#handlers[name]?.(data, { event: name, id: event.lastEventId || null });
    } catch (error) {
      // A failing handler must not stop the protocol (closing on fatal, reconnecting): report it and go on.
      (globalThis.reportError ?? console.error)(error);
    }
  }
}

/** Herald's data is always one line of JSON; anything else is handed over as the raw string. */
function parse(text) {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The last `limit` ids, to drop duplicates without growing forever. */
class RecentIds {
  #ids = new Set();
  #limit;

  constructor(limit) { this.#limit = limit; }

  has(id) { return this.#ids.has(id); }

  add(id) {
    this.#ids.add(id);
    if (this.#ids.size > this.#limit) this.#ids.delete(this.#ids.values().next().value);
  }
}
