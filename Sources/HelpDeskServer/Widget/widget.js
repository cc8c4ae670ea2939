/* HelpDesk chat widget: vanilla JavaScript, no dependencies, no build step.
   Embed with: <script src="https://helpdesk.example/widget.js" data-channel="CHANNEL_ID" async></script>
   Text from the server is only ever set with textContent; styles come from /widget.css and classes. */
(function () {
  'use strict';
  if (typeof document === 'undefined' || typeof window === 'undefined') return;
  if (document.getElementById('hd-widget-root') || window.__hdWidgetLoaded) return;

  // ---- Our own <script> element: the channel id and the server origin. ----
  var SCRIPT_SRC = /\/widget\.js(?:[?#].*)?$/;
  function findScript() {
    var current = document.currentScript;
    if (current && current.src && (SCRIPT_SRC.test(current.src) || current.hasAttribute('data-channel'))) return current;
    var scripts = document.getElementsByTagName('script');
    var fallback = null;
    for (var i = scripts.length - 1; i >= 0; i--) {
      if (!scripts[i].src || !SCRIPT_SRC.test(scripts[i].src)) continue;
      if (scripts[i].hasAttribute('data-channel')) return scripts[i];
      if (!fallback) fallback = scripts[i];
    }
    return fallback;
  }
  var script = findScript();
  if (!script) { warn('could not find its <script> element'); return; }
  var channel = (script.getAttribute('data-channel') || '').trim();
  if (!channel) { warn('add data-channel="CHANNEL_ID" to the <script> tag'); return; }
  var origin;
  try { origin = new URL(script.src, window.location.href).origin; } catch (e) { warn('bad script src'); return; }
  window.__hdWidgetLoaded = true;

  function warn(text) {
    if (window.console && console.warn) console.warn('HelpDesk widget: ' + text);
  }

  const channelPath = '/widget/v1/' + encodeURIComponent(channel);
  const API_BASE = origin + channelPath;
  const LIVE_URL = origin.replace(/^http/, 'ws') + channelPath + '/live';
  const OPEN_POLL_MS = 2000;
  const CLOSED_POLL_MS = 10000;
  const LIVE_POLL_MS = 30000;
  const MAX_BACKOFF_MS = 60000;
  // The server's limit on any message (visitor or operator), counted in code points as the server counts.
  const MAX_BODY = 20000;
  const COUNT_FROM = 18000;  // the counter shows from here on
  function codePoints(text) { let n = 0; for (const _ of text) n++; return n; }
  const STATUS_LABELS = { open: 'Open', pending: 'Pending', resolved: 'Resolved' };

  // ---- Storage: localStorage per channel, memory when it is unavailable. ----
  const storagePrefix = 'hd-widget:' + channel + ':';
  const memoryStore = {};
  function readStored(key) {
    try {
      const value = window.localStorage.getItem(storagePrefix + key);
      if (value !== null) return value;
    } catch (e) { /* blocked storage */ }
    return Object.prototype.hasOwnProperty.call(memoryStore, key) ? memoryStore[key] : null;
  }
  function writeStored(key, value) {
    if (value == null) delete memoryStore[key]; else memoryStore[key] = String(value);
    try {
      if (value == null) window.localStorage.removeItem(storagePrefix + key);
      else window.localStorage.setItem(storagePrefix + key, String(value));
    } catch (e) { /* blocked storage: memory only */ }
  }

  // ---- State. ----
  let token = readStored('token');
  let conversationId = readStored('conversation');
  let sessionVerified = false;
  let sessionPromise = null;
  let config = {
    humanButton: { visible: false }, labels: {}, state: 'ai', agentName: '', preChat: 'off', visitor: {},
    attachments: { maxBytes: 10 * 1024 * 1024, maxPerMessage: 10 }, csat: null
  };
  // The ticket just rated here, so a config read before the server saw it does not ask again.
  let ratedTicket = null;
  let isOpen = false;
  let view = 'chat';
  const seen = new Map();       // message id -> element (null when there is nothing to show)
  const pending = [];           // customer messages shown before the server listed them: {el, body}
  let lastId = null;            // highest message id fetched from the server (?after=)
  let latestOtherId = null;     // highest id of a shown message not written by the customer
  let readId = readStored('read');
  let generation = 0;           // bumped when the conversation changes, to drop stale answers
  let inFlight = 0;             // messages being sent
  let answerAwaited = false;    // a model answers in the background: "typing…" until its message comes
  let answerAwaitedTimer = null;
  let answersSeen = 0;          // messages not from the visitor shown so far
  let humanBusy = false;
  let ticketsRequest = 0;
  const ui = {};

  // ---- Small helpers. ----
  function el(tag, attrs, text) {
    const node = document.createElement(tag);
    if (attrs) {
      for (const name in attrs) {
        const value = attrs[name];
        if (value === true) node.setAttribute(name, '');
        else if (value != null && value !== false) node.setAttribute(name, String(value));
      }
    }
    if (text != null) node.textContent = text;
    return node;
  }
  // Message text with its web addresses as safe links (the same rule as the operator app).
  function linked(node, text) {
    const pattern = /https?:\/\/[^\s<>"']+/gi;
    let last = 0;
    let match;
    text = text == null ? '' : String(text);
    while ((match = pattern.exec(text)) !== null) {
      let url = match[0];
      while (url.length && '.,;:!?)]'.indexOf(url[url.length - 1]) >= 0) url = url.slice(0, -1);
      node.appendChild(document.createTextNode(text.slice(last, match.index)));
      if (url.length > 8) {
        node.appendChild(el('a', { href: url, rel: 'noopener noreferrer nofollow', target: '_blank' }, url));
      } else {
        node.appendChild(document.createTextNode(url));
      }
      last = match.index + url.length;
      pattern.lastIndex = last;
    }
    node.appendChild(document.createTextNode(text.slice(last)));
    return node;
  }
  const SVG_NS = 'http://www.w3.org/2000/svg';
  function icon(className, paths) {
    const svg = document.createElementNS(SVG_NS, 'svg');
    svg.setAttribute('class', 'hd-icon ' + className);
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    paths.forEach(function (d) {
      const path = document.createElementNS(SVG_NS, 'path');
      path.setAttribute('d', d);
      svg.appendChild(path);
    });
    return svg;
  }
  const CLIP_ICON = ['M21.4 11.1l-9.2 9.2a6 6 0 0 1-8.5-8.5l9.2-9.2a4 4 0 0 1 5.7 5.7l-9.2 9.2a2 2 0 0 1-2.8-2.8l8.5-8.5'];
  const CHAT_ICON = ['M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H10l-5 4v-4H4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z'];
  const CLOSE_ICON = ['M6 6l12 12M18 6L6 18'];
  const MENU_ICON = ['M12 3.5a2 2 0 1 0 0 4a2 2 0 1 0 0-4zM12 10a2 2 0 1 0 0 4a2 2 0 1 0 0-4zM12 16.5a2 2 0 1 0 0 4a2 2 0 1 0 0-4z'];

  // Message ids are decimal strings without leading zeros.
  function idGreater(a, b) {
    if (a == null) return false;
    if (b == null) return true;
    a = String(a); b = String(b);
    if (a.length !== b.length) return a.length > b.length;
    return a > b;
  }
  function idNumber(id) {
    const n = Number(id);
    return isFinite(n) ? n : 0;
  }
  function parseTime(value) {
    if (typeof value !== 'string' || !value) return null;
    const date = new Date(value.replace(/(\.\d{3})\d+/, '$1'));
    return isNaN(date.getTime()) ? null : date;
  }
  function formatTime(value) {
    const date = parseTime(value);
    if (!date) return '';
    try {
      return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
    } catch (e) {
      return date.toLocaleString();
    }
  }
  function agentName() {
    return config.agentName || 'Support';
  }

  // ---- HTTP. ----
  class WidgetError extends Error {
    constructor(status, detail) {
      super(detail);
      this.status = status;
      this.detail = detail;
    }
  }

  async function request(method, path, body, withToken) {
    const headers = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (withToken && token) headers.Authorization = 'Bearer ' + token;
    let response;
    try {
      response = await fetch(API_BASE + path, {
        method: method,
        headers: headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        mode: 'cors',
        credentials: 'omit',
        cache: 'no-store'
      });
    } catch (e) {
      throw new WidgetError(0, 'Can\u2019t reach the chat service. Check your connection and try again.');
    }
    let data = null;
    try {
      const text = await response.text();
      data = text ? JSON.parse(text) : null;
    } catch (e) {
      data = null;
    }
    if (!response.ok) {
      let detail = 'The chat service answered with an error (' + response.status + ').';
      if (data && typeof data.detail === 'string' && data.detail) detail = data.detail;
      else if (data && typeof data.title === 'string' && data.title) detail = data.title;
      throw new WidgetError(response.status, detail);
    }
    return data;
  }

  // A call scoped by the visitor token; a rejected token starts a new session once.
  async function authed(method, path, body) {
    await ensureSession(true);
    if (!token) await ensureSession(true);
    const used = token;
    try {
      return await request(method, path, body, true);
    } catch (e) {
      if (e.status !== 401) throw e;
      if (token === used) {
        forgetSession();
        // Closed chat (background polling): start over only when the visitor comes back.
        if (!isOpen) throw e;
        notice('Your previous chat has expired, so a new one was started.', 'info');
      }
      await ensureSession(true);
      return request(method, path, body, true);
    }
  }

  // ---- Session. ----
  function ensureSession(allowNew) {
    if (token && sessionVerified) return Promise.resolve();
    if (!sessionPromise) {
      sessionPromise = startSession(allowNew).then(
        function () { sessionPromise = null; },
        function (error) { sessionPromise = null; throw error; }
      );
    }
    return sessionPromise;
  }

  async function startSession(allowNew) {
    const previous = token;
    if (!previous && !allowNew) return;
    let data;
    try {
      data = await request('POST', '/sessions', previous ? { visitorToken: previous } : newSessionBody(), false);
    } catch (e) {
      if (e.status !== 401 || !previous) throw e;
      forgetSession();
      if (!allowNew) return;
      notice('Your previous chat has expired, so a new one was started.', 'info');
      data = await request('POST', '/sessions', newSessionBody(), false);
    }
    if (!data || typeof data.visitorToken !== 'string' || !data.visitorToken) {
      throw new WidgetError(0, 'The chat service sent an unexpected answer.');
    }
    const newConversation = data.conversationId ? String(data.conversationId) : null;
    if (newConversation !== conversationId) {
      clearConversation();
      closeLive();
    }
    conversationId = newConversation;
    writeStored('conversation', conversationId);
    token = data.visitorToken;
    writeStored('token', token);
    sessionVerified = true;
    if (data.config) applyConfig(data.config);
    connectLive();
    schedulePoll();
  }

  // A new session says where the chat starts, for the team: this page and the browser's language.
  function newSessionBody() {
    const body = {};
    try {
      if (/^https?:$/.test(location.protocol)) body.page = location.href.split('#')[0].slice(0, 2000);
    } catch (e) { /* no location: left out */ }
    if (typeof navigator.language === 'string' && navigator.language) body.language = navigator.language;
    return body;
  }

  function forgetSession() {
    token = null;
    conversationId = null;
    sessionVerified = false;
    writeStored('token', null);
    writeStored('conversation', null);
    closeLive();
    clearConversation();
    clearTimeout(pollTimer);
    pollTimer = null;
  }

  // Drops the shown conversation (messages the visitor is still sending stay).
  function clearConversation() {
    generation++;
    seen.clear();
    lastId = null;
    latestOtherId = null;
    readId = null;
    writeStored('read', null);
    if (ui.messages) {
      Array.prototype.slice.call(ui.messages.children).forEach(function (child) {
        if (!child.hasAttribute('data-pending')) child.remove();
      });
      updateIntro();
      updateUnread();
    }
  }

  // ---- Messages. ----
  function authorLabel(kind, name) {
    if (kind === 'customer') return 'You';
    if (kind === 'ai') return name || agentName();
    return name || 'Support';
  }

  function messageElement(kind, name, body, at, files) {
    const node = el('div', { class: 'hd-msg hd-msg-' + kind, 'data-author': kind });
    if (kind !== 'system') node.appendChild(el('div', { class: 'hd-msg-author' }, authorLabel(kind, name)));
    if (body || !files || !files.length) node.appendChild(linked(el('div', { class: 'hd-msg-body' }), body));
    const list = fileList(files);
    if (list) node.appendChild(list);
    const when = formatTime(at);
    if (when) node.setAttribute('title', when);
    return node;
  }

  // ---- Files on messages. ----
  // The image types the server checked byte by byte: the only ones shown inline.
  const INLINE_IMAGES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];
  function sizeWords(bytes) {
    const mega = 1024 * 1024;
    const n = Number(bytes) || 0;
    if (n >= mega) {
      const tenths = Math.floor((n * 10 + mega / 2) / mega);
      return (tenths % 10 === 0 ? String(tenths / 10) : Math.floor(tenths / 10) + '.' + (tenths % 10)) + ' MB';
    }
    if (n >= 1024) return Math.floor((n + 512) / 1024) + ' KB';
    return n === 1 ? '1 byte' : n + ' bytes';
  }
  // A signed link the server listed, on the server's origin; nothing else is ever put in a src or href.
  function fileURL(file) {
    return typeof file.url === 'string' && /^\/widget\/v1\//.test(file.url) ? origin + file.url : null;
  }
  // Images as <img> with the file name as alt text, other files as download links;
  // files still being sent (no link yet) by name.
  function fileList(files) {
    if (!Array.isArray(files) || !files.length) return null;
    const list = el('ul', { class: 'hd-files', 'aria-label': 'Files' });
    files.forEach(function (file) {
      if (!file || typeof file !== 'object') return;
      const name = String(file.name || 'file');
      const url = fileURL(file);
      const item = el('li', { class: 'hd-file', 'data-testid': 'widget-attachment' });
      if (url && INLINE_IMAGES.indexOf(file.contentType) >= 0) {
        item.classList.add('hd-file-image');
        const link = el('a', { href: url, target: '_blank', rel: 'noopener noreferrer' });
        link.appendChild(el('img', { class: 'hd-img', src: url, alt: name }));
        item.appendChild(link);
      } else if (url) {
        item.appendChild(el('a', { class: 'hd-file-link', href: url, download: name, rel: 'noopener noreferrer' }, name));
        item.appendChild(el('span', { class: 'hd-file-size' }, ' (' + sizeWords(file.size) + ')'));
      } else {
        item.appendChild(el('span', { class: 'hd-file-link' }, name));
      }
      list.appendChild(item);
    });
    return list;
  }

  // Keeps the list ordered by message id; unsent messages sort last.
  function place(node, key) {
    node.hdKey = key;
    const list = ui.messages;
    let before = null;
    for (let child = list.lastElementChild; child; child = child.previousElementSibling) {
      if (child === node) continue;
      if (child.hdKey > key) before = child; else break;
    }
    if (before !== node) list.insertBefore(node, before);
  }

  function lastKey() {
    let key = 0;
    for (let child = ui.messages.lastElementChild; child; child = child.previousElementSibling) {
      if (isFinite(child.hdKey)) { key = child.hdKey; break; }
    }
    return key;
  }

  function normalizeKind(kind) {
    return kind === 'customer' || kind === 'ai' || kind === 'operator' || kind === 'system' ? kind : 'system';
  }

  // Returns true when the message changed what is shown.
  function addMessage(message, advance) {
    if (!message || typeof message !== 'object' || message.id == null || !message.author) return false;
    const id = String(message.id);
    if (advance && idGreater(id, lastId)) lastId = id;
    if (seen.has(id)) return false;
    const kind = normalizeKind(message.author.kind);
    if (kind !== 'customer') {
      answersSeen++;
      if (answerAwaited) awaitAnswer(false);
    }
    const body = typeof message.body === 'string' ? message.body : '';
    const files = Array.isArray(message.attachments) ? message.attachments : [];
    if (kind === 'customer') {
      // The message the visitor just sent: same text, or else the oldest one the server confirmed.
      let index = pending.findIndex(function (entry) { return entry.body === body.trim(); });
      if (index < 0) index = pending.findIndex(function (entry) { return entry.sent; });
      if (index >= 0) {
        const entry = pending.splice(index, 1)[0];
        const shownBody = entry.el.querySelector('.hd-msg-body');
        if (shownBody && entry.body !== body.trim() && body.trim()) shownBody.textContent = body;
        // The files as the server lists them: with their links, images shown.
        const shownFiles = entry.el.querySelector('.hd-files');
        const served = fileList(files);
        if (shownFiles) shownFiles.remove();
        if (served) entry.el.appendChild(served);
        entry.el.removeAttribute('data-pending');
        entry.el.classList.remove('hd-pending');
        entry.el.setAttribute('data-id', id);
        const when = formatTime(message.at);
        if (when) entry.el.setAttribute('title', when);
        seen.set(id, entry.el);
        place(entry.el, idNumber(id));
        return true;
      }
    }
    if (!body.trim() && !files.length) {
      seen.set(id, null);
      return false;
    }
    if (kind === 'operator' && typingOperator) operatorTyping(false);
    const node = messageElement(kind, message.author.name, body, message.at, files);
    node.setAttribute('data-id', id);
    seen.set(id, node);
    place(node, idNumber(id));
    if (kind !== 'customer' && idGreater(id, latestOtherId)) latestOtherId = id;
    return true;
  }

  function addLocalNotice(text) {
    const node = messageElement('system', null, text, null);
    node.classList.add('hd-local');
    place(node, lastKey() + 0.001);
  }

  function nearBottom() {
    const scroll = ui.scroll;
    return scroll.scrollHeight - scroll.scrollTop - scroll.clientHeight < 80;
  }
  function scrollToBottom() {
    ui.scroll.scrollTop = ui.scroll.scrollHeight;
  }
  function updateIntro() {
    ui.intro.hidden = ui.messages.children.length > 0;
  }
  function markRead() {
    if (idGreater(latestOtherId, readId)) {
      readId = latestOtherId;
      writeStored('read', readId);
    }
  }
  function updateUnread() {
    if (!ui.unread) return;
    ui.unread.hidden = isOpen || !idGreater(latestOtherId, readId);
  }
  function afterMessagesChanged(stick) {
    updateIntro();
    if (isOpen && view === 'chat') {
      markRead();
      if (stick) scrollToBottom();
    }
    updateUnread();
  }

  function applyMessages(items, advance) {
    const stick = isOpen && nearBottom();
    let changed = 0;
    items.forEach(function (message) { if (addMessage(message, advance)) changed++; });
    if (changed) afterMessagesChanged(stick);
    return changed;
  }

  let fetching = null;
  let fetchAgain = false;
  let failures = 0;

  async function fetchMessages() {
    const gen = generation;
    const after = lastId;
    const data = await authed('GET', '/messages' + (after ? '?after=' + encodeURIComponent(after) : ''));
    if (gen !== generation) {
      fetchAgain = true;
      return 0;
    }
    const items = data && Array.isArray(data.items) ? data.items : [];
    // A long conversation comes in pages: the refresh loop asks for the next one.
    if (data && data.hasMore) fetchAgain = true;
    return applyMessages(items, true);
  }

  // One GET …/messages at a time; calls while one runs are folded into one more.
  function refreshMessages() {
    if (!token && !isOpen) return Promise.resolve();
    if (fetching) {
      fetchAgain = true;
      return fetching;
    }
    fetching = (async function () {
      try {
        do {
          fetchAgain = false;
          try {
            const changed = await fetchMessages();
            failures = 0;
            clearNotice('connection');
            if (changed) refreshConfig();
          } catch (e) {
            failures++;
            if (isOpen && (e.status || failures >= 2 || !sessionVerified)) {
              notice(e.status ? e.detail : 'Connection problem \u2014 retrying\u2026', e.status ? 'error' : 'connection');
            }
            break;
          }
        } while (fetchAgain);
      } finally {
        fetching = null;
      }
    })();
    return fetching;
  }

  let pollTimer = null;
  function schedulePoll(delay) {
    clearTimeout(pollTimer);
    pollTimer = null;
    if (!token) return;
    if (delay == null) {
      if (live) delay = LIVE_POLL_MS;
      else delay = isOpen && !document.hidden ? OPEN_POLL_MS : CLOSED_POLL_MS;
      if (failures) delay = Math.min(MAX_BACKOFF_MS, delay * Math.pow(2, Math.min(failures, 6)));
    }
    pollTimer = setTimeout(function () {
      pollTimer = null;
      refreshMessages().then(function () { if (!pollTimer) schedulePoll(); });
    }, delay);
  }

  // ---- Live updates over a WebSocket, when the server offers them. ----
  let socket = null;
  let live = false;
  let liveDisabled = false;
  let liveEverOpened = false;
  let liveAttempts = 0;
  let liveTimer = null;

  function connectLive() {
    if (socket || liveDisabled || !token || typeof window.WebSocket !== 'function') return;
    clearTimeout(liveTimer);
    liveTimer = null;
    let opened = false;
    let sock;
    try {
      sock = new WebSocket(LIVE_URL + '?visitorToken=' + encodeURIComponent(token) +
        (lastId ? '&after=' + encodeURIComponent(lastId) : ''));
    } catch (e) {
      liveDisabled = true;
      return;
    }
    socket = sock;
    sock.onopen = function () {
      if (socket !== sock) return;
      opened = true;
      liveEverOpened = true;
      live = true;
      liveAttempts = 0;
      refreshMessages();
      schedulePoll();
    };
    sock.onmessage = function (event) {
      if (socket === sock) handleLive(event.data);
    };
    sock.onerror = function () { /* a close event follows */ };
    sock.onclose = function () {
      if (socket !== sock) return;
      socket = null;
      live = false;
      if (!opened) {
        liveAttempts++;
        // Never opened at all: the server does not offer live updates; polling it is.
        if (!liveEverOpened || liveAttempts > 5) liveDisabled = true;
      }
      schedulePoll(opened ? 0 : undefined);
      if (!liveDisabled && token) {
        liveTimer = setTimeout(connectLive, Math.min(MAX_BACKOFF_MS, 2000 * Math.pow(2, liveAttempts)));
      }
    };
  }

  function closeLive() {
    clearTimeout(liveTimer);
    liveTimer = null;
    const sock = socket;
    socket = null;
    live = false;
    if (sock) {
      try { sock.close(); } catch (e) { /* already closed */ }
    }
  }

  // Frames: {type: "message", message}, {items: [...]}, a bare message,
  // {type: "config", config} or {state, humanButton?, labels?}.
  function handleLive(data) {
    let frame;
    try { frame = JSON.parse(data); } catch (e) { return; }
    if (!frame || typeof frame !== 'object') return;
    if (frame.type === 'typing') {
      operatorTyping(!!frame.typing, typeof frame.name === 'string' ? frame.name : '');
      return;
    }
    let items = [];
    if (Array.isArray(frame.items)) items = frame.items;
    else if (frame.message && typeof frame.message === 'object') items = [frame.message];
    else if (frame.id != null && frame.author) items = [frame];
    if (frame.config && typeof frame.config === 'object') applyConfig(frame.config);
    else if (typeof frame.state === 'string' || frame.humanButton || frame.labels) applyConfig(frame);
    if (items.length && applyMessages(items, true) && !frame.config) refreshConfig();
  }

  // ---- Config: agent name, human button, waiting/connected state. ----
  let configFetch = null;
  let configAgain = false;
  function refreshConfig() {
    if (!token) return Promise.resolve();
    if (configFetch) {
      configAgain = true;
      return configFetch;
    }
    configFetch = (async function () {
      try {
        do {
          configAgain = false;
          try {
            applyConfig(await authed('GET', '/config'));
          } catch (e) {
            break;
          }
        } while (configAgain);
      } finally {
        configFetch = null;
      }
    })();
    return configFetch;
  }

  function applyConfig(next) {
    if (!next || typeof next !== 'object') return;
    if (next.humanButton && typeof next.humanButton === 'object') {
      config.humanButton = { visible: !!next.humanButton.visible, reason: next.humanButton.reason };
    }
    if (next.labels && typeof next.labels === 'object') config.labels = Object.assign({}, config.labels, next.labels);
    if (typeof next.state === 'string') config.state = next.state;
    if (typeof next.agentName === 'string' && next.agentName) config.agentName = next.agentName;
    if (typeof next.preChat === 'string') config.preChat = next.preChat;
    if (next.visitor && typeof next.visitor === 'object') config.visitor = next.visitor;
    if ('csat' in next) {
      const ask = next.csat;
      config.csat = ask && typeof ask === 'object' && Number(ask.ticketNumber) > 0 && ask.ticketNumber !== ratedTicket
        ? { ticketNumber: Number(ask.ticketNumber), question: String(ask.question || '') } : null;
    }
    if (next.attachments && typeof next.attachments === 'object') {
      const maxBytes = Number(next.attachments.maxBytes);
      const maxPerMessage = Number(next.attachments.maxPerMessage);
      if (maxBytes > 0) config.attachments.maxBytes = maxBytes;
      if (maxPerMessage > 0) config.attachments.maxPerMessage = maxPerMessage;
    }
    renderConfig();
  }

  function renderConfig() {
    if (!ui.root) return;
    const name = agentName();
    ui.title.textContent = name;
    ui.panel.setAttribute('aria-label', 'Chat with ' + name);
    const hideHuman = !config.humanButton.visible;
    if (hideHuman && !ui.human.hidden && document.activeElement === ui.human) ui.input.focus();
    ui.human.hidden = hideHuman;
    // The agent's waiting and connected labels arrive once as messages in the
    // conversation; the status line only says the state, so nothing shows twice.
    let text = '';
    if (config.state === 'waiting') text = 'Waiting for a person to join\u2026';
    else if (config.state === 'connected') text = 'A person from our team is in this chat.';
    ui.state.textContent = text;
    ui.state.hidden = !text;
    ui.state.setAttribute('data-state', config.state);
    renderTyping();
    renderPreChat();
    renderCsat();
  }

  // ---- The rating of a resolved ticket: one tap on 1–5, with an optional comment. ----
  function renderCsat() {
    if (!ui.csat) return;
    const ask = config.csat;
    if (!ask) {
      if (!ui.csat.hasAttribute('data-thanked')) ui.csat.hidden = true;
      return;
    }
    if (ui.csat.getAttribute('data-ticket') === String(ask.ticketNumber) && !ui.csat.hidden) return;
    ui.csat.removeAttribute('data-thanked');
    ui.csat.setAttribute('data-ticket', String(ask.ticketNumber));
    ui.csatQuestion.textContent = ask.question;
    ui.csatComment.value = '';
    ui.csatChoices.hidden = false;
    ui.csatComment.hidden = false;
    ui.csat.hidden = false;
  }

  async function sendRating(rating) {
    const ask = config.csat;
    if (!ask) return;
    const comment = ui.csatComment.value.trim();
    ui.csatChoices.querySelectorAll('button').forEach(function (b) { b.disabled = true; });
    try {
      await authed('POST', '/csat', { ticketNumber: ask.ticketNumber, rating: rating, comment: comment || null });
      thank();
    } catch (e) {
      // Rated already (another tab) counts as done; anything else can be tried again.
      if (e.status === 409) thank();
      else notice('Your rating could not be sent; please try again.', 'error');
    } finally {
      ui.csatChoices.querySelectorAll('button').forEach(function (b) { b.disabled = false; });
    }
    function thank() {
      ratedTicket = ask.ticketNumber;
      config.csat = null;
      ui.csat.setAttribute('data-thanked', '');
      ui.csatQuestion.textContent = 'Thank you for your rating!';
      ui.csatChoices.hidden = true;
      ui.csatComment.hidden = true;
    }
  }

  // ---- The emoji picker: a row of common emoji above the composer. ----
  const EMOJI = [
    ['\u{1F600}', 'grinning face'], ['\u{1F642}', 'slightly smiling face'], ['\u{1F609}', 'winking face'],
    ['\u{1F602}', 'face with tears of joy'], ['\u{1F64F}', 'folded hands'], ['\u{1F44D}', 'thumbs up'],
    ['\u{1F44B}', 'waving hand'], ['\u{1F389}', 'party popper'], ['\u2764\uFE0F', 'red heart'],
    ['\u{1F914}', 'thinking face'], ['\u{1F614}', 'pensive face'], ['\u{1F4E6}', 'package']
  ];
  function showEmoji(open) {
    ui.emojiPanel.hidden = !open;
    ui.emojiButton.setAttribute('aria-expanded', open ? 'true' : 'false');
    if (open) ui.emojiPanel.firstChild.focus();
  }

  // ---- The pre-chat form: name and email first, when the channel asks for them. ----
  function preChatWanted() {
    if (config.preChat !== 'required' && config.preChat !== 'optional') return false;
    if (config.visitor && config.visitor.email) return false;
    return config.preChat === 'required' || readStored('prechat-skipped') !== conversationId;
  }
  function renderPreChat() {
    const wanted = preChatWanted();
    const wasShown = !ui.preChat.hidden;
    ui.preChat.hidden = !wanted;
    ui.composer.hidden = wanted;
    ui.preChatSkip.hidden = config.preChat !== 'optional';
    ui.preChatNote.textContent = config.preChat === 'required'
      ? 'Please tell us who you are, so our team can reply by email if you leave.'
      : 'Tell us who you are, so our team can reply by email if you leave (optional).';
    if (wanted) {
      if (config.visitor && config.visitor.name && config.visitor.name !== 'Visitor' && !ui.preChatName.value) {
        ui.preChatName.value = config.visitor.name;
      }
      ui.human.hidden = true;
      if (!wasShown && isOpen && view === 'chat') ui.preChatName.focus();
    } else if (wasShown && isOpen && view === 'chat') {
      ui.input.focus();
    }
  }
  async function submitPreChat(event) {
    event.preventDefault();
    const name = ui.preChatName.value.trim();
    const email = ui.preChatEmail.value.trim();
    if (!name || !email || !ui.preChatEmail.checkValidity()) {
      notice(!name ? 'Please enter your name.' : 'Please enter a valid email address, such as name@example.com.');
      (!name ? ui.preChatName : ui.preChatEmail).focus();
      return;
    }
    ui.preChatSubmit.disabled = true;
    clearNotice('error');
    try {
      await ensureSession(true);
      const data = await request('POST', '/sessions', { visitorToken: token, name: name, email: email }, false);
      if (data && data.config) applyConfig(data.config);
    } catch (e) {
      notice(e.detail || 'Your details could not be saved.');
    } finally {
      ui.preChatSubmit.disabled = false;
    }
  }
  function skipPreChat() {
    writeStored('prechat-skipped', conversationId);
    renderPreChat();
    ui.input.focus();
  }

  function renderTyping() {
    if (typingOperator) {
      ui.typing.textContent = typingOperator + ' is typing\u2026';
      ui.typing.hidden = false;
      return;
    }
    ui.typing.textContent = agentName() + ' is typing\u2026';
    ui.typing.hidden = !((inFlight > 0 || answerAwaited) && config.state !== 'connected');
  }

  // The answer of a language model comes live, after the request; it is awaited for a minute at most.
  function awaitAnswer(on) {
    clearTimeout(answerAwaitedTimer);
    answerAwaited = on;
    if (on) answerAwaitedTimer = setTimeout(function () { awaitAnswer(false); }, 60000);
    renderTyping();
  }

  // ---- Typing both ways: an operator writing a reply shows here; the customer's typing is sent
  // while a ticket is open (repeated every 3 s, since a signal not repeated for 8 s lapses). ----
  let typingOperator = '';
  let typingOperatorTimer = null;
  function operatorTyping(on, name) {
    clearTimeout(typingOperatorTimer);
    typingOperator = on ? (name || 'Our team') : '';
    if (on) typingOperatorTimer = setTimeout(function () { operatorTyping(false); }, 8000);
    const stick = isOpen && nearBottom();
    renderTyping();
    if (stick) scrollToBottom();
  }
  let typingSelf = false;
  let typingSelfSent = 0;
  let typingSelfIdle = null;
  function selfTyping(on) {
    clearTimeout(typingSelfIdle);
    if (on) typingSelfIdle = setTimeout(function () { selfTyping(false); }, 4000);
    if (on === typingSelf && !(on && Date.now() - typingSelfSent > 3000)) return;
    if (on && config.state === 'ai') return;
    typingSelf = on;
    typingSelfSent = Date.now();
    if (socket && live) {
      try { socket.send(JSON.stringify({ type: 'typing', typing: on })); } catch (e) { /* closing */ }
    }
  }

  // ---- Inline notices. ----
  let noticeTimer = null;
  let noticeKind = null;
  function notice(text, kind) {
    if (!ui.error) return;
    noticeKind = kind || 'error';
    ui.error.textContent = text || 'Something went wrong. Please try again.';
    ui.error.setAttribute('data-kind', noticeKind);
    ui.error.hidden = false;
    clearTimeout(noticeTimer);
    if (noticeKind !== 'connection') noticeTimer = setTimeout(function () { clearNotice(); }, 8000);
  }
  function clearNotice(kind) {
    if (!ui.error || (kind && kind !== noticeKind)) return;
    clearTimeout(noticeTimer);
    noticeKind = null;
    ui.error.hidden = true;
    ui.error.textContent = '';
  }

  // ---- Actions. ----
  function showReply(reply, entry, answersBefore) {
    if (!reply || typeof reply !== 'object') return;
    const stick = isOpen && nearBottom();
    // Unless the answer already came live while the request was finishing.
    if (reply.answerPending === true && answersSeen === answersBefore) awaitAnswer(true);
    if (reply.reply && reply.reply.id != null) {
      // The customer's message was stored just before this reply.
      if (entry && entry.el.hasAttribute('data-pending')) place(entry.el, idNumber(reply.reply.id) - 0.5);
      addMessage(reply.reply, false);
    } else if (reply.escalated) {
      addLocalNotice(reply.ticketNumber
        ? 'Your request was passed to our team (ticket #' + reply.ticketNumber + ').'
        : 'Your request was passed to our team.');
    }
    afterMessagesChanged(stick);
  }

  function renderCount() {
    const used = codePoints(ui.input.value.trim());
    const over = used - MAX_BODY;
    ui.count.hidden = used < COUNT_FROM;
    ui.count.textContent = over > 0 ? over + ' characters too long' : used + ' / ' + MAX_BODY;
    ui.count.setAttribute('data-over', over > 0 ? 'true' : 'false');
    ui.send.disabled = over > 0;
  }

  async function send() {
    const text = ui.input.value;
    const body = text.trim();
    if (uploads.some(function (item) { return item.state === 'uploading'; })) {
      notice('Wait until your files are uploaded, or remove them.');
      return;
    }
    if (uploads.some(function (item) { return item.state === 'failed'; })) {
      notice('Remove the files that could not be uploaded first.');
      return;
    }
    const sending = uploads.filter(function (item) { return item.state === 'ready'; });
    if (!body && !sending.length) return;
    if (codePoints(body) > MAX_BODY) {
      notice('Your message is too long: at most ' + MAX_BODY + ' characters. Nothing was cut; shorten it or send it in parts.');
      return;
    }
    clearNotice('error');
    ui.input.value = '';
    renderCount();
    selfTyping(false);
    sending.forEach(function (item) { removeUpload(item); });
    const node = messageElement('customer', null, body, null, sending.map(function (item) {
      return { name: item.file.name, size: item.file.size };
    }));
    node.setAttribute('data-pending', 'true');
    node.classList.add('hd-pending');
    const entry = { el: node, body: body };
    pending.push(entry);
    place(node, Infinity);
    afterMessagesChanged(true);
    inFlight++;
    renderTyping();
    try {
      const payload = { body: body };
      if (sending.length) payload.attachmentIds = sending.map(function (item) { return item.id; });
      const answersBefore = answersSeen;
      const reply = await authed('POST', '/messages', payload);
      entry.sent = true;
      node.classList.remove('hd-pending');
      showReply(reply, entry, answersBefore);
    } catch (e) {
      const index = pending.indexOf(entry);
      if (index >= 0) {
        pending.splice(index, 1);
        node.remove();
        updateIntro();
        if (!ui.input.value) ui.input.value = text;
        // The files come back to the composer, to send again.
        sending.forEach(function (item) { restoreUpload(item); });
      }
      notice(e.detail || 'Your message could not be sent.');
    } finally {
      inFlight--;
      renderTyping();
      refreshConfig();
      refreshMessages();
      schedulePoll();
    }
  }

  // ---- Files the visitor attaches: uploaded at once, sent with the next message. ----
  let uploads = [];             // {file, state: 'uploading'|'ready'|'failed', id, node, xhr}

  function plural(count, one, many) { return count + ' ' + (count === 1 ? one : many); }
  function renderUploads(extra) {
    const uploading = uploads.filter(function (item) { return item.state === 'uploading'; }).length;
    const ready = uploads.filter(function (item) { return item.state === 'ready'; }).length;
    const failed = uploads.filter(function (item) { return item.state === 'failed'; }).length;
    const parts = [];
    if (uploading) parts.push('Uploading ' + plural(uploading, 'file', 'files') + '\u2026');
    if (ready) parts.push(plural(ready, 'file', 'files') + ' ready to send.');
    if (failed) parts.push(plural(failed, 'file', 'files') + ' could not be uploaded.');
    if (extra) parts.push(extra);
    ui.filesStatus.textContent = parts.join(' ');
    ui.filesStatus.hidden = !parts.length;
    ui.files.hidden = !uploads.length;
  }
  function removeUpload(item) {
    if (item.xhr) { try { item.xhr.abort(); } catch (e) { /* already done */ } }
    uploads = uploads.filter(function (other) { return other !== item; });
    item.node.remove();
    renderUploads();
  }
  function restoreUpload(item) {
    uploads.push(item);
    ui.files.appendChild(item.node);
    renderUploads();
  }

  function addUpload(file) {
    const item = { file: file, state: 'uploading', id: null, node: null, xhr: null };
    const progress = el('progress', { class: 'hd-progress', max: '100', value: '0', 'aria-label': 'Uploading ' + file.name });
    const words = el('span', { class: 'hd-upload-state' }, 'Uploading\u2026 0%');
    const remove = el('button', { class: 'hd-upload-remove', type: 'button', 'aria-label': 'Remove ' + file.name }, 'Remove');
    item.node = el('li', { class: 'hd-upload', 'data-state': 'uploading' });
    item.node.appendChild(el('span', { class: 'hd-upload-name' }, file.name));
    item.node.appendChild(el('span', { class: 'hd-file-size' }, ' (' + sizeWords(file.size) + ')'));
    item.node.appendChild(progress);
    item.node.appendChild(words);
    item.node.appendChild(remove);
    remove.addEventListener('click', function () {
      removeUpload(item);
      ui.attach.focus();
    });
    uploads.push(item);
    ui.files.appendChild(item.node);
    function fail(text) {
      item.state = 'failed';
      item.xhr = null;
      item.node.setAttribute('data-state', 'failed');
      progress.remove();
      words.classList.add('hd-upload-error');
      words.textContent = 'Not uploaded: ' + text;
      renderUploads();
    }
    renderUploads();
    if (file.size > config.attachments.maxBytes) {
      const most = config.attachments.maxBytes;
      const same = sizeWords(file.size) === sizeWords(most);
      fail('it is ' + (same ? file.size + ' bytes' : sizeWords(file.size)) + '; a file may be at most ' +
        (same ? most + ' bytes (' + sizeWords(most) + ')' : sizeWords(most)) + '.');
      return;
    }
    if (file.size === 0) { fail('the file is empty.'); return; }
    ensureSession(true).then(function () {
      if (uploads.indexOf(item) < 0) return;
      const xhr = new XMLHttpRequest();
      item.xhr = xhr;
      xhr.open('POST', API_BASE + '/attachments');
      xhr.setRequestHeader('Accept', 'application/json');
      xhr.setRequestHeader('Authorization', 'Bearer ' + token);
      xhr.upload.addEventListener('progress', function (event) {
        if (!event.lengthComputable || !event.total) return;
        const percent = Math.min(100, Math.round(event.loaded / event.total * 100));
        progress.value = percent;
        words.textContent = 'Uploading\u2026 ' + percent + '%';
      });
      xhr.addEventListener('load', function () {
        if (uploads.indexOf(item) < 0) return;
        let data = null;
        try { data = xhr.responseText ? JSON.parse(xhr.responseText) : null; } catch (e) { data = null; }
        if (xhr.status >= 200 && xhr.status < 300 && data && data.id) {
          item.state = 'ready';
          item.id = String(data.id);
          item.xhr = null;
          item.node.setAttribute('data-state', 'ready');
          progress.remove();
          words.textContent = 'Ready to send';
          renderUploads();
        } else {
          fail(data && typeof data.detail === 'string' && data.detail ? data.detail
            : 'the chat service answered with an error (' + xhr.status + ').');
        }
      });
      xhr.addEventListener('error', function () {
        if (uploads.indexOf(item) >= 0) fail('the chat service could not be reached, or stopped reading the file.');
      });
      const form = new FormData();
      form.append('file', file, file.name);
      xhr.send(form);
    }, function (e) {
      if (uploads.indexOf(item) >= 0) fail(e.detail || 'the chat could not be started.');
    });
  }

  function chooseFiles() {
    const chosen = Array.prototype.slice.call(ui.fileInput.files || []);
    ui.fileInput.value = '';
    const room = Math.max(0, config.attachments.maxPerMessage - uploads.length);
    chosen.slice(0, room).forEach(addUpload);
    if (chosen.length > room) {
      renderUploads('A message carries at most ' + config.attachments.maxPerMessage + ' files: ' +
        plural(chosen.length - room, 'file was', 'files were') + ' left out.');
    }
  }

  async function pressHuman() {
    if (humanBusy) return;
    humanBusy = true;
    ui.human.disabled = true;
    ui.human.setAttribute('aria-busy', 'true');
    clearNotice('error');
    try {
      showReply(await authed('POST', '/human'), null);
    } catch (e) {
      notice(e.detail);
    } finally {
      humanBusy = false;
      ui.human.disabled = false;
      ui.human.removeAttribute('aria-busy');
      refreshConfig();
      refreshMessages();
    }
  }

  function renderTickets(items) {
    ui.tickets.textContent = '';
    if (!items.length) {
      ui.ticketsStatus.textContent = 'You have no tickets yet.';
      ui.ticketsStatus.hidden = false;
      return;
    }
    ui.ticketsStatus.textContent = '';
    ui.ticketsStatus.hidden = true;
    items.forEach(function (ticket) {
      if (!ticket || typeof ticket !== 'object') return;
      const status = String(ticket.status || '');
      const item = el('li', { class: 'hd-ticket', 'data-status': status, 'data-number': ticket.number });
      const title = el('div', { class: 'hd-ticket-title' });
      title.appendChild(el('span', { class: 'hd-ticket-number' }, '#' + ticket.number));
      title.appendChild(document.createTextNode(' ' + (ticket.subject || 'No subject') + ' \u2014 '));
      title.appendChild(el('span', { class: 'hd-ticket-status' },
        STATUS_LABELS[status] || (status ? status.charAt(0).toUpperCase() + status.slice(1) : 'Unknown')));
      item.appendChild(title);
      const meta = el('div', { class: 'hd-ticket-meta' });
      meta.appendChild(dateLine('Created', ticket.createdAt));
      meta.appendChild(dateLine('Last activity', ticket.lastActivityAt));
      item.appendChild(meta);
      ui.tickets.appendChild(item);
    });
  }

  function dateLine(label, value) {
    const line = el('div', { class: 'hd-ticket-date' });
    line.appendChild(document.createTextNode(label + ' '));
    line.appendChild(el('time', { class: 'hd-time', datetime: typeof value === 'string' ? value : null },
      formatTime(value) || '\u2014'));
    return line;
  }

  async function showTickets() {
    closeMenu(false);
    view = 'tickets';
    ui.chatView.hidden = true;
    ui.ticketsView.hidden = false;
    ui.tickets.textContent = '';
    ui.ticketsStatus.textContent = 'Loading your tickets\u2026';
    ui.ticketsStatus.hidden = false;
    ui.back.focus();
    const current = ++ticketsRequest;
    try {
      const data = await authed('GET', '/tickets');
      if (current !== ticketsRequest) return;
      renderTickets(data && Array.isArray(data.items) ? data.items : []);
    } catch (e) {
      if (current !== ticketsRequest) return;
      ui.ticketsStatus.textContent = 'Your tickets could not be loaded.';
      notice(e.detail);
    }
  }

  function showChat() {
    ticketsRequest++;
    view = 'chat';
    ui.ticketsView.hidden = true;
    ui.chatView.hidden = false;
    markRead();
    updateUnread();
    scrollToBottom();
    ui.input.focus();
  }

  function openMenu() {
    ui.menu.hidden = false;
    ui.menuButton.setAttribute('aria-expanded', 'true');
    ui.viewTickets.focus();
  }
  function closeMenu(refocus) {
    if (ui.menu.hidden) return;
    ui.menu.hidden = true;
    ui.menuButton.setAttribute('aria-expanded', 'false');
    if (refocus) ui.menuButton.focus();
  }

  function openPanel() {
    if (isOpen) return;
    isOpen = true;
    ui.root.classList.add('hd-open');
    ui.panel.hidden = false;
    ui.bubble.setAttribute('aria-expanded', 'true');
    if (view === 'chat') {
      scrollToBottom();
      markRead();
      (ui.preChat.hidden ? ui.input : ui.preChatName).focus();
    } else {
      ui.back.focus();
    }
    updateUnread();
    // Opening the chat starts the session: the channel's pre-chat form shows before the first message.
    ensureSession(true).catch(function (e) { notice(e.detail); }).then(refreshMessages).then(function () {
      if (isOpen && view === 'chat') scrollToBottom();
      schedulePoll();
    });
  }

  function closePanel() {
    if (!isOpen) return;
    isOpen = false;
    closeMenu(false);
    ui.root.classList.remove('hd-open');
    ui.panel.hidden = true;
    ui.bubble.setAttribute('aria-expanded', 'false');
    ui.bubble.focus();
    updateUnread();
    schedulePoll();
  }

  // ---- DOM. ----
  function build() {
    ui.root = el('div', { id: 'hd-widget-root', class: 'hd-root' });

    ui.bubble = el('button', {
      id: 'hd-widget-bubble', class: 'hd-bubble', type: 'button', 'aria-label': 'Chat with us',
      'aria-haspopup': 'dialog', 'aria-expanded': 'false', 'aria-controls': 'hd-widget-panel'
    });
    ui.bubble.appendChild(icon('hd-icon-chat', CHAT_ICON));
    ui.bubble.appendChild(icon('hd-icon-close', CLOSE_ICON));
    ui.unread = el('span', { id: 'hd-widget-unread', class: 'hd-unread', 'aria-hidden': 'true', hidden: true });
    ui.bubble.appendChild(ui.unread);

    ui.panel = el('div', { id: 'hd-widget-panel', class: 'hd-panel', role: 'dialog', 'aria-label': 'Chat with us', hidden: true });

    const header = el('div', { class: 'hd-header' });
    const heading = el('div', { class: 'hd-header-text' });
    ui.title = el('div', { id: 'hd-widget-title', class: 'hd-title' }, 'Support');
    heading.appendChild(ui.title);
    heading.appendChild(el('div', { class: 'hd-subtitle' }, 'We\u2019re here to help'));
    header.appendChild(heading);
    ui.menuButton = el('button', {
      id: 'hd-widget-menu', class: 'hd-icon-btn', type: 'button', 'aria-label': 'Menu',
      'aria-haspopup': 'menu', 'aria-expanded': 'false', 'aria-controls': 'hd-widget-menu-list'
    });
    ui.menuButton.appendChild(icon('hd-icon-menu', MENU_ICON));
    header.appendChild(ui.menuButton);
    ui.closeButton = el('button', { id: 'hd-widget-close', class: 'hd-icon-btn', type: 'button', 'aria-label': 'Close chat' });
    ui.closeButton.appendChild(icon('hd-icon-close', CLOSE_ICON));
    header.appendChild(ui.closeButton);
    ui.menu = el('div', { id: 'hd-widget-menu-list', class: 'hd-menu', role: 'menu', 'aria-label': 'Chat menu', hidden: true });
    ui.viewTickets = el('button', { id: 'hd-widget-view-tickets', class: 'hd-menu-item', type: 'button', role: 'menuitem' }, 'View tickets');
    ui.menu.appendChild(ui.viewTickets);
    header.appendChild(ui.menu);
    ui.panel.appendChild(header);

    ui.state = el('div', { id: 'hd-widget-state', class: 'hd-state', role: 'status', 'aria-live': 'polite', hidden: true });
    ui.panel.appendChild(ui.state);
    ui.error = el('div', { id: 'hd-widget-error', class: 'hd-error', role: 'alert', hidden: true });
    ui.panel.appendChild(ui.error);

    ui.chatView = el('div', { class: 'hd-chat' });
    // Focusable, so the conversation scrolls from the keyboard too.
    ui.scroll = el('div', { class: 'hd-scroll', tabindex: '0', role: 'region', 'aria-label': 'Conversation' });
    ui.intro = el('p', { class: 'hd-intro' }, 'Hi! How can we help you today?');
    ui.scroll.appendChild(ui.intro);
    ui.messages = el('div', { id: 'hd-widget-messages', class: 'hd-messages', role: 'log', 'aria-live': 'polite', 'aria-label': 'Messages' });
    ui.scroll.appendChild(ui.messages);
    ui.typing = el('div', { class: 'hd-typing', 'aria-hidden': 'true', hidden: true });
    ui.scroll.appendChild(ui.typing);
    ui.chatView.appendChild(ui.scroll);
    ui.human = el('button', { id: 'hd-widget-human', class: 'hd-human', type: 'button', hidden: true }, 'Talk to a human');
    ui.chatView.appendChild(ui.human);
    ui.csat = el('div', { id: 'hd-widget-csat', class: 'hd-csat', role: 'group', 'aria-labelledby': 'hd-widget-csat-question', hidden: true });
    ui.csatQuestion = el('p', { id: 'hd-widget-csat-question', class: 'hd-csat-question', role: 'status', 'aria-live': 'polite' });
    ui.csat.appendChild(ui.csatQuestion);
    ui.csatChoices = el('div', { class: 'hd-csat-choices' });
    [1, 2, 3, 4, 5].forEach(function (rating) {
      const button = el('button', { type: 'button', class: 'hd-csat-choice', 'data-rating': rating, 'aria-label': 'Rate ' + rating + ' out of 5' }, String(rating));
      button.addEventListener('click', function () { sendRating(rating); });
      ui.csatChoices.appendChild(button);
    });
    ui.csat.appendChild(ui.csatChoices);
    ui.csatComment = el('input', { id: 'hd-widget-csat-comment', class: 'hd-field hd-csat-comment', maxlength: '1000', 'aria-label': 'A comment (optional)', placeholder: 'A comment (optional)' });
    ui.csat.appendChild(ui.csatComment);
    ui.chatView.appendChild(ui.csat);
    ui.preChat = el('form', { id: 'hd-widget-prechat', class: 'hd-prechat', 'aria-labelledby': 'hd-widget-prechat-note', novalidate: 'novalidate', hidden: true });
    ui.preChatNote = el('p', { id: 'hd-widget-prechat-note', class: 'hd-prechat-note' });
    ui.preChat.appendChild(ui.preChatNote);
    ui.preChat.appendChild(el('label', { for: 'hd-widget-prechat-name' }, 'Name'));
    ui.preChatName = el('input', { id: 'hd-widget-prechat-name', class: 'hd-field', name: 'name', autocomplete: 'name', maxlength: '200', required: 'required' });
    ui.preChat.appendChild(ui.preChatName);
    ui.preChat.appendChild(el('label', { for: 'hd-widget-prechat-email' }, 'Email'));
    ui.preChatEmail = el('input', { id: 'hd-widget-prechat-email', class: 'hd-field', name: 'email', type: 'email', autocomplete: 'email', maxlength: '320', required: 'required' });
    ui.preChat.appendChild(ui.preChatEmail);
    const preChatButtons = el('div', { class: 'hd-prechat-buttons' });
    ui.preChatSubmit = el('button', { id: 'hd-widget-prechat-submit', class: 'hd-send', type: 'submit' }, 'Start chat');
    preChatButtons.appendChild(ui.preChatSubmit);
    ui.preChatSkip = el('button', { id: 'hd-widget-prechat-skip', class: 'hd-back', type: 'button', hidden: true }, 'Skip');
    preChatButtons.appendChild(ui.preChatSkip);
    ui.preChat.appendChild(preChatButtons);
    ui.chatView.appendChild(ui.preChat);
    // The files chosen for the next message, with their upload progress and a remove button each.
    ui.files = el('ul', { id: 'hd-widget-files', class: 'hd-uploads', 'aria-label': 'Files to send', hidden: true });
    ui.chatView.appendChild(ui.files);
    ui.filesStatus = el('div', { id: 'hd-widget-files-status', class: 'hd-uploads-status', role: 'status', 'aria-live': 'polite', hidden: true });
    ui.chatView.appendChild(ui.filesStatus);
    const composer = el('div', { class: 'hd-composer' });
    ui.composer = composer;
    ui.fileInput = el('input', {
      id: 'hd-widget-file', class: 'hd-sr-only', type: 'file', multiple: true, tabindex: '-1', 'aria-label': 'Files to attach',
      accept: '.png,.jpg,.jpeg,.gif,.webp,.pdf,.txt,.log,.csv,.zip,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp'
    });
    composer.appendChild(ui.fileInput);
    ui.attach = el('button', {
      id: 'hd-widget-attach', class: 'hd-attach', type: 'button', 'aria-label': 'Attach files', title: 'Attach files',
      'aria-controls': 'hd-widget-file'
    });
    ui.attach.appendChild(icon('hd-icon-clip', CLIP_ICON));
    composer.appendChild(ui.attach);
    composer.appendChild(el('label', { class: 'hd-sr-only', for: 'hd-widget-input' }, 'Message'));
    ui.input = el('textarea', {
      id: 'hd-widget-input', class: 'hd-input', rows: 1, 'aria-describedby': 'hd-widget-count',
      placeholder: 'Write a message\u2026', autocomplete: 'off'
    });
    composer.appendChild(ui.input);
    // Never cut pasted text: past the limit the count says by how much, and Send waits.
    ui.count = el('span', { id: 'hd-widget-count', class: 'hd-count', 'aria-live': 'polite', hidden: true });
    composer.appendChild(ui.count);
    ui.emojiButton = el('button', {
      id: 'hd-widget-emoji', class: 'hd-icon-btn hd-emoji-btn', type: 'button', 'aria-label': 'Emoji',
      'aria-expanded': 'false', 'aria-controls': 'hd-widget-emoji-panel'
    }, '\u{1F642}');
    composer.appendChild(ui.emojiButton);
    ui.send = el('button', { id: 'hd-widget-send', class: 'hd-send', type: 'button' }, 'Send');
    composer.appendChild(ui.send);
    ui.emojiPanel = el('div', { id: 'hd-widget-emoji-panel', class: 'hd-emoji-panel', role: 'group', 'aria-label': 'Emoji', hidden: true });
    EMOJI.forEach(function (item) {
      const button = el('button', { type: 'button', class: 'hd-emoji', 'aria-label': item[1], title: item[1] }, item[0]);
      button.addEventListener('click', function () {
        showEmoji(false);
        ui.input.focus();
        ui.input.setRangeText(item[0], ui.input.selectionStart, ui.input.selectionEnd, 'end');
        renderCount();
      });
      ui.emojiPanel.appendChild(button);
    });
    ui.chatView.appendChild(ui.emojiPanel);
    ui.chatView.appendChild(composer);
    ui.panel.appendChild(ui.chatView);

    ui.ticketsView = el('div', { class: 'hd-tickets-view', hidden: true });
    const ticketsHead = el('div', { class: 'hd-tickets-head' });
    ui.back = el('button', { id: 'hd-widget-back', class: 'hd-back', type: 'button' }, '\u2190 Back');
    ticketsHead.appendChild(ui.back);
    ticketsHead.appendChild(el('h2', { class: 'hd-tickets-title' }, 'Your tickets'));
    ui.ticketsView.appendChild(ticketsHead);
    ui.ticketsStatus = el('p', { class: 'hd-tickets-status', role: 'status' });
    ui.ticketsView.appendChild(ui.ticketsStatus);
    ui.tickets = el('ul', { id: 'hd-widget-tickets', class: 'hd-tickets', 'aria-label': 'Your tickets' });
    ui.ticketsView.appendChild(ui.tickets);
    ui.panel.appendChild(ui.ticketsView);

    ui.root.appendChild(ui.panel);
    ui.root.appendChild(ui.bubble);

    ui.bubble.addEventListener('click', function () { if (isOpen) closePanel(); else openPanel(); });
    ui.closeButton.addEventListener('click', closePanel);
    ui.menuButton.addEventListener('click', function () { if (ui.menu.hidden) openMenu(); else closeMenu(true); });
    ui.viewTickets.addEventListener('click', showTickets);
    ui.back.addEventListener('click', showChat);
    ui.human.addEventListener('click', pressHuman);
    ui.preChat.addEventListener('submit', submitPreChat);
    ui.emojiButton.addEventListener('click', function () { showEmoji(ui.emojiPanel.hidden); });
    ui.preChatSkip.addEventListener('click', skipPreChat);
    ui.send.addEventListener('click', function () { send(); ui.input.focus(); });
    ui.attach.addEventListener('click', function () { ui.fileInput.click(); });
    ui.fileInput.addEventListener('change', chooseFiles);
    ui.input.addEventListener('input', function () {
      renderCount();
      selfTyping(ui.input.value.trim() !== '');
    });
    ui.input.addEventListener('blur', function () { if (typingSelf) selfTyping(false); });
    ui.input.addEventListener('keydown', function (event) {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
        event.preventDefault();
        send();
      }
    });
    ui.root.addEventListener('keydown', function (event) {
      if (event.key !== 'Escape' && event.key !== 'Esc') return;
      if (!ui.emojiPanel.hidden) {
        event.preventDefault();
        showEmoji(false);
        ui.emojiButton.focus();
      } else if (!ui.menu.hidden) {
        event.preventDefault();
        closeMenu(true);
      } else if (isOpen) {
        event.preventDefault();
        closePanel();
      }
    });
    ui.menu.addEventListener('focusout', function (event) {
      const next = event.relatedTarget;
      if (next && (ui.menu.contains(next) || next === ui.menuButton)) return;
      if (next) closeMenu(false);
    });
    document.addEventListener('click', function (event) {
      if (ui.menu.hidden) return;
      if (ui.menu.contains(event.target) || ui.menuButton.contains(event.target)) return;
      closeMenu(false);
    });
  }

  function mount() {
    if (ui.root || document.getElementById('hd-widget-root')) return;
    build();
    document.body.appendChild(ui.root);
    renderConfig();
    updateIntro();
    if (token) {
      // A returning visitor: resume quietly so replies that arrived meanwhile show the unread dot.
      ensureSession(false).then(function () {
        if (token) refreshMessages().then(function () { schedulePoll(); });
      }, function () { /* tried again when the visitor opens the chat */ });
    }
  }

  document.addEventListener('visibilitychange', function () {
    if (!token || !sessionVerified) return;
    schedulePoll(document.hidden ? undefined : 0);
  });
  window.addEventListener('online', function () {
    if (!token || !sessionVerified) return;
    schedulePoll(0);
    connectLive();
  });
  // Another tab started a new session for this channel: follow it.
  window.addEventListener('storage', function (event) {
    if (event.key !== storagePrefix + 'token' || event.newValue === token) return;
    const otherConversation = readStored('conversation');
    token = event.newValue;
    sessionVerified = !!token;
    if (otherConversation !== conversationId) {
      conversationId = otherConversation;
      clearConversation();
      closeLive();
      connectLive();
    }
    if (token && ui.root) {
      refreshMessages();
      refreshConfig();
      schedulePoll();
    }
  });

  // ---- Start: our stylesheet first (host pages' CSPs may forbid inline styles), then the DOM. ----
  function loadStylesheet(done) {
    const href = origin + '/widget.css';
    let finished = false;
    function finish() {
      if (finished) return;
      finished = true;
      done();
    }
    const links = document.getElementsByTagName('link');
    for (let i = 0; i < links.length; i++) {
      if (links[i].rel === 'stylesheet' && links[i].href === href) { finish(); return; }
    }
    const link = el('link', { id: 'hd-widget-css', rel: 'stylesheet', href: href });
    link.addEventListener('load', finish);
    link.addEventListener('error', finish);
    (document.head || document.documentElement).appendChild(link);
    setTimeout(finish, 3000);
  }

  function whenBodyReady(callback) {
    if (document.body) callback();
    else document.addEventListener('DOMContentLoaded', callback);
  }

  loadStylesheet(function () { whenBodyReady(mount); });
})();