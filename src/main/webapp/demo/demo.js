// The demo page: a form that subscribes with herald.js, and logs of what arrives. Everything received is
// shown with textContent, never as HTML.
import { subscribe } from '../herald/herald.js';

const MAX_ROWS = 500; // keep the page light on a long-running demo
const $ = (id) => document.getElementById(id);
let stream = null;
let resumeFrom = new URLSearchParams(location.search).get('lastEventId');

function row(log, text, attributes = {}) {
  const item = document.createElement('li');
  item.textContent = `${new Date().toLocaleTimeString()} ${text}`;
  for (const [name, value] of Object.entries(attributes)) item.setAttribute(name, value);
  log.append(item);
  while (log.children.length > MAX_ROWS) log.firstElementChild.remove();
  log.scrollTop = log.scrollHeight;
}

const json = (data) => JSON.stringify(data);

function showEvent(data, meta, className) {
  row($('events-log'), `${meta.event} ${meta.id ?? ''} ${json(data)}`,
    { 'data-event': meta.event, 'data-id': meta.id ?? '', class: className ?? '' });
}

function showProblem(problem, meta) {
  const fatal = problem.retryable === false;
  const kind = meta.event === 'error' ? (fatal ? 'fatal error' : 'retryable error') : meta.event;
  const when = problem.retryAfterMs == null ? '' : `, retry after ${problem.retryAfterMs} ms`;
  row($('problems'), `${kind}: ${problem.title} (${problem.status}${when}) ${problem.type}: ${problem.detail}`,
    { 'data-type': problem.type ?? '', 'data-retryable': String(problem.retryable),
      'data-retry-after-ms': String(problem.retryAfterMs ?? ''),
      class: meta.event === 'error' ? (fatal ? 'fatal' : 'retryable') : 'degraded' });
}

function describe(state, info = {}) {
  switch (state) {
    case 'waiting': return `waiting ${info.delayMs} ms to reconnect (${info.reason}, attempt ${info.attempt})`;
    case 'closed': return info.reason === 'fatal' ? 'closed: fatal error' : 'closed';
    case 'connecting': return info.attempt ? `reconnecting (attempt ${info.attempt})` : 'connecting';
    default: return state;
  }
}

function connect(topic, eventNames, lastEventId) {
  stream?.close();
  const handlers = {
    state: (state, info) => {
      $('state').textContent = describe(state, info);
      $('state').dataset.state = state;
    },
    error: showProblem,
    reset: (data, meta) => showEvent(data, meta, 'reset'),
    'upstream-degraded': (data, meta) => { showProblem(data, meta); showEvent(data, meta, 'degraded'); },
    'upstream-recovered': (data, meta) => showEvent(data, meta, 'recovered'),
  };
  for (const name of eventNames) handlers[name] ??= showEvent;
  stream = subscribe(`api/topics/${encodeURIComponent(topic)}`, handlers, { lastEventId });
}

$('subscribe').addEventListener('submit', (event) => {
  event.preventDefault();
  const names = $('events').value.split(/[\s,]+/).filter(Boolean);
  connect($('topic').value.trim(), names, resumeFrom);
  resumeFrom = null; // only the first connection of a link resumes
});
$('disconnect').addEventListener('click', () => stream?.close());
$('drop').addEventListener('click', () => stream?.dropConnection());

async function setMode(mode) {
  const response = await fetch(`api/demo-upstream/mode/${mode}`, { method: 'POST' });
  const body = await response.json();
  $('mode').textContent = response.ok ? body.mode : `${body.title}: ${body.detail}`;
}
for (const button of $('modes').querySelectorAll('button')) {
  button.addEventListener('click', () => setMode(button.dataset.mode).catch((e) => { $('mode').textContent = e.message; }));
}
// The current mode, without changing it (`GET api/demo-upstream/mode`).
fetch('api/demo-upstream/mode').then((r) => r.ok ? r.json() : { mode: 'unavailable' })
  .then((body) => { $('mode').textContent = body.mode; }, () => { $('mode').textContent = 'unavailable'; });

// A link such as /?topic=orders&events=order-updated subscribes at once (and &lastEventId=... resumes).
const params = new URLSearchParams(location.search);
if (params.has('topic')) {
  $('topic').value = params.get('topic');
  if (params.has('events')) $('events').value = params.get('events');
  $('subscribe').requestSubmit();
}
