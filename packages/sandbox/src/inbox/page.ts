import { recipientKey } from '../shared/recipient.js';

import { inboxApp } from './browser/inbox-app.js';

/**
 * The web inbox, embedded as a string so the bundled `lib/` needs no static files. The markup and
 * styles live here; the behaviour is `inboxApp` (browser/inbox-app.ts, type-checked with the DOM
 * types), serialised into the page together with the API's `recipientKey`.
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
    --accent: #5d34f2; --aliyun: #ff6a00; --yunpian: #1f7ae0; --tencent: #0052d9; --mark: #fff1a8; --ok: #1a9b5b; --bad: #c9372c;
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
  .provider.tencent { background: var(--tencent); }
  .to { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; color: var(--ink); font-size: 14px; font-weight: 600; }
  .time { margin-left: auto; }
  .text { margin: 10px 0 8px; font-size: 16px; white-space: pre-wrap; word-break: break-word; }
  mark.code { background: var(--mark); color: inherit; padding: 0 3px; border-radius: 4px; font-weight: 700;
              font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
  .details { display: flex; gap: 14px; flex-wrap: wrap; font-size: 12px; color: var(--muted); }
  .details b { font-weight: 600; color: var(--ink); }
  .copy { font-size: 12px; padding: 2px 8px; margin-left: 4px; }
  .refusal { background: #fdf6f5; border: 1px solid #f0c3bf; border-radius: 12px; padding: 14px 16px; margin-bottom: 12px; }
  .refusal.fresh { animation: flash 1.2s ease-out; }
  .badge { background: var(--bad); color: #fff; font-size: 12px; font-weight: 600; padding: 1px 8px; border-radius: 6px; }
  .pill.refused { color: var(--bad); border-color: #f0c3bf; }
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
    <span id="refused" class="pill refused" hidden>0 refused</span>
    <span id="status" class="pill">connecting…</span>
  </div>
  <div class="tools">
    <input id="filter" type="search" placeholder="Filter by phone number" autocomplete="off" aria-label="Filter by phone number">
    <select id="provider" aria-label="Provider">
      <option value="">All providers</option>
      <option value="aliyun">Aliyun</option>
      <option value="aliyun-mas">Aliyun MAS</option>
      <option value="yunpian">YunPian</option>
      <option value="tencent">Tencent</option>
    </select>
    <button id="clear" class="danger" type="button">Clear inbox</button>
  </div>
</header>
<main>
  <div id="messages" aria-live="polite"></div>
  <div id="empty" class="empty" hidden>
    No messages yet. Send one through a connector pointed at this sandbox, e.g. the CLI's <code>logto-sms send</code>.
  </div>
  <div id="no-match" class="empty" hidden>
    Nothing matches this filter. Clear the phone number or the provider to see every message.
  </div>
</main>
<script>(${inboxApp.toString()})(${recipientKey.toString()});</script>
</body>
</html>
`;
