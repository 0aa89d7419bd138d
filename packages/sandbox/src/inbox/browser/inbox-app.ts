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

  const byId = <T extends HTMLElement>(id: string): T => {
    const node = document.getElementById(id);
    if (!node) {
      throw new Error(`inbox page: #${id} is missing`);
    }
    return node as T;
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
    (filterInput.value.trim() === '' || refusal.to.some(matchesNumber)) &&
    matchesProvider(refusal.provider);

  const element = <K extends keyof HTMLElementTagNameMap>(
    tag: K,
    className?: string,
    text?: string
  ): HTMLElementTagNameMap[K] => {
    const node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  };

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
      copy.addEventListener('click', () => {
        navigator.clipboard.writeText(code).catch(() => undefined);
        copy.textContent = 'Copied';
        setTimeout(() => {
          copy.textContent = 'Copy';
        }, 1200);
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

  const newestFirst = (a: Item, b: Item): number => {
    const at = (item: Item) =>
      item.kind === 'message' ? item.message.receivedAt : item.refusal.receivedAt;
    return at(b).localeCompare(at(a));
  };

  const render = (freshId?: string): void => {
    const shownMessages = messages.filter(visibleMessage);
    const shownRefusals = refusals.filter(visibleRefusal);
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
    const noun = (count: number) => (count === 1 ? ' message' : ' messages');
    countPill.textContent =
      shownMessages.length === messages.length
        ? `${messages.length}${noun(messages.length)}`
        : `${shownMessages.length} of ${messages.length}${noun(messages.length)}`;
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
    const message = JSON.parse(event.data as string) as SandboxMessage;
    if (!remember(message.id)) {
      return;
    }
    messages.unshift(message);
    render(message.id);
  });
  events.addEventListener('refusal', (event) => {
    const refusal = JSON.parse((event as MessageEvent<string>).data) as SandboxRefusal;
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

  const load = async (): Promise<void> => {
    const [stored, refused] = await Promise.all([
      fetch('/__sandbox/messages').then(
        async (response) => (await response.json()) as { messages: SandboxMessage[] }
      ),
      fetch('/__sandbox/refusals').then(
        async (response) => (await response.json()) as { refusals: SandboxRefusal[] }
      ),
    ]);
    // Anything already here came over SSE and is newer than the stored lists (newest first).
    for (const message of stored.messages) {
      if (remember(message.id)) {
        messages.push(message);
      }
    }
    for (const refusal of refused.refusals) {
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
