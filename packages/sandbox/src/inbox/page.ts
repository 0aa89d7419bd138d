/**
 * The web inbox, embedded as a string so the bundled `lib/` needs no static files. Plain DOM code:
 * it lists `/__sandbox/messages`, then follows `/__sandbox/events` for live updates. Message text
 * is only ever inserted with textContent, never as HTML.
 * (Keep this free of backticks and dollar-brace sequences: it lives inside a template literal.)
 */
export const inboxPageHtml = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>SMS Sandbox inbox</title>
<link rel="icon" href="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'%3E%3Crect width='32' height='32' rx='7' fill='%235d34f2'/%3E%3Cpath d='M8 10h16v10H14l-4 4v-4H8z' fill='white'/%3E%3C/svg%3E">
<style>
  :root {
    --bg: #f5f6f8; --card: #fff; --ink: #1d2330; --muted: #677085; --line: #e2e5ea;
    --accent: #5d34f2; --aliyun: #ff6a00; --yunpian: #1f7ae0; --mark: #fff1a8; --ok: #1a9b5b; --bad: #c9372c;
  }
  * { box-sizing: border-box; }
  body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", "PingFang SC", "Noto Sans CJK SC", sans-serif;
         background: var(--bg); color: var(--ink); }
  header { background: var(--card); border-bottom: 1px solid var(--line); position: sticky; top: 0; z-index: 1; }
  .bar { max-width: 920px; margin: 0 auto; padding: 14px 20px; display: flex; align-items: center; gap: 12px; flex-wrap: wrap; }
  h1 { font-size: 18px; margin: 0; font-weight: 650; }
  h1 small { font-weight: 400; color: var(--muted); margin-left: 6px; font-size: 13px; }
  .spacer { flex: 1; }
  .pill { font-size: 12px; padding: 2px 10px; border-radius: 999px; border: 1px solid var(--line); color: var(--muted); }
  .pill.live { color: var(--ok); border-color: #b9e4cd; background: #effaf4; }
  .pill.offline { color: var(--bad); border-color: #f0c3bf; background: #fdf1f0; }
  .tools { max-width: 920px; margin: 0 auto; padding: 0 20px 14px; display: flex; gap: 10px; flex-wrap: wrap; }
  input[type=search], select { font: inherit; padding: 7px 10px; border: 1px solid var(--line); border-radius: 8px; background: #fff; }
  input[type=search] { flex: 1; min-width: 220px; }
  button { font: inherit; padding: 7px 14px; border-radius: 8px; border: 1px solid var(--line); background: #fff; cursor: pointer; }
  button:hover { border-color: var(--accent); color: var(--accent); }
  button.danger:hover { border-color: var(--bad); color: var(--bad); }
  main { max-width: 920px; margin: 0 auto; padding: 18px 20px 40px; }
  .message { background: var(--card); border: 1px solid var(--line); border-radius: 12px; padding: 14px 16px; margin-bottom: 12px;
             box-shadow: 0 1px 2px rgba(16, 24, 40, .04); }
  .message.fresh { animation: flash 1.2s ease-out; }
  @keyframes flash { from { box-shadow: 0 0 0 3px rgba(93, 52, 242, .35); } to { box-shadow: 0 1px 2px rgba(16, 24, 40, .04); } }
  .meta { display: flex; align-items: center; gap: 10px; flex-wrap: wrap; font-size: 13px; color: var(--muted); }
  .provider { color: #fff; font-weight: 600; font-size: 12px; padding: 1px 8px; border-radius: 6px; text-transform: uppercase; letter-spacing: .03em; }
  .provider.aliyun { background: var(--aliyun); }
  .provider.yunpian { background: var(--yunpian); }
  .to { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; color: var(--ink); font-size: 14px; font-weight: 600; }
  .time { margin-left: auto; }
  .text { margin: 10px 0 8px; font-size: 16px; white-space: pre-wrap; word-break: break-word; }
  mark.code { background: var(--mark); color: inherit; padding: 0 3px; border-radius: 4px; font-weight: 700;
              font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
  .details { display: flex; gap: 14px; flex-wrap: wrap; font-size: 12px; color: var(--muted); }
  .details b { font-weight: 600; color: var(--ink); }
  .copy { font-size: 12px; padding: 2px 8px; margin-left: 4px; }
  .empty { text-align: center; color: var(--muted); padding: 60px 20px; border: 2px dashed var(--line); border-radius: 12px; }
  .empty code { background: #eceef2; padding: 1px 5px; border-radius: 4px; }
</style>
</head>
<body>
<header>
  <div class="bar">
    <h1>SMS Sandbox <small>Aliyun &amp; YunPian emulator</small></h1>
    <span class="spacer"></span>
    <span id="count" class="pill">0 messages</span>
    <span id="status" class="pill">connecting…</span>
  </div>
  <div class="tools">
    <input id="filter" type="search" placeholder="Filter by phone number" autocomplete="off" aria-label="Filter by phone number">
    <select id="provider" aria-label="Provider">
      <option value="">All providers</option>
      <option value="aliyun">Aliyun</option>
      <option value="aliyun-mas">Aliyun MAS</option>
      <option value="yunpian">YunPian</option>
    </select>
    <button id="clear" class="danger" type="button">Clear inbox</button>
  </div>
</header>
<main>
  <div id="messages" aria-live="polite"></div>
  <div id="empty" class="empty" hidden>
    No messages yet. Send one through a connector pointed at this sandbox, e.g. the CLI's <code>logto-sms send</code>.
  </div>
</main>
<script>
(function () {
  'use strict';
  var messages = [];
  var seen = new Set();
  var list = document.getElementById('messages');
  var empty = document.getElementById('empty');
  var filterInput = document.getElementById('filter');
  var providerSelect = document.getElementById('provider');
  var statusPill = document.getElementById('status');
  var countPill = document.getElementById('count');

  function digits(text) { return String(text || '').replace(/\\D/g, ''); }

  function visible(message) {
    var wanted = digits(filterInput.value);
    if (wanted && digits(message.to).indexOf(wanted) === -1) return false;
    return !providerSelect.value || message.provider === providerSelect.value;
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // The text with every occurrence of the code wrapped in <mark class="code">.
  function renderText(text, code) {
    var container = el('div', 'text');
    if (!code) { container.textContent = text; return container; }
    var parts = text.split(code);
    parts.forEach(function (part, index) {
      if (part) container.appendChild(document.createTextNode(part));
      if (index < parts.length - 1) container.appendChild(el('mark', 'code', code));
    });
    return container;
  }

  function detail(label, value) {
    var span = el('span');
    span.appendChild(document.createTextNode(label + ' '));
    span.appendChild(el('b', '', value));
    return span;
  }

  function card(message, fresh) {
    var article = el('article', 'message' + (fresh ? ' fresh' : ''));
    article.dataset.id = message.id;
    article.dataset.provider = message.provider;
    article.dataset.to = message.to;
    var meta = el('div', 'meta');
    meta.appendChild(el('span', 'provider ' + message.provider, ({ aliyun: 'Aliyun', 'aliyun-mas': 'Aliyun MAS', yunpian: 'YunPian' })[message.provider] || message.provider));
    meta.appendChild(el('span', 'to', message.to));
    var time = el('time', 'time', new Date(message.receivedAt).toLocaleString());
    time.dateTime = message.receivedAt;
    meta.appendChild(time);
    article.appendChild(meta);
    article.appendChild(renderText(message.text, message.code));
    var details = el('div', 'details');
    if (message.code) {
      var codeDetail = detail('Code', message.code);
      var copy = el('button', 'copy', 'Copy');
      copy.type = 'button';
      copy.addEventListener('click', function () {
        if (navigator.clipboard) navigator.clipboard.writeText(message.code).catch(function () {});
        copy.textContent = 'Copied';
        setTimeout(function () { copy.textContent = 'Copy'; }, 1200);
      });
      codeDetail.appendChild(copy);
      details.appendChild(codeDetail);
    }
    details.appendChild(detail('Template', message.template));
    details.appendChild(detail('Signature', message.signName));
    details.appendChild(detail('Credential', message.credential));
    if (message.signatureAlgorithm) details.appendChild(detail('Signed with', message.signatureAlgorithm));
    details.appendChild(detail('Request', message.requestId));
    article.appendChild(details);
    return article;
  }

  function render(freshId) {
    var shown = messages.filter(visible);
    list.replaceChildren.apply(list, shown.map(function (message) { return card(message, message.id === freshId); }));
    empty.hidden = shown.length > 0;
    countPill.textContent = shown.length === messages.length
      ? messages.length + (messages.length === 1 ? ' message' : ' messages')
      : shown.length + ' of ' + messages.length + ' messages';
  }

  function addNewest(message) {
    if (seen.has(message.id)) return;
    seen.add(message.id);
    messages.unshift(message);
    render(message.id);
  }

  function setStatus(live) {
    statusPill.textContent = live ? 'live' : 'offline – retrying';
    statusPill.className = 'pill ' + (live ? 'live' : 'offline');
  }

  // Subscribe before loading the list, then merge by id, so nothing slips between the two.
  var events = new EventSource('/__sandbox/events');
  events.addEventListener('open', function () { setStatus(true); });
  events.addEventListener('error', function () { setStatus(false); });
  events.addEventListener('message', function (event) { addNewest(JSON.parse(event.data)); });
  events.addEventListener('clear', function () { messages = []; seen.clear(); render(); });

  fetch('/__sandbox/messages').then(function (response) { return response.json(); }).then(function (body) {
    // Anything already here came over SSE and is newer than the stored list (server order, newest first).
    body.messages.forEach(function (message) {
      if (seen.has(message.id)) return;
      seen.add(message.id);
      messages.push(message);
    });
    render();
  });

  filterInput.addEventListener('input', function () { render(); });
  providerSelect.addEventListener('change', function () { render(); });
  document.getElementById('clear').addEventListener('click', function () {
    fetch('/__sandbox/messages', { method: 'DELETE' });
  });
  render();
})();
</script>
</body>
</html>
`;
