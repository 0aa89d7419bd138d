// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- the package's one browser file; tsconfig's lib is Node's and a lib cannot be imported.
/// <reference lib="dom" />
import type { SandboxMessage, SandboxRefusal } from '../../types.js';

/**
 * The inbox page's browser code. It is real, type-checked source, shipped by serialising this one
 * function into the page (`inboxApp.toString()`, see page.ts), so it must stay self-contained: no
 * imports other than types, no reference to anything outside its body. `recipientKey` is handed
 * in the same way, so the page's phone filter compares numbers exactly as the inbox API does.
 *
 * It lists `/__sandbox/messages` and `/__sandbox/refusals`, then follows `/__sandbox/events`.
 * Text from requests is only ever inserted with textContent, never as HTML.
 */
export function inboxApp(recipientKey: (raw: string) => string): void {
  type Item =
    { kind: 'message'; message: SandboxMessage } | { kind: 'refusal'; refusal: SandboxRefusal };

  // Helpers that use nothing but the DOM still live in here: the page gets only this function's text.
  // eslint-disable-next-line unicorn/consistent-function-scoping -- see above: inboxApp must be self-contained.
  const byId = <T extends HTMLElement>(id: string): T => {
    const node = document.querySelector<T>(`#${id}`);
    if (!node) {
      throw new Error(`inbox page: #${id} is missing`);
    }
    return node;
  };

  // The page reads only its own server's JSON (sse.ts, control-routes.ts), typed by the same
  // SandboxMessage / SandboxRefusal that server code sends.
  // eslint-disable-next-line unicorn/consistent-function-scoping -- see byId: inboxApp must be self-contained.
  const fromServer = <T>(json: string): T => {
    // eslint-disable-next-line no-restricted-syntax -- both ends of this JSON are this package (see above).
    return JSON.parse(json) as T;
  };

  // eslint-disable-next-line unicorn/consistent-function-scoping -- see byId: inboxApp must be self-contained.
  const eventData = (event: Event): string => {
    if (!(event instanceof MessageEvent) || typeof event.data !== 'string') {
      throw new TypeError(`inbox page: the ${event.type} event carries no text`);
    }
    return event.data;
  };

  let messages: SandboxMessage[] = [];
  let refusals: SandboxRefusal[] = [];
  const seen = new Set<string>();
  const list = byId<HTMLDivElement>('messages');
  const empty = byId<HTMLDivElement>('empty');
  const noMatch = byId<HTMLDivElement>('no-match');
  const filterInput = byId<HTMLInputElement>('filter');
  const providerSelect = byId<HTMLSelectElement>('provider');
  const statusPill = byId<HTMLSpanElement>('status');
  const countPill = byId<HTMLSpanElement>('count');
  const refusedPill = byId<HTMLSpanElement>('refused');

  // The API's comparison (subscriber digits: 8613800138000 and 13800138000 are one number), kept
  // as a substring match so a partly typed number already narrows the list.
  const matchesNumber = (to: string): boolean => {
    const wanted = recipientKey(filterInput.value);
    return wanted === '' || recipientKey(to).includes(wanted);
  };
  const matchesProvider = (provider: string): boolean =>
    !providerSelect.value || provider === providerSelect.value;
  const visibleMessage = (message: SandboxMessage): boolean =>
    matchesNumber(message.to) && matchesProvider(message.provider);
  const visibleRefusal = (refusal: SandboxRefusal): boolean =>
    (filterInput.value.trim() === '' || refusal.to.some((to) => matchesNumber(to))) &&
    matchesProvider(refusal.provider);

  // eslint-disable-next-line unicorn/consistent-function-scoping -- see byId: inboxApp must be self-contained.
  function element<K extends keyof HTMLElementTagNameMap>(
    tag: K,
    className?: string,
    text?: string
  ): HTMLElementTagNameMap[K] {
    const node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  // The text with every occurrence of the code wrapped in <mark class="code">.
  const renderText = (text: string, code: string | null): HTMLDivElement => {
    const container = element('div', 'text');
    if (!code) {
      container.textContent = text;
      return container;
    }
    const parts = text.split(code);
    for (const [index, part] of parts.entries()) {
      if (part) {
        container.append(document.createTextNode(part));
      }
      if (index < parts.length - 1) {
        container.append(element('mark', 'code', code));
      }
    }
    return container;
  };

  const detail = (label: string, value: string): HTMLSpanElement => {
    const span = element('span');
    span.append(document.createTextNode(`${label} `), element('b', '', value));
    return span;
  };

  const providerNames: Record<string, string> = {
    aliyun: 'Aliyun',
    'aliyun-mas': 'Aliyun MAS',
    yunpian: 'YunPian',
    tencent: 'Tencent',
  };
  const providerName = (provider: string): string => providerNames[provider] ?? provider;

  const metaLine = (provider: string, to: string, receivedAt: string): HTMLDivElement => {
    const meta = element('div', 'meta');
    meta.append(
      element('span', `provider ${provider}`, providerName(provider)),
      element('span', 'to', to)
    );
    const time = element('time', 'time', new Date(receivedAt).toLocaleString());
    time.dateTime = receivedAt;
    meta.append(time);
    return meta;
  };

  // One card: the `message` or `refusal` article with its data attributes and the meta line.
  const cardShell = (
    kind: Item['kind'],
    entry: { id: string; provider: string; receivedAt: string },
    to: string,
    fresh: boolean
  ): HTMLElement => {
    const article = element('article', `${kind}${fresh ? ' fresh' : ''}`);
    article.dataset.id = entry.id;
    article.dataset.provider = entry.provider;
    article.dataset.to = to;
    article.append(metaLine(entry.provider, to || '(no number)', entry.receivedAt));
    return article;
  };

  const messageCard = (message: SandboxMessage, fresh: boolean): HTMLElement => {
    const article = cardShell('message', message, message.to, fresh);
    article.append(renderText(message.text, message.code));
    const details = element('div', 'details');
    if (message.code) {
      const { code } = message;
      const codeDetail = detail('Code', code);
      const copy = element('button', 'copy', 'Copy');
      copy.type = 'button';
      copy.addEventListener('click', async () => {
        copy.textContent = 'Copied';
        setTimeout(() => {
          copy.textContent = 'Copy';
        }, 1200);
        try {
          await navigator.clipboard.writeText(code);
        } catch {
          // Clipboard access can be denied (an http page, a browser setting); the code stays visible.
        }
      });
      codeDetail.append(copy);
      details.append(codeDetail);
    }
    const { state, carrierCode } = message.delivery;
    details.append(detail('Delivery', carrierCode ? `${state} ${carrierCode}` : state));
    details.append(
      detail('Template', message.template),
      detail('Signature', message.signName),
      detail('Credential', message.credential)
    );
    if (message.signatureAlgorithm) {
      details.append(detail('Signed with', message.signatureAlgorithm));
    }
    details.append(detail('Request', message.requestId));
    article.append(details);
    return article;
  };

  const refusalCard = (refusal: SandboxRefusal, fresh: boolean): HTMLElement => {
    const article = cardShell('refusal', refusal, refusal.to.join(','), fresh);
    const text = element('div', 'text');
    text.append(element('span', 'badge', 'Refused'), document.createTextNode(` ${refusal.reason}`));
    article.append(text);
    const details = element('div', 'details');
    details.append(
      detail('HTTP', refusal.httpStatus === undefined ? 'no answer' : String(refusal.httpStatus))
    );
    article.append(details);
    return article;
  };

  const newestFirst = (left: Item, right: Item): number => {
    const at = (item: Item) =>
      item.kind === 'message' ? item.message.receivedAt : item.refusal.receivedAt;
    return at(right).localeCompare(at(left));
  };

  const render = (freshId?: string): void => {
    const shownMessages = messages.filter((message) => visibleMessage(message));
    const shownRefusals = refusals.filter((refusal) => visibleRefusal(refusal));
    const items: Item[] = [
      ...shownMessages.map((message): Item => ({ kind: 'message', message })),
      ...shownRefusals.map((refusal): Item => ({ kind: 'refusal', refusal })),
    ].sort(newestFirst);
    list.replaceChildren(
      ...items.map((item) =>
        item.kind === 'message'
          ? messageCard(item.message, item.message.id === freshId)
          : refusalCard(item.refusal, item.refusal.id === freshId)
      )
    );
    const nothingAtAll = messages.length === 0 && refusals.length === 0;
    empty.hidden = !nothingAtAll;
    // A filter that hides everything must not claim the inbox is empty.
    noMatch.hidden = nothingAtAll || items.length > 0;
    const noun = messages.length === 1 ? 'message' : 'messages';
    countPill.textContent =
      shownMessages.length === messages.length
        ? `${messages.length} ${noun}`
        : `${shownMessages.length} of ${messages.length} ${noun}`;
    refusedPill.hidden = refusals.length === 0;
    refusedPill.textContent = `${refusals.length} refused`;
  };

  const remember = (id: string): boolean => {
    if (seen.has(id)) {
      return false;
    }
    seen.add(id);
    return true;
  };

  const setStatus = (live: boolean): void => {
    statusPill.textContent = live ? 'live' : 'offline – retrying';
    statusPill.className = `pill ${live ? 'live' : 'offline'}`;
  };

  // Subscribe before loading the lists, then merge by id, so nothing slips between the two.
  const events = new EventSource('/__sandbox/events');
  events.addEventListener('open', () => {
    setStatus(true);
  });
  events.addEventListener('error', () => {
    setStatus(false);
  });
  events.addEventListener('message', (event) => {
    const message = fromServer<SandboxMessage>(eventData(event));
    if (!remember(message.id)) {
      return;
    }
    messages.unshift(message);
    render(message.id);
  });
  events.addEventListener('refusal', (event) => {
    const refusal = fromServer<SandboxRefusal>(eventData(event));
    if (!remember(refusal.id)) {
      return;
    }
    refusals.unshift(refusal);
    render(refusal.id);
  });
  events.addEventListener('clear', () => {
    messages = [];
    refusals = [];
    seen.clear();
    render();
  });

  // eslint-disable-next-line unicorn/consistent-function-scoping -- see byId: inboxApp must be self-contained.
  const getText = async (path: string): Promise<string> => {
    const response = await fetch(path);
    return response.text();
  };

  const load = async (): Promise<void> => {
    const [stored, refused] = await Promise.all([
      getText('/__sandbox/messages'),
      getText('/__sandbox/refusals'),
    ]);
    // Anything already here came over SSE and is newer than the stored lists (newest first).
    for (const message of fromServer<{ messages: SandboxMessage[] }>(stored).messages) {
      if (remember(message.id)) {
        messages.push(message);
      }
    }
    for (const refusal of fromServer<{ refusals: SandboxRefusal[] }>(refused).refusals) {
      if (remember(refusal.id)) {
        refusals.push(refusal);
      }
    }
    render();
  };
  void load();

  filterInput.addEventListener('input', () => {
    render();
  });
  providerSelect.addEventListener('change', () => {
    render();
  });
  byId<HTMLButtonElement>('clear').addEventListener('click', () => {
    void fetch('/__sandbox/messages', { method: 'DELETE' });
  });
  render();
}
