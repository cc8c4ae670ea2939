// HelpDesk operator app. No build step, no dependencies.
'use strict';
(() => {
  const $ = (selector, root = document) => root.querySelector(selector);
  const $$ = (selector, root = document) => Array.from(root.querySelectorAll(selector));
  const body = document.body;
  const page = body.dataset.page || '';
  const myId = body.dataset.memberId || '';

  // ---------------------------------------------------------------- words
  // The same words as Words.swift, for what arrives live.
  const WORDS = {
    status: { open: 'Open', pending: 'Pending', resolved: 'Resolved', merged: 'Merged' },
    priority: { low: 'Low', normal: 'Normal', high: 'High', urgent: 'Urgent' },
    channel: { web: 'Web chat', telegram: 'Telegram', whatsapp: 'WhatsApp', email: 'Email' },
    author: { customer: 'Customer', ai: 'AI agent', operator: 'Team', system: 'Automatic message' },
    delivery: { queued: 'Queued', sent: 'Sent', delivered: 'Delivered', read: 'Read', failed: 'Failed' },
  };
  // Members who share a display name are told apart by email; the page lists them (MemberLabels in Swift).
  let memberLabels = null;
  function memberLabel(ref) {
    if (!ref) return '';
    if (memberLabels === null) {
      try { memberLabels = JSON.parse(document.body.dataset.memberLabels || '{}') || {}; } catch (e) { memberLabels = {}; }
    }
    return memberLabels[ref.id] || ref.displayName || '';
  }
  function word(table, value) {
    return Object.prototype.hasOwnProperty.call(table, value) ? table[value] : String(value == null ? '' : value);
  }
  function deliveryWords(delivery) {
    const text = word(WORDS.delivery, delivery.state);
    return delivery.state === 'failed' && delivery.error ? text + ': ' + delivery.error : text;
  }

  /** Plain words for a timeline event; the same as Words.event in Swift. */
  function eventWords(entry, agentName) {
    const actor = entry.actor ? entry.actor.name : null;
    const who = actor || 'HelpDesk';
    const because = entry.detail ? ' — ' + entry.detail : '';
    const status = (raw) => (raw == null ? '—' : word(WORDS.status, raw));
    const priority = (raw) => (raw == null ? '—' : word(WORDS.priority, raw));
    const slaClockWord = (raw) => (raw === 'resolution' ? 'Resolution' : 'First response');
    const slaDue = (raw) => (raw && raw.length >= 16 ? ' (due ' + raw.slice(0, 10) + ' ' + raw.slice(11, 16) + ' UTC)' : '');
    switch (entry.event) {
      case 'created':
        if (actor) return actor + ' opened the ticket';
        if (agentName) return agentName + ' handed the conversation to the team';
        return 'The conversation was handed to the team';
      case 'assigned': {
        const to = entry.to || 'someone';
        if (!actor) return 'Assigned to ' + to + because;
        if (entry.from) return actor + ' reassigned the ticket from ' + entry.from + ' to ' + to;
        if (actor === to) return actor + ' picked up the ticket';
        return actor + ' assigned the ticket to ' + to;
      }
      case 'unassigned':
        if (!actor) return 'Not assigned' + because;
        if (entry.from === actor) return actor + ' unassigned themselves';
        if (entry.from) return actor + ' unassigned ' + entry.from;
        return actor + ' unassigned the ticket';
      case 'takenOver': return who + ' took over the chat';
      case 'released':
        if (entry.from && entry.from !== actor) return who + ' released ' + entry.from + '’s chat back to the AI';
        return who + ' released the chat back to the AI';
      case 'statusChanged': return who + ' changed the status from ' + status(entry.from) + ' to ' + status(entry.to);
      case 'priorityChanged': return who + ' changed the priority from ' + priority(entry.from) + ' to ' + priority(entry.to);
      case 'subjectChanged': return who + ' changed the subject to “' + (entry.to || '') + '”';
      case 'resolved': return who + ' resolved the ticket';
      case 'reopened':
        if (!actor) return 'The customer wrote again, so the ticket was reopened';
        return actor + ' reopened the ticket';
      case 'escalationRepeated': return 'The customer asked for a person again';
      case 'emailThreaded': return 'The customer\u2019s email was added here' + because;
      case 'tagAdded': return who + ' tagged the ticket “' + (entry.to || '') + '”';
      case 'tagRemoved': return who + ' removed the tag “' + (entry.from || '') + '”';
      case 'merged': return who + ' merged ticket #' + (entry.from || '') + ' into this ticket';
      case 'mergedInto': return who + ' merged this ticket into ticket #' + (entry.to || '');
      case 'unmerged':
        if (entry.from && !entry.to) return who + ' undid the merge of ticket #' + entry.from;
        return who + ' undid the merge into ticket #' + (entry.to || '');
      case 'csatReceived':
        return 'The customer rated the help ' + (entry.to || '?') + ' out of 5' + (entry.detail ? ': “' + entry.detail + '”' : '');
      case 'slaWarning': return slaClockWord(entry.to) + ' is due soon' + slaDue(entry.detail);
      case 'slaBreached': return slaClockWord(entry.to) + ' missed its target' + slaDue(entry.detail);
      default: return who + ': ' + String(entry.event || 'event');
    }
  }

  // ---------------------------------------------------------------- DOM
  /** Builds an element; strings become text nodes, never markup. */
  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name === 'class') node.className = value;
      else node.setAttribute(name, value === true ? '' : String(value));
    }
    for (const child of children) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : String(child));
    }
    return node;
  }

  // ---------------------------------------------------------------- time
  const absolute = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  // Message text with its web addresses as safe links (the same rule as HTML.linked in Swift).
  function linked(text) {
    const fragment = document.createDocumentFragment();
    const pattern = /https?:\/\/[^\s<>"']+/gi;
    let last = 0;
    let match;
    while ((match = pattern.exec(text)) !== null) {
      let url = match[0];
      while (url.length && '.,;:!?)]'.includes(url[url.length - 1])) url = url.slice(0, -1);
      fragment.append(text.slice(last, match.index));
      if (url.length > 8) {
        fragment.append(el('a', { href: url, rel: 'noopener noreferrer nofollow', target: '_blank' }, url));
      } else {
        fragment.append(url);
      }
      last = match.index + url.length;
      pattern.lastIndex = last;
    }
    fragment.append(text.slice(last));
    return fragment;
  }

  function parseTime(text) {
    // The server sends microseconds; keep milliseconds, which every engine parses.
    return new Date(String(text).replace(/(\.\d{3})\d+/, '$1'));
  }
  function relative(date) {
    const seconds = Math.round((Date.now() - date.getTime()) / 1000);
    if (seconds < 45) return 'just now';
    const minutes = Math.round(seconds / 60);
    if (minutes < 60) return minutes + ' min ago';
    const hours = Math.round(minutes / 60);
    if (hours < 24) return hours + ' h ago';
    return absolute.format(date);
  }
  /** How far off a due time is: "in 1 h 59 min", "in under a minute", "5 min ago". */
  function countdown(date) {
    const seconds = (date.getTime() - Date.now()) / 1000;
    const minutes = Math.floor(Math.abs(seconds) / 60);
    if (minutes < 1) return seconds >= 0 ? 'in under a minute' : 'just now';
    const text = minutes < 60 ? minutes + ' min'
      : Math.floor(minutes / 60) + ' h' + (minutes % 60 ? ' ' + (minutes % 60) + ' min' : '');
    return seconds >= 0 ? 'in ' + text : text + ' ago';
  }
  function showTimes(root) {
    for (const node of $$('time[datetime]', root)) {
      const date = parseTime(node.getAttribute('datetime'));
      if (isNaN(date.getTime())) continue;
      node.title = absolute.format(date);
      node.textContent = node.hasAttribute('data-countdown') ? countdown(date)
        : node.hasAttribute('data-relative') ? relative(date) : absolute.format(date);
    }
  }
  /** SLA due times count down on every page that shows them, without a reload. */
  function showCountdowns() {
    for (const node of $$('time[data-countdown]')) showTimes(node.parentNode);
  }
  function timeNode(iso, isRelative) {
    const node = el('time', { datetime: iso, 'data-relative': isRelative ? '' : null }, iso || '');
    showTimes(el('div', null, node));
    return node;
  }

  // ---------------------------------------------------------------- API
  function cookie(name) {
    for (const part of document.cookie.split(';')) {
      const index = part.indexOf('=');
      if (index > 0 && part.slice(0, index).trim() === name) {
        try { return decodeURIComponent(part.slice(index + 1).trim()); } catch (e) { return part.slice(index + 1).trim(); }
      }
    }
    return '';
  }
  function csrfToken() {
    const meta = document.querySelector('meta[name="csrf-token"]');
    return cookie('helpdesk_csrf') || (meta ? meta.getAttribute('content') : '') || '';
  }

  /** A problem document (RFC 9457) the API answered with. */
  class Problem extends Error {
    constructor(status, documentBody) {
      const doc = documentBody || {};
      super(doc.detail || doc.title || 'The request failed (' + status + ')');
      this.status = status;
      this.detail = this.message;
      this.errors = Array.isArray(doc.errors) ? doc.errors : [];
    }
  }

  /** JSON in and out; every write carries the CSRF token. */
  async function api(method, path, data) {
    const headers = { Accept: 'application/json' };
    if (data !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET' && method !== 'HEAD') headers['X-CSRF-Token'] = csrfToken();
    let response;
    try {
      response = await fetch(path, {
        method, headers, credentials: 'same-origin', body: data === undefined ? undefined : JSON.stringify(data),
      });
    } catch (error) {
      throw new Problem(0, { detail: 'Could not reach the server. Check the connection and try again.' });
    }
    if (response.status === 204) return null;
    const text = await response.text();
    let doc = null;
    if (text) { try { doc = JSON.parse(text); } catch (error) { doc = null; } }
    if (!response.ok) {
      if (response.status === 401 && page !== 'login') location.assign('/app/login');
      throw new Problem(response.status, doc || { detail: response.status + ' ' + response.statusText });
    }
    return doc;
  }

  function problemOf(error) {
    return error instanceof Problem ? error : new Problem(0, { detail: String(error && error.message || error) });
  }

  /** Puts each field error next to its field (`data-error-for`), the rest in `summary`. */
  function showProblem(form, error, summary) {
    const problem = problemOf(error);
    clearErrors(form);
    const unplaced = [];
    let first = null;
    for (const fieldError of problem.errors) {
      const slot = errorSlot(form, String(fieldError.field || ''));
      if (slot) {
        slot.textContent = slot.textContent ? slot.textContent + ' ' + fieldError.message : fieldError.message;
        const field = slot.closest('.field, .faq-entry, fieldset');
        const input = field && $('input:not([type=hidden]), select, textarea', field);
        if (input) input.setAttribute('aria-invalid', 'true');
        if (!first) first = input || slot;
      } else {
        unplaced.push(fieldError.field + ' ' + fieldError.message);
      }
    }
    if (summary) {
      summary.textContent = problem.errors.length === 0 ? problem.detail
        : unplaced.length ? unplaced.join('; ') : 'Please correct the marked fields.';
    }
    return first;
  }
  function errorSlot(form, field) {
    const slots = $$('[data-error-for]', form);
    let name = field;
    while (name) {
      const slot = slots.find((node) => node.dataset.errorFor === name);
      if (slot) return slot;
      const cut = Math.max(name.lastIndexOf('.'), name.lastIndexOf('['));
      if (cut <= 0) return null;
      name = name.slice(0, cut);
    }
    return null;
  }
  function clearErrors(form) {
    for (const node of $$('.field-error', form)) node.textContent = '';
    for (const node of $$('[aria-invalid]', form)) node.removeAttribute('aria-invalid');
  }
  function appStatus(text) {
    const node = $('#app-status');
    if (node) node.textContent = text || '';
  }

  // ---------------------------------------------------------------- header
  function setupHeader() {
    const select = $('#availability');
    if (select) {
      let current = select.value;
      const dot = $('.availability-dot');
      select.addEventListener('change', async () => {
        const value = select.value;
        try {
          await api('PATCH', '/api/v1/me', { availability: value });
          current = value;
          if (dot) dot.dataset.availability = value;
          appStatus('');
        } catch (error) {
          select.value = current;
          appStatus('Availability not changed: ' + problemOf(error).detail);
        }
      });
    }
    const signOut = $('#sign-out');
    if (signOut) {
      signOut.addEventListener('click', async () => {
        signOut.disabled = true;
        try { await api('POST', '/api/v1/auth/logout'); } catch (error) { /* signed out either way */ }
        location.assign('/app/login');
      });
    }
  }

  // ---------------------------------------------------------------- live
  /** The team's live feed, resumed after the last seen entry on every reconnect. */
  function connectLive(after, handlers) {
    let last = Number(after) || 0;
    // Delivery changes have their own sequence; a page that shows none starts where the server is.
    let lastDelivery = body.dataset.deliveriesAfter !== undefined ? Number(body.dataset.deliveriesAfter) || 0 : null;
    let delay = 1000;
    let socket = null;
    let stopped = false;
    let timer = null;
    function open() {
      timer = null;
      if (stopped) return;
      const url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/api/v1/live?after=' + last
        + (lastDelivery !== null ? '&deliveriesAfter=' + lastDelivery : '');
      try { socket = new WebSocket(url); } catch (error) { retry(); return; }
      socket.addEventListener('open', () => {
        delay = 1000;
        if (handlers.open) handlers.open();
      });
      socket.addEventListener('message', (event) => {
        let message;
        try { message = JSON.parse(event.data); } catch (error) { return; }
        if (!message || typeof message !== 'object') return;
        if (message.type === 'entry') {
          const id = Number(message.id);
          if (id && id <= last) return;
          if (id) last = id;
          if (handlers.entry) handlers.entry(message);
        } else if (message.type === 'presence' && handlers.presence) {
          handlers.presence(message);
        } else if (message.type === 'delivery') {
          const id = Number(message.id);
          if (lastDelivery !== null && id && id <= lastDelivery) return;
          if (id) lastDelivery = id;
          if (handlers.delivery) handlers.delivery(message);
        } else if (message.type === 'customerTyping' && handlers.customerTyping) {
          handlers.customerTyping(message);
        }
      });
      socket.addEventListener('close', () => {
        socket = null;
        retry();
      });
    }
    function retry() {
      if (stopped || timer) return;
      const wait = delay;
      delay = Math.min(delay * 2, 30000);
      timer = setTimeout(open, wait);
    }
    window.addEventListener('pagehide', () => {
      stopped = true;
      if (socket) socket.close();
    });
    window.addEventListener('pageshow', (event) => {
      if (event.persisted && stopped) { stopped = false; delay = 1000; open(); }
    });
    open();
    return {
      send(message) {
        if (socket && socket.readyState === WebSocket.OPEN) { socket.send(JSON.stringify(message)); return true; }
        return false;
      },
    };
  }

  // ---------------------------------------------------------------- alerts
  // New work (a new ticket, or a customer writing on one of mine) while the page
  // is in the background: the count in the tab title, a short sound (on by
  // default, switched per member in this browser), and a desktop notification
  // once the member has allowed them (asked only when they press the button).
  function setupAlerts(myId) {
    const baseTitle = document.title;
    const soundKey = 'helpdesk-sound:' + myId;
    const sound = $('#alert-sound');
    const desktop = $('#alert-desktop');
    let unread = 0;
    let audio = null;
    if (sound) {
      sound.checked = localStorage.getItem(soundKey) !== 'off';
      sound.addEventListener('change', () => localStorage.setItem(soundKey, sound.checked ? 'on' : 'off'));
    }
    const canNotify = typeof window.Notification === 'function';
    function syncDesktop() {
      if (desktop) desktop.hidden = !canNotify || Notification.permission !== 'default';
    }
    syncDesktop();
    if (desktop) {
      desktop.addEventListener('click', async () => {
        try { await Notification.requestPermission(); } catch (error) { /* the browser said no */ }
        syncDesktop();
      });
    }
    function beep() {
      if (localStorage.getItem(soundKey) === 'off') return;
      try {
        audio = audio || new (window.AudioContext || window.webkitAudioContext)();
        const tone = audio.createOscillator();
        const gain = audio.createGain();
        tone.frequency.value = 880;
        gain.gain.setValueAtTime(0.08, audio.currentTime);
        gain.gain.exponentialRampToValueAtTime(0.0001, audio.currentTime + 0.25);
        tone.connect(gain).connect(audio.destination);
        tone.start();
        tone.stop(audio.currentTime + 0.25);
      } catch (error) { /* no audio here */ }
    }
    function showCount() { document.title = unread > 0 ? '(' + unread + ') ' + baseTitle : baseTitle; }
    document.addEventListener('visibilitychange', () => {
      if (!document.hidden) { unread = 0; showCount(); }
    });
    function mentionsMe(message) {
      const entry = message.entry || {};
      return entry.kind === 'note' && Array.isArray(entry.mentions) && entry.mentions.includes(myId)
        && !(entry.author && entry.author.id === myId);
    }
    return {
      mentionsMe,
      isNewWork(message) {
        const entry = message.entry || {};
        const ticket = message.ticket || {};
        if (entry.kind === 'event' && entry.event === 'created') return true;
        if (mentionsMe(message)) return true;
        return entry.kind === 'message' && entry.author && entry.author.kind === 'customer'
          && !!ticket.assignee && ticket.assignee.id === myId;
      },
      notify(message) {
        const ticket = message.ticket || {};
        if (document.hidden) { unread++; showCount(); }
        beep();
        if (canNotify && Notification.permission === 'granted' && document.hidden) {
          try {
            const entry = message.entry || {};
            const body = mentionsMe(message)
              ? ((entry.author && entry.author.name) || 'A teammate') + ' mentioned you: ' + (entry.body || '').slice(0, 120)
              : (ticket.requester ? ticket.requester.name : '');
            const note = new Notification('#' + ticket.number + ' ' + (ticket.subject || 'New work'),
              { body, tag: 'ticket-' + ticket.number });
            note.onclick = () => { window.focus(); location.assign('/app/tickets/' + ticket.number); };
          } catch (error) { /* some browsers only notify from a service worker */ }
        }
      },
    };
  }

  // ---------------------------------------------------------------- bulk
  // Select rows, then change their assignee, status or priority at once: one
  // PATCH per ticket, so each change is checked and recorded as a single one is.
  function setupBulk(rows) {
    const form = $('#bulk');
    const all = $('#select-all');
    if (!form || !all) return;
    const count = $('#bulk-count');
    const error = $('#bulk-error');
    function selected() { return $$('.row-select', rows).filter((box) => box.checked); }
    function sync() {
      const chosen = selected().length;
      form.hidden = chosen === 0;
      count.textContent = chosen + ' selected';
      const boxes = $$('.row-select', rows);
      all.checked = boxes.length > 0 && chosen === boxes.length;
      all.indeterminate = chosen > 0 && chosen < boxes.length;
    }
    rows.addEventListener('change', (event) => { if (event.target.classList.contains('row-select')) sync(); });
    all.addEventListener('change', () => {
      for (const box of $$('.row-select', rows)) box.checked = all.checked;
      sync();
    });
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      error.textContent = '';
      const change = {};
      const assignee = $('#bulk-assignee').value;
      if (assignee) change.assigneeId = assignee === 'none' ? null : assignee;
      if ($('#bulk-status').value) change.status = $('#bulk-status').value;
      if ($('#bulk-priority').value) change.priority = $('#bulk-priority').value;
      if (!Object.keys(change).length) { error.textContent = 'Choose what to change first.'; return; }
      const apply = $('#bulk-apply');
      apply.disabled = true;
      const failures = [];
      let done = 0;
      for (const box of selected()) {
        try {
          await api('PATCH', '/api/v1/tickets/' + box.value, change);
          done++;
          box.checked = false;
        } catch (failure) {
          failures.push('#' + box.value + ': ' + problemOf(failure).detail);
        }
      }
      apply.disabled = false;
      sync();
      appStatus('');
      count.textContent = '';
      if (failures.length) error.textContent = 'Updated ' + done + '; not updated: ' + failures.join('; ');
      else { form.hidden = false; count.textContent = 'Updated ' + done + ' ticket' + (done === 1 ? '' : 's') + '.'; }
    });
  }

  // ---------------------------------------------------------------- keyboard
  // Single-key shortcuts, never while typing in a field or with a modifier:
  // j / k next and previous ticket, r reply, n note, a assign to me, e resolve,
  // ? this list. The inbox remembers its order, so j / k walk it from a ticket too.
  const SHORTCUTS = [
    ['j', 'Next ticket'], ['k', 'Previous ticket'], ['r', 'Reply to the customer'], ['n', 'Write an internal note'],
    ['a', 'Assign the ticket to me'], ['e', 'Resolve the ticket'], ['?', 'Show these shortcuts'],
    ['Ctrl+K', 'Command palette: go anywhere, open a ticket by number, search'],
  ];
  function setupShortcuts(actions) {
    let help = null;
    function showHelp() {
      if (!help) {
        help = el('dialog', { id: 'shortcuts', class: 'shortcuts', 'aria-labelledby': 'shortcuts-title' },
          el('h2', { id: 'shortcuts-title' }, 'Keyboard shortcuts'),
          el('dl', {}, ...SHORTCUTS.map(([key, words]) => el('div', {}, el('dt', {}, el('kbd', {}, key)), el('dd', {}, words)))),
          el('form', { method: 'dialog' }, el('button', { type: 'submit' }, 'Close')));
        document.body.append(help);
      }
      if (!help.open) help.showModal();
    }
    document.addEventListener('keydown', (event) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target;
      if (target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))) return;
      if (help && help.open) return;
      const action = event.key === '?' ? showHelp : actions[event.key];
      if (!action) return;
      event.preventDefault();
      action();
    });
  }
  // ---------------------------------------------------------------- command palette
  // Ctrl+K (⌘K): one box to go anywhere or do what the page offers. Type to filter;
  // a number opens that ticket; any other text can search the tickets.
  const paletteCommands = [
    ['Inbox: assigned to me', () => location.assign('/app?view=mine')],
    ['Inbox: unassigned', () => location.assign('/app?view=unassigned')],
    ['Inbox: all tickets', () => location.assign('/app?view=all')],
    ['Inbox: resolved', () => location.assign('/app?view=resolved')],
    ['Canned replies', () => location.assign('/app/canned-replies')],
    ['Tags', () => location.assign('/app/tags')],
    ['Settings', () => location.assign('/app/settings')],
    ['Agents and channels', () => location.assign('/app/agents')],
    ['Profile and password', () => location.assign('/app/profile')],
  ];
  function setupPalette() {
    let dialog = null;
    let input = null;
    let list = null;
    let shown = [];
    let active = 0;
    function matches(query) {
      const text = query.trim();
      const found = paletteCommands.filter(([label]) => label.toLowerCase().includes(text.toLowerCase()));
      const number = /^#?(\d{1,9})$/.exec(text);
      if (number) found.unshift(['Open ticket #' + number[1], () => location.assign('/app/tickets/' + number[1])]);
      else if (text) found.push(['Search tickets for “' + text + '”', () => location.assign('/app?view=all&q=' + encodeURIComponent(text))]);
      return found;
    }
    function render() {
      shown = matches(input.value);
      active = Math.min(active, Math.max(shown.length - 1, 0));
      list.replaceChildren(...shown.map(([label], index) => {
        const option = el('li', { id: 'palette-option-' + index, role: 'option', class: 'palette-option',
          'aria-selected': String(index === active), 'data-testid': 'palette-option' }, label);
        option.addEventListener('click', () => run(index));
        return option;
      }));
      if (shown.length) input.setAttribute('aria-activedescendant', 'palette-option-' + active);
      else input.removeAttribute('aria-activedescendant');
      const option = document.getElementById('palette-option-' + active);
      if (option) option.scrollIntoView({ block: 'nearest' });
    }
    function run(index) {
      const command = shown[index];
      if (!command) return;
      dialog.close();
      command[1]();
    }
    function open() {
      if (!dialog) {
        input = el('input', { type: 'text', id: 'palette-input', role: 'combobox', 'aria-expanded': 'true',
          'aria-controls': 'palette-list', 'aria-autocomplete': 'list', autocomplete: 'off', spellcheck: 'false',
          placeholder: 'Go to, do, or type a ticket number…' });
        list = el('ul', { id: 'palette-list', role: 'listbox', class: 'palette-list', 'aria-label': 'Commands' });
        dialog = el('dialog', { id: 'palette', class: 'palette', 'aria-labelledby': 'palette-title' },
          el('h2', { id: 'palette-title', class: 'visually-hidden' }, 'Command palette'),
          el('label', { for: 'palette-input', class: 'visually-hidden' }, 'Command'), input, list,
          el('p', { class: 'hint' }, '↑ ↓ choose · Enter runs · Esc closes'));
        document.body.append(dialog);
        input.addEventListener('input', () => { active = 0; render(); });
        input.addEventListener('keydown', (event) => {
          if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
            event.preventDefault();
            if (shown.length) active = (active + (event.key === 'ArrowDown' ? 1 : shown.length - 1)) % shown.length;
            render();
          } else if (event.key === 'Enter') {
            event.preventDefault();
            run(active);
          }
        });
      }
      input.value = '';
      active = 0;
      render();
      if (!dialog.open) dialog.showModal();
      input.focus();
    }
    document.addEventListener('keydown', (event) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && (event.key === 'k' || event.key === 'K')) {
        event.preventDefault();
        open();
      }
    });
  }

  // ---------------------------------------------------------------- copilot
  // A drawer where a member asks about the inbox in plain words (read-only); the
  // conversation stays while the page lives; listed tickets link to their pages.
  function setupCopilot() {
    const opener = $('#copilot-open');
    if (!opener) return;
    let panel = null;
    let log = null;
    let input = null;
    function build() {
      log = el('ol', { class: 'copilot-log', id: 'copilot-log', 'aria-live': 'polite', 'aria-label': 'Copilot conversation' });
      input = el('input', { type: 'text', id: 'copilot-input', maxlength: '1000', autocomplete: 'off',
        placeholder: 'e.g. urgent unassigned tickets this week' });
      const form = el('form', { class: 'copilot-form', id: 'copilot-form' },
        el('label', { for: 'copilot-input' }, 'Ask about the inbox'), input,
        el('button', { type: 'submit', class: 'button-primary', id: 'copilot-ask' }, 'Ask'));
      const close = el('button', { type: 'button', class: 'button-quiet', id: 'copilot-close' }, 'Close');
      panel = el('aside', { class: 'copilot', id: 'copilot', 'aria-labelledby': 'copilot-title', 'data-testid': 'copilot' },
        el('div', { class: 'copilot-head' }, el('h2', { id: 'copilot-title' }, 'Copilot'), close),
        el('p', { class: 'hint' }, 'Read-only: it finds and counts tickets you can see, and changes nothing.'),
        log, form);
      document.body.append(panel);
      close.addEventListener('click', () => show(false));
      panel.addEventListener('keydown', (event) => { if (event.key === 'Escape') { event.preventDefault(); show(false); } });
      form.addEventListener('submit', async (event) => {
        event.preventDefault();
        const message = input.value.trim();
        if (!message) return;
        input.value = '';
        log.append(el('li', { class: 'copilot-question' }, message));
        const answer = el('li', { class: 'copilot-answer', 'data-testid': 'copilot-answer' }, 'Reading the inbox…');
        log.append(answer);
        try {
          const result = await api('POST', '/api/v1/copilot', { message });
          const rows = (result.tickets || []).map((ticket) => el('li', {},
            el('a', { href: '/app/tickets/' + ticket.number }, '#' + ticket.number + ' ' + (ticket.subject || '')), ' ',
            el('span', { class: 'badge status-' + ticket.status }, word(WORDS.status, ticket.status))));
          answer.replaceChildren(el('p', {}, result.answer || ''), rows.length ? el('ul', { class: 'plain-list' }, ...rows) : '');
        } catch (failure) {
          answer.replaceChildren(el('p', { class: 'error' }, problemOf(failure).detail));
        }
        answer.scrollIntoView({ block: 'nearest' });
      });
    }
    function show(open) {
      if (open && !panel) build();
      if (!panel) return;
      panel.hidden = !open;
      opener.setAttribute('aria-expanded', String(open));
      if (open) input.focus(); else opener.focus();
    }
    opener.addEventListener('click', () => show(!panel || panel.hidden));
    paletteCommands.push(['Ask the copilot', () => show(true)]);
  }

  function rememberOrder(numbers) {
    try { sessionStorage.setItem('helpdesk-order', JSON.stringify(numbers)); } catch (error) { /* private mode */ }
  }
  function neighbour(number, step) {
    let order = [];
    try { order = JSON.parse(sessionStorage.getItem('helpdesk-order') || '[]'); } catch (error) { order = []; }
    const index = order.indexOf(number);
    return index < 0 ? null : order[index + step] || null;
  }

  // ---------------------------------------------------------------- login
  function setupLogin() {
    const form = $('#login-form');
    const error = $('#login-error');
    const submit = $('#login-submit');
    const email = $('#login-email');
    const password = $('#login-password');
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      error.textContent = '';
      if (!email.value.trim() || !password.value) {
        error.textContent = 'Enter your email address and password.';
        (email.value.trim() ? password : email).focus();
        return;
      }
      submit.disabled = true;
      try {
        await api('POST', '/api/v1/auth/login', { email: email.value.trim(), password: password.value });
        location.assign('/app');
      } catch (failure) {
        error.textContent = problemOf(failure).detail;
        submit.disabled = false;
        password.select();
        password.focus();
      }
    });
  }

  // ---------------------------------------------------------------- tags
  // The team's tag colours by name, as the page was rendered (`data-tag-colors`); a tag made since
  // (by tagging a ticket with a new name) has the default colour, as on the server.
  const TAG_DEFAULT_COLOR = '#6b7280';
  let tagColorTable = null;
  function tagColor(name) {
    if (tagColorTable === null) {
      try { tagColorTable = JSON.parse(body.dataset.tagColors || '{}') || {}; } catch (failure) { tagColorTable = {}; }
    }
    const color = Object.prototype.hasOwnProperty.call(tagColorTable, name) ? tagColorTable[name] : null;
    return /^#[0-9a-f]{6}$/.test(color || '') ? color : TAG_DEFAULT_COLOR;
  }
  /** One coloured chip, as `TagChips.chip` renders it. */
  function tagChip(name) {
    const chip = el('span', { class: 'tag-chip', 'data-tag': name, 'data-color': tagColor(name) }, name);
    chip.style.setProperty('--tag-color', tagColor(name));
    return chip;
  }
  /** Paints the server-rendered chips (the page's policy allows no style attributes, the CSSOM is fine). */
  function paintTagChips(root) {
    for (const chip of $$('.tag-chip[data-color]', root)) {
      if (/^#[0-9a-f]{6}$/.test(chip.dataset.color)) chip.style.setProperty('--tag-color', chip.dataset.color);
    }
  }
  /** A name as the server stores it: trimmed, lower case, composed. */
  function tagKey(text) { return String(text || '').trim().toLowerCase().normalize('NFC'); }
  function isTagEvent(entry) { return !!entry && entry.kind === 'event' && (entry.event === 'tagAdded' || entry.event === 'tagRemoved'); }

  // ---------------------------------------------------------------- inbox
  // `triage`: {preview, waitingSince} from the inbox API, or worked out from a live entry.
  function buildRow(ticket, triage) {
    const link = '/app/tickets/' + ticket.number;
    triage = triage || ticket;
    const subjectCell = el('td', { 'data-label': 'Subject', class: 'subject' },
      el('a', { href: link, title: ticket.subject || '' }, ticket.subject || ''));
    const tags = Array.isArray(ticket.tags) ? ticket.tags : [];
    if (tags.length) subjectCell.append(el('span', { class: 'tag-chips', 'data-testid': 'row-tags' }, ...tags.map(tagChip)));
    if (triage.preview) subjectCell.append(el('span', { class: 'preview' }, triage.preview));
    const activityCell = el('td', { 'data-label': 'Last activity' }, timeNode(ticket.lastActivityAt, true));
    if (triage.waitingSince && ticket.status !== 'resolved') {
      activityCell.append(el('span', { class: 'waiting', 'data-testid': 'waiting' }, 'Waiting since ', timeNode(triage.waitingSince, true)));
    }
    const requester = ticket.requester || {};
    const requesterCell = el('td', { 'data-label': 'Requester' }, requester.name || '');
    if (requester.email) requesterCell.append(' ', el('span', { class: 'muted' }, requester.email));
    return el('tr', {
      id: 'inbox-row-' + ticket.number, 'data-testid': 'inbox-row-' + ticket.number,
      'data-number': ticket.number, 'data-status': ticket.status,
    },
    el('td', { 'data-label': 'Select', class: 'select' },
      el('input', { type: 'checkbox', class: 'row-select', value: ticket.number, 'aria-label': 'Select ticket #' + ticket.number })),
    el('td', { 'data-label': 'Status' }, el('span', { class: 'badge status-' + ticket.status }, word(WORDS.status, ticket.status))),
    el('td', { 'data-label': 'Number' }, el('a', { href: link }, '#' + ticket.number)),
    requesterCell,
    el('td', { 'data-label': 'Assignee' },
      ticket.assignee ? memberLabel(ticket.assignee) : el('span', { class: 'muted' }, 'Unassigned')),
    subjectCell,
    el('td', { 'data-label': 'Agent' }, ticket.agent ? ticket.agent.name : '—'),
    el('td', { 'data-label': 'Priority' },
      el('span', { class: 'badge priority-' + ticket.priority }, word(WORDS.priority, ticket.priority))),
    el('td', { 'data-label': 'Channel' }, word(WORDS.channel, ticket.channel)),
    activityCell);
  }

  // A row's triage after a live entry: the customer's words and their wait, or the wait ended by a reply.
  function liveTriage(existing, entry) {
    const preview = existing ? $('.preview', existing) : null;
    const waiting = existing ? $('.waiting time', existing) : null;
    const triage = { preview: preview ? preview.textContent : null, waitingSince: waiting ? waiting.getAttribute('datetime') : null };
    if (entry && entry.kind === 'message' && entry.author) {
      if (entry.author.kind === 'customer') {
        // A message of files alone is previewed by their names, as the server does.
        const files = Array.isArray(entry.attachments) ? entry.attachments.map((file) => file.name).join(', ') : '';
        const line = entry.body ? String(entry.body).split(/\r?\n/).join(' ') : files ? 'Sent ' + files : '';
        triage.preview = line.length > 140 ? line.slice(0, 140) + '…' : line;
        triage.waitingSince = triage.waitingSince || entry.at;
      } else if (entry.author.kind === 'operator') {
        triage.waitingSince = null;
      }
    }
    return triage;
  }

  // Calls `commit` when a select's choice is committed (WCAG 3.2.2): at once when picked with
  // the pointer, but after the arrow keys only on Enter, so stepping through the options
  // commits none of them. With `revert`, Escape undoes the keys' choice.
  function onCommit(select, commit, revert) {
    let byKeyboard = false;
    select.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        event.preventDefault();
        byKeyboard = false;
        commit();
      } else if (event.key === 'Escape' && revert) {
        revert();
        byKeyboard = false;
      } else if (event.key !== 'Tab') {
        byKeyboard = true;
      }
    });
    select.addEventListener('pointerdown', () => { byKeyboard = false; });
    select.addEventListener('change', () => { if (!byKeyboard) commit(); });
  }

  // A filter applies when it is committed.
  function setupFilterSubmit() {
    const form = $('#inbox-filters');
    if (!form) return;
    for (const select of $$('select.auto-submit', form)) onCommit(select, () => form.requestSubmit());
  }

  function setupInbox() {
    setupFilterSubmit();
    const view = body.dataset.view || 'all';
    const filters = new URLSearchParams(location.search);
    const searching = (filters.get('q') || '').trim() !== '';
    const rows = $('#inbox-rows');
    const empty = $('#inbox-empty');
    const more = $('#load-more');
    const error = $('#inbox-error');

    function syncEmpty() { empty.hidden = rows.children.length > 0; }

    async function refreshCounts() {
      try {
        const counts = await api('GET', '/api/v1/tickets/counts');
        for (const name of ['mine', 'all', 'unassigned', 'resolved']) {
          const node = document.getElementById('count-' + name);
          if (node && counts && typeof counts[name] === 'number') {
            // All lists resolved tickets too (after the rest); its count is of the unresolved ones, and says so.
            const open = name === 'all';
            node.textContent = String(counts[name]) + (open ? ' open' : '');
            node.setAttribute('aria-label', counts[name] + (open ? ' unresolved tickets' : ' tickets'));
            if (open) node.title = 'Unresolved tickets; resolved ones follow them in the list';
          }
        }
      } catch (failure) { /* the counts are a convenience; the rows are what matter */ }
    }
    let countsTimer = null;
    function scheduleCounts() {
      clearTimeout(countsTimer);
      countsTimer = setTimeout(refreshCounts, 400);
    }

    more.addEventListener('click', async () => {
      const cursor = more.dataset.cursor;
      if (!cursor) return;
      more.disabled = true;
      error.textContent = '';
      const query = new URLSearchParams(location.search);
      query.set('view', view);
      query.set('cursor', cursor);
      try {
        const result = await api('GET', '/api/v1/tickets?' + query.toString());
        let firstNew = null;
        for (const ticket of result.items || []) {
          if (document.getElementById('inbox-row-' + ticket.number)) continue;
          const row = buildRow(ticket);
          rows.append(row);
          if (!firstNew) firstNew = row;
        }
        more.dataset.cursor = result.nextCursor || '';
        more.hidden = !result.nextCursor;
        syncEmpty();
        if (more.hidden && firstNew) $('a', firstNew).focus();
      } catch (failure) {
        error.textContent = problemOf(failure).detail;
      } finally {
        more.disabled = false;
      }
    });

    function belongs(ticket) {
      const resolved = ticket.status === 'resolved';
      if (view === 'mine' && (resolved || !ticket.assignee || ticket.assignee.id !== myId)) return false;
      if (view === 'unassigned' && (resolved || ticket.assignee)) return false;
      if (view === 'resolved' && !resolved) return false;
      const wanted = (name, value) => !filters.get(name) || filters.get(name) === value;
      return wanted('status', ticket.status) && wanted('priority', ticket.priority) && wanted('channel', ticket.channel)
        && wanted('agentId', ticket.agent ? ticket.agent.id : null)
        && wanted('assigneeId', ticket.assignee ? ticket.assignee.id : null)
        && (!tagKey(filters.get('tag')) || (Array.isArray(ticket.tags) && ticket.tags.includes(tagKey(filters.get('tag')))));
    }

    // Sorted by waiting: the waiting rows first, longest wait first (then the lower number), then the rest.
    const byWait = filters.get('sort') === 'waiting';
    function waitOf(row) {
      const time = row.dataset.status !== 'resolved' ? $('.waiting time', row) : null;
      return time ? Date.parse(time.getAttribute('datetime')) : null;
    }
    // Puts a live row where the order has it among the rows shown: a waiting one by its wait, any
    // other one first among the rest (a resolved one first among the resolved). False when its place
    // is past the rows shown while more are to load: "Load more" brings it then.
    function placeByWait(row) {
      const since = waitOf(row);
      const number = Number(row.dataset.number);
      const resolved = row.dataset.status === 'resolved';
      for (const other of Array.from(rows.children)) {
        const otherSince = waitOf(other);
        const before = since !== null
          ? otherSince === null || otherSince > since || (otherSince === since && Number(other.dataset.number) > number)
          : otherSince === null && (!resolved || other.dataset.status === 'resolved');
        if (before) {
          rows.insertBefore(row, other);
          return true;
        }
      }
      if (!more.hidden) return false;
      rows.append(row);
      return true;
    }

    function onEntry(message) {
      const ticket = message.ticket;
      if (!ticket || typeof ticket.number !== 'number') return;
      const fresh = alerts.isNewWork(message);
      if (fresh) alerts.notify(message);
      const existing = document.getElementById('inbox-row-' + ticket.number);
      // A search matches message text too, which a row cannot tell; only rows already found are updated.
      if (belongs(ticket) && (!searching || existing)) {
        const row = buildRow(ticket, liveTriage(existing, message.entry));
        row.classList.add('fresh');
        // Unread until opened: a dot, and words for screen readers.
        if (fresh || (existing && existing.classList.contains('unread'))) {
          row.classList.add('unread');
          const subject = $('.subject', row);
          if (subject) subject.prepend(el('span', { class: 'unread-dot', 'data-testid': 'unread' }, el('span', { class: 'visually-hidden' }, 'Unread: ')));
        }
        const focused = existing && existing.contains(document.activeElement)
          ? $$('a', existing).indexOf(document.activeElement) : -1;
        if (focused >= 0) {
          existing.replaceWith(row); // keep a keyboard user's place
          const links = $$('a', row);
          if (links[focused]) links[focused].focus();
        } else if (existing && isTagEvent(message.entry)) {
          existing.replaceWith(row); // a tag is no activity: the row keeps its place
        } else {
          if (existing) existing.remove();
          if (!byWait) rows.prepend(row);
          else if (!placeByWait(row)) { syncEmpty(); scheduleCounts(); return; }
        }
      } else if (existing) {
        existing.remove();
      }
      syncEmpty();
      scheduleCounts();
    }

    const alerts = setupAlerts(myId);
    setupBulk(rows);
    function rowLinks() { return $$('tr[data-testid^="inbox-row-"] .subject a', rows); }
    function numbers() { return rowLinks().map((link) => Number(link.getAttribute('href').split('/').pop())); }
    function move(step) {
      const links = rowLinks();
      if (!links.length) return;
      const at = links.indexOf(document.activeElement);
      const next = links[Math.max(0, Math.min(links.length - 1, at < 0 ? 0 : at + step))];
      next.focus();
      next.closest('tr').scrollIntoView({ block: 'nearest' });
    }
    rows.addEventListener('click', () => rememberOrder(numbers()));
    document.addEventListener('keydown', (event) => { if (event.key === 'Enter') rememberOrder(numbers()); });
    rememberOrder(numbers());
    setupShortcuts({ j: () => move(1), k: () => move(-1) });
    refreshCounts();
    setInterval(() => showTimes(rows), 60000);
    connectLive(body.dataset.after, { entry: onEntry, open: scheduleCounts });
  }

  // ---------------------------------------------------------------- attachments
  // The image types the server checked byte by byte: the only ones shown inline.
  const INLINE_IMAGES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);
  /** A size in words, as AttachmentPolicy.describe in Swift: 10 MB, 1.5 MB, 312 KB, 20 bytes. */
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
  /** Why a file is too large, in words; sizes just over the limit in bytes, as the server says it. */
  function tooLargeWords(size, most) {
    const same = sizeWords(size) === sizeWords(most);
    return 'it is ' + (same ? size + ' bytes' : sizeWords(size)) + '; a file may be at most '
      + (same ? most + ' bytes (' + sizeWords(most) + ')' : sizeWords(most)) + '.';
  }
  /** A message's or note's files: images shown with their name as alt text, other files as download links. */
  function attachmentList(files) {
    if (!Array.isArray(files) || files.length === 0) return null;
    return el('ul', { class: 'attachments', 'aria-label': 'Attachments' }, ...files.map((file) => {
      const url = '/api/v1/attachments/' + encodeURIComponent(String(file.id));
      const common = { 'data-testid': 'attachment', 'data-attachment-id': file.id };
      const name = String(file.name || 'file');
      if (INLINE_IMAGES.has(file.contentType)) {
        return el('li', Object.assign({ class: 'attachment attachment-image' }, common),
          el('a', { href: url, target: '_blank', rel: 'noopener' }, el('img', { src: url, alt: name, loading: 'lazy' })));
      }
      return el('li', Object.assign({ class: 'attachment attachment-file' }, common),
        el('a', { href: url, download: name }, name), ' ', el('span', { class: 'muted' }, '(' + sizeWords(file.size) + ')'));
    }));
  }

  /**
   * Uploads one file as multipart/form-data (the part `file`), reporting progress
   * from 0 to 1. Resolves with the JSON answer; rejects with a Problem in words.
   */
  function uploadFile(path, file, onProgress) {
    const xhr = new XMLHttpRequest();
    const done = new Promise((resolve, reject) => {
      xhr.open('POST', path);
      xhr.setRequestHeader('Accept', 'application/json');
      xhr.setRequestHeader('X-CSRF-Token', csrfToken());
      xhr.upload.addEventListener('progress', (event) => {
        if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
      });
      xhr.addEventListener('load', () => {
        let doc = null;
        try { doc = xhr.responseText ? JSON.parse(xhr.responseText) : null; } catch (error) { doc = null; }
        if (xhr.status >= 200 && xhr.status < 300) resolve(doc);
        else reject(new Problem(xhr.status, doc || { detail: 'The upload failed (' + xhr.status + ').' }));
      });
      xhr.addEventListener('error', () => reject(new Problem(0, {
        detail: 'The upload failed: the server could not be reached or stopped reading the file.',
      })));
      xhr.addEventListener('abort', () => reject(new Problem(0, { detail: 'The upload was cancelled.' })));
      const form = new FormData();
      form.append('file', file, file.name);
      xhr.send(form);
    });
    return { done, abort: () => xhr.abort() };
  }

  /**
   * The composer's files: the paperclip button opens the file picker; each
   * chosen file is uploaded at once and listed with its progress, what went
   * wrong in words, and a button to remove it. `ids()` are the uploaded ones,
   * for the reply or note; `problem()` says why sending must wait.
   */
  function setupAttachmentPicker(uploadPath) {
    const input = $('#composer-files');
    const button = $('#composer-attach');
    const list = $('#composer-attachments');
    const status = $('#composer-files-status');
    const maxBytes = Number(input.dataset.maxBytes) || 10 * 1024 * 1024;
    const maxFiles = Number(input.dataset.maxFiles) || 10;
    let items = [];

    function plural(count, one, many) { return count + ' ' + (count === 1 ? one : many); }
    function summarize(extra) {
      const uploading = items.filter((item) => item.state === 'uploading').length;
      const ready = items.filter((item) => item.state === 'ready').length;
      const failed = items.filter((item) => item.state === 'failed').length;
      const parts = [];
      if (uploading) parts.push('Uploading ' + plural(uploading, 'file', 'files') + '…');
      if (ready) parts.push(plural(ready, 'file', 'files') + ' ready to send.');
      if (failed) parts.push(plural(failed, 'file', 'files') + ' could not be uploaded.');
      if (extra) parts.push(extra);
      status.textContent = parts.join(' ');
    }
    function remove(item) {
      if (item.abort) item.abort();
      items = items.filter((other) => other !== item);
      item.node.remove();
      summarize();
    }
    function add(file) {
      const item = { file, state: 'uploading', id: null, abort: null, node: null };
      const progress = el('progress', { max: '100', value: '0', 'aria-label': 'Uploading ' + file.name });
      const words = el('span', { class: 'attachment-state' }, 'Uploading… 0%');
      const removeButton = el('button', { type: 'button', class: 'attachment-remove', 'aria-label': 'Remove ' + file.name }, 'Remove');
      item.node = el('li', { class: 'attachment-item', 'data-testid': 'composer-attachment', 'data-state': 'uploading' },
        el('span', { class: 'attachment-name' }, file.name), ' ',
        el('span', { class: 'muted' }, '(' + sizeWords(file.size) + ')'), ' ', progress, ' ', words, ' ', removeButton);
      removeButton.addEventListener('click', () => { remove(item); button.focus(); });
      list.append(item.node);
      items.push(item);
      function fail(text) {
        item.state = 'failed';
        item.node.dataset.state = 'failed';
        progress.remove();
        words.className = 'attachment-state error-text';
        words.textContent = 'Not uploaded: ' + text;
        summarize();
      }
      if (file.size > maxBytes) return fail(tooLargeWords(file.size, maxBytes));
      if (file.size === 0) return fail('the file is empty.');
      const upload = uploadFile(uploadPath, file, (fraction) => {
        const percent = Math.min(100, Math.round(fraction * 100));
        progress.value = percent;
        words.textContent = 'Uploading… ' + percent + '%';
      });
      item.abort = upload.abort;
      upload.done.then((attachment) => {
        item.abort = null;
        if (!items.includes(item)) return;
        item.state = 'ready';
        item.id = attachment && attachment.id;
        item.node.dataset.state = 'ready';
        progress.remove();
        words.textContent = 'Uploaded, ready to send';
        summarize();
      }, (failure) => {
        item.abort = null;
        if (items.includes(item)) fail(problemOf(failure).detail);
      });
      summarize();
      return undefined;
    }
    button.addEventListener('click', () => input.click());
    input.addEventListener('change', () => {
      const chosen = Array.from(input.files || []);
      input.value = '';
      const room = Math.max(0, maxFiles - items.length);
      chosen.slice(0, room).forEach(add);
      if (chosen.length > room) {
        summarize('A message carries at most ' + maxFiles + ' files: ' + plural(chosen.length - room, 'file was', 'files were') + ' left out.');
      }
    });
    return {
      ids: () => items.filter((item) => item.state === 'ready').map((item) => item.id),
      problem: () => {
        if (items.some((item) => item.state === 'uploading')) return 'Wait until the files are uploaded, or remove them.';
        if (items.some((item) => item.state === 'failed')) return 'Remove the files that could not be uploaded first.';
        return null;
      },
      clear: () => { items.slice().forEach(remove); summarize(); },
    };
  }

  // ---------------------------------------------------------------- timeline
  // Avatars: initials in one of eight colours, the same rule as Words.initials / avatarHue in Swift.
  function avatar(name) {
    const words = String(name || '').split(/[\s-]+/).filter((word) => /^\p{L}/u.test(word));
    const letters = words.slice(0, 2).map((word) => Array.from(word)[0].toUpperCase()).join('');
    let hue = 0;
    for (let i = 0; i < String(name || '').length; i++) hue = (hue + String(name).charCodeAt(i)) % 8;
    return el('span', { class: 'avatar avatar-' + hue, 'aria-hidden': 'true' }, letters || '?');
  }
  function buildEntry(entry, agentName) {
    const common = {
      id: 'entry-' + entry.id, 'data-testid': 'timeline-entry', 'data-entry-id': entry.id, 'data-kind': entry.kind,
    };
    // An entry of a ticket merged into this one says which.
    const time = entry.mergedFrom
      ? el('span', {}, timeNode(entry.at, false), ' ', el('span', { class: 'badge merged-from' }, 'from #' + entry.mergedFrom))
      : timeNode(entry.at, false);
    if (entry.kind === 'message') {
      const author = entry.author || {};
      const shownName = author.kind === 'operator' ? memberLabel({ id: author.id, displayName: author.name }) : author.name;
      const head = el('div', { class: 'entry-head' }, avatar(author.name),
        el('span', { class: 'author' }, shownName || ''), ' ',
        el('span', { class: 'role' }, word(WORDS.author, author.kind)), ' ',
        el('span', { class: 'badge channel' }, word(WORDS.channel, entry.channel)), ' ', time);
      if (entry.delivery) {
        head.append(' ', el('span', { class: 'delivery delivery-' + entry.delivery.state }, deliveryWords(entry.delivery)));
        if (entry.delivery.state === 'failed') {
          head.append(' ', el('button', { type: 'button', class: 'button-quiet retry-delivery', 'data-entry-id': entry.id }, 'Retry delivery'));
        }
      }
      return el('li', Object.assign({ class: 'entry message author-' + (author.kind || 'system') }, common),
        head, entry.body ? el('p', { class: 'body' }, linked(entry.body)) : null, attachmentList(entry.attachments));
    }
    if (entry.kind === 'note') {
      const author = entry.author || {};
      return el('li', Object.assign({ class: 'entry note' }, common),
        el('div', { class: 'entry-head' }, avatar(author.name),
          el('span', { class: 'badge note-badge' }, 'Internal note'), ' ',
          el('span', { class: 'author' }, memberLabel({ id: author.id, displayName: author.name })), ' ', time),
        entry.body ? el('p', { class: 'body' }, linked(entry.body)) : null, attachmentList(entry.attachments));
    }
    const words = eventWords(entry, agentName);
    if (entry.event === 'created' || entry.event === 'escalationRepeated') {
      return el('li', Object.assign({ class: 'entry event handoff', 'data-event': entry.event }, common),
        el('h3', { class: 'handoff-title' },
          entry.event !== 'created' ? 'Asked again' : entry.actor ? 'Ticket opened' : 'Handoff summary'),
        el('p', { class: 'event-text' }, words, ' ', time),
        entry.detail ? el('p', { class: 'summary' }, entry.detail) : null);
    }
    return el('li', Object.assign({ class: 'entry event', 'data-event': entry.event }, common),
      el('p', { class: 'event-text' }, words, ' ', time));
  }

  // ---------------------------------------------------------------- ticket
  function setupTicket() {
    const number = Number(body.dataset.ticketNumber);
    const base = '/api/v1/tickets/' + number;
    const agentName = body.dataset.agentName || '';
    const myName = body.dataset.memberName || '';
    const chatLive = body.dataset.chatLive === 'true';
    const canConfigure = body.dataset.canConfigure === 'true';
    const timeline = $('#timeline');
    const error = $('#ticket-error');
    const statusSelect = $('#ticket-status');
    const prioritySelect = $('#ticket-priority');
    const assigneeSelect = $('#ticket-assignee');
    const pickup = $('#pickup');
    const takeover = $('#takeover');
    const release = $('#release');
    const chatState = $('#chat-state');
    const presence = $('#presence');
    const form = $('#composer');
    const input = $('#composer-body');
    const send = $('#composer-send');
    const channelSelect = $('#composer-channel');
    const channelHint = $('#composer-channel-hint');
    const composerError = $('#composer-error');
    const replyMode = $('#composer-mode-reply');
    const noteMode = $('#composer-mode-note');
    let mode = 'reply';

    function setFact(id, content) {
      const node = document.getElementById('fact-' + id);
      if (node) node.replaceChildren(...content);
    }

    /** The header and controls from a ticket (API shape). */
    function applyTicket(ticket) {
      if (!ticket || ticket.number !== number) return;
      $('#ticket-subject').textContent = ticket.subject || '';
      document.title = '#' + ticket.number + ' ' + (ticket.subject || '') + ' · HelpDesk';
      setFact('status', [el('span', { class: 'badge status-' + ticket.status }, word(WORDS.status, ticket.status))]);
      setFact('priority', [el('span', { class: 'badge priority-' + ticket.priority }, word(WORDS.priority, ticket.priority))]);
      setFact('assignee', [ticket.assignee ? memberLabel(ticket.assignee) : el('span', { class: 'muted' }, 'Unassigned')]);
      setFact('agent', [ticket.agent ? ticket.agent.name : '—']);
      setFact('channel', [word(WORDS.channel, ticket.channel)]);
      if (ticket.requester) {
        const contact = [ticket.requester.email, ticket.requester.phone, ticket.requester.handle].filter(Boolean);
        setFact('requester', [ticket.requester.name || '',
          contact.length ? ' ' : '', contact.length ? el('span', { class: 'muted' }, contact.join(' · ')) : '']);
      }
      if (document.activeElement !== statusSelect) statusSelect.value = ticket.status;
      if (document.activeElement !== prioritySelect) prioritySelect.value = ticket.priority;
      const assigneeID = ticket.assignee ? ticket.assignee.id : '';
      if (assigneeID && !$$('option', assigneeSelect).some((option) => option.value === assigneeID)) {
        assigneeSelect.append(el('option', { value: assigneeID }, memberLabel(ticket.assignee)));
      }
      if (document.activeElement !== assigneeSelect) assigneeSelect.value = assigneeID;
      statusSelect.dataset.current = ticket.status;
      prioritySelect.dataset.current = ticket.priority;
      assigneeSelect.dataset.current = assigneeID;
      const pickupWasFocused = document.activeElement === pickup;
      pickup.hidden = !!ticket.assignee || ticket.status === 'resolved' || ticket.status === 'merged';
      if (pickupWasFocused && pickup.hidden) assigneeSelect.focus();
      if (Array.isArray(ticket.tags)) renderTags(ticket.tags);
    }

    // Tags: chips that take themselves off, and a field that puts one on (the team's tags suggested).
    const tagList = $('#ticket-tags');
    const tagForm = $('#tag-add');
    const tagInput = $('#tag-add-name');
    const tagError = $('#tag-error');
    function renderTags(names) {
      if (!tagList) return;
      const current = $$('.tag-item', tagList).map((item) => item.dataset.tag);
      if (current.length === names.length && current.every((name, index) => name === names[index])) return;
      const focusedTag = document.activeElement && document.activeElement.classList.contains('tag-remove')
        ? document.activeElement.dataset.tag : null;
      tagList.replaceChildren(...names.map((name) => el('li', { class: 'tag-item', 'data-testid': 'ticket-tag', 'data-tag': name },
        tagChip(name),
        el('button', { type: 'button', class: 'tag-remove button-quiet', 'data-tag': name, 'aria-label': 'Remove the tag ' + name }, '×'))));
      if (focusedTag !== null) {
        const again = $$('.tag-remove', tagList).find((button) => button.dataset.tag === focusedTag);
        (again || tagInput).focus();
      }
    }
    async function changeTag(method, name, control) {
      tagError.textContent = '';
      if (control) control.disabled = true;
      try {
        applyTicket(await api(method, base + '/tags/' + encodeURIComponent(name)));
        return true;
      } catch (failure) {
        tagError.textContent = problemOf(failure).detail;
        return false;
      } finally {
        if (control) control.disabled = false;
      }
    }
    if (tagForm) {
      tagForm.addEventListener('submit', async (event) => {
        event.preventDefault();
        const name = tagInput.value.trim();
        if (!name) { tagError.textContent = 'Type a tag’s name first.'; tagInput.focus(); return; }
        if (await changeTag('PUT', name, $('#tag-add-button'))) tagInput.value = '';
        tagInput.focus();
      });
      tagList.addEventListener('click', (event) => {
        const button = event.target.closest('.tag-remove');
        if (!button) return;
        changeTag('DELETE', button.dataset.tag, button).then((removed) => { if (removed) tagInput.focus(); });
      });
    }
    // Tags suggested at handoff: ✓ puts one on (the usual tagAdded), ✗ dismisses it; either way it goes.
    const suggestedTags = $('#tag-suggested');
    if (suggestedTags) {
      suggestedTags.addEventListener('click', async (event) => {
        const button = event.target.closest('.tag-suggestion-accept, .tag-suggestion-reject');
        if (!button) return;
        const verb = button.classList.contains('tag-suggestion-accept') ? 'accept' : 'reject';
        tagError.textContent = '';
        button.disabled = true;
        try {
          applyTicket(await api('POST', base + '/tag-suggestions/' + encodeURIComponent(button.dataset.tag) + '/' + verb));
          button.closest('.tag-suggestion').remove();
          if (!$('.tag-suggestion', suggestedTags)) suggestedTags.hidden = true;
          if (tagInput) tagInput.focus();
        } catch (failure) {
          tagError.textContent = problemOf(failure).detail;
          button.disabled = false;
        }
      });
    }

    function setHolder(id, name) {
      if (!chatLive) return;
      const focused = document.activeElement;
      takeover.hidden = !!id;
      release.hidden = !id || !(id === myId || canConfigure);
      chatState.textContent = !id ? 'The AI agent is answering the customer.'
        : id === myId ? 'You hold the chat; the AI is paused.' : (name || 'Someone') + ' holds the chat.';
      if (focused === takeover && takeover.hidden && !release.hidden) release.focus();
      if (focused === release && release.hidden && !takeover.hidden) takeover.focus();
    }

    // A change is saved when it is committed (`onCommit`), or on leaving the
    // field, so ArrowUp, ArrowDown saves nothing twice and cannot resolve a
    // ticket on the way.
    function bindSelect(select, field) {
      select.dataset.current = select.value;
      async function save() {
        const value = select.value;
        if (value === select.dataset.current) return;
        error.textContent = '';
        const change = {};
        change[field] = field === 'assigneeId' && value === '' ? null : value;
        try {
          applyTicket(await api('PATCH', base, change));
          select.dataset.current = select.value;
        } catch (failure) {
          select.value = select.dataset.current;
          error.textContent = problemOf(failure).detail;
        }
      }
      onCommit(select, save, () => { select.value = select.dataset.current; });
      select.addEventListener('blur', () => {
        if (select.value !== select.dataset.current) save();
      });
    }
    bindSelect(statusSelect, 'status');
    bindSelect(prioritySelect, 'priority');
    bindSelect(assigneeSelect, 'assigneeId');

    async function act(button, path, then) {
      error.textContent = '';
      button.disabled = true;
      try {
        applyTicket(await api('POST', base + path));
        if (then) then();
      } catch (failure) {
        error.textContent = problemOf(failure).detail;
      } finally {
        button.disabled = false;
      }
    }
    pickup.addEventListener('click', () => act(pickup, '/pickup'));
    // Merging goes to the target's page; undoing it reloads this one.
    async function mergeInto(into, button) {
      error.textContent = '';
      if (!Number.isInteger(into) || into < 1) {
        error.textContent = 'Enter the number of the ticket to merge into.';
        return;
      }
      button.disabled = true;
      try {
        const target = await api('POST', base + '/merge', { into });
        location.assign('/app/tickets/' + encodeURIComponent(target.number));
      } catch (failure) {
        error.textContent = problemOf(failure).detail;
      } finally {
        button.disabled = false;
      }
    }
    const mergeForm = $('#merge-form');
    if (mergeForm) {
      mergeForm.addEventListener('submit', (event) => {
        event.preventDefault();
        mergeInto(Number($('#merge-into').value), $('#merge-button'));
      });
    }
    for (const button of document.querySelectorAll('.merge-suggestion')) {
      button.addEventListener('click', () => mergeInto(Number(button.dataset.into), button));
    }
    const unmerge = $('#unmerge');
    // The undo works until the deadline the server wrote; past it the button goes, without a reload.
    const undoBox = $('#merge-undo');
    if (undoBox) {
      const until = parseTime(undoBox.dataset.undoUntil);
      const hideUndo = () => {
        undoBox.hidden = true;
        const final = $('#merge-final');
        if (final) final.hidden = false;
      };
      const left = until.getTime() - Date.now();
      if (isNaN(left) || left <= 0) hideUndo();
      else setTimeout(hideUndo, left);
    }
    if (unmerge) {
      unmerge.addEventListener('click', async () => {
        error.textContent = '';
        unmerge.disabled = true;
        try {
          await api('POST', base + '/unmerge');
          location.reload();
        } catch (failure) {
          error.textContent = problemOf(failure).detail;
        } finally {
          unmerge.disabled = false;
        }
      });
    }
    takeover.addEventListener('click', () => act(takeover, '/takeover', () => { setHolder(myId, myName); refreshChannels(); }));
    release.addEventListener('click', () => act(release, '/release', () => { setHolder('', ''); refreshChannels(); }));

    // The timeline.
    function appendEntry(entry) {
      if (!entry || entry.id === undefined) return null;
      const node = buildEntry(entry, agentName);
      const existing = document.getElementById('entry-' + entry.id);
      if (existing) existing.replaceWith(node);
      else timeline.append(node);
      return node;
    }

    // A failed delivery, queued again by its Retry button.
    timeline.addEventListener('click', async (event) => {
      const button = event.target.closest('.retry-delivery');
      if (!button) return;
      button.disabled = true;
      error.textContent = '';
      try {
        const entry = appendEntry(await api('POST', base + '/messages/' + encodeURIComponent(button.dataset.entryId) + '/retry'));
        if (entry) { const status = $('.delivery', entry); if (status) status.focus(); }
      } catch (failure) {
        error.textContent = problemOf(failure).detail;
        button.disabled = false;
      }
    });

    // The composer.
    function fillChannels(data) {
      const items = (data && data.items) || [];
      channelSelect.replaceChildren(...items.map((item) => el('option', { value: item.channel, disabled: !item.available },
        word(WORDS.channel, item.channel) + (item.to ? ' to ' + item.to : '') + (item.reason ? ' — ' + item.reason : ''))));
      if (data && data.default) channelSelect.value = data.default;
      else channelSelect.prepend(el('option', { value: '', selected: true }, 'No channel available now'));
      channelHint.textContent = data && data.default ? ''
        : 'No channel can reach this customer now; take over the chat or add a note.';
    }
    async function refreshChannels() {
      try { fillChannels(await api('GET', base + '/channels')); } catch (failure) { /* keep what is shown */ }
    }
    function setMode(next) {
      mode = next;
      form.dataset.mode = next;
      replyMode.setAttribute('aria-pressed', String(next === 'reply'));
      noteMode.setAttribute('aria-pressed', String(next === 'note'));
      $('#composer-channel-field').hidden = next !== 'reply';
      $('#composer-mention-field').hidden = next !== 'note';
      send.textContent = next === 'reply' ? 'Send reply' : 'Add note';
      $('#composer-body-label').textContent = next === 'reply' ? 'Reply to the customer' : 'Internal note (only your team sees it)';
      composerError.textContent = '';
    }
    replyMode.addEventListener('click', () => { setMode('reply'); retype(); input.focus(); });
    noteMode.addEventListener('click', () => { setMode('note'); retype(); input.focus(); });
    function go(step) {
      const next = neighbour(number, step);
      if (next) location.assign('/app/tickets/' + next);
      else error.textContent = step > 0 ? 'This is the last ticket of your inbox list.' : 'This is the first ticket of your inbox list.';
    }
    async function patch(change) {
      error.textContent = '';
      try { applyTicket(await api('PATCH', base, change)); } catch (failure) { error.textContent = problemOf(failure).detail; }
    }
    const ticketActions = {
      j: () => go(1), k: () => go(-1),
      r: () => { setMode('reply'); retype(); input.focus(); },
      n: () => { setMode('note'); retype(); input.focus(); },
      a: () => patch({ assigneeId: myId }),
      e: () => patch({ status: 'resolved' }),
    };
    setupShortcuts(ticketActions);
    paletteCommands.unshift(
      ['Reply to the customer', ticketActions.r], ['Write an internal note', ticketActions.n],
      ['Assign this ticket to me', ticketActions.a], ['Resolve this ticket', ticketActions.e],
      ['Next ticket', ticketActions.j], ['Previous ticket', ticketActions.k]);

    const files = setupAttachmentPicker(base + '/attachments');
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      composerError.textContent = '';
      const text = input.value;
      const waiting = files.problem();
      if (waiting) {
        composerError.textContent = waiting;
        return;
      }
      const attachmentIds = files.ids();
      if (!text.trim() && attachmentIds.length === 0) {
        composerError.textContent = mode === 'reply' ? 'Write a reply or attach a file first.' : 'Write a note or attach a file first.';
        input.focus();
        return;
      }
      const withFiles = attachmentIds.length ? attachmentIds : undefined;
      send.disabled = true;
      try {
        const entry = mode === 'reply'
          ? await api('POST', base + '/replies', { body: text, channel: channelSelect.value || undefined, attachmentIds: withFiles })
          : await api('POST', base + '/notes', { body: text, attachmentIds: withFiles });
        const node = appendEntry(entry);
        if (node) node.scrollIntoView({ block: 'nearest' });
        input.value = '';
        files.clear();
        typing(false);
      } catch (failure) {
        composerError.textContent = problemOf(failure).detail;
      } finally {
        send.disabled = false;
        input.focus();
      }
    });
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        if (form.requestSubmit) form.requestSubmit(); else send.click();
      }
    });

    // Presence: who else is here, and who is typing. A reply on the live chat (not a note) also
    // shows the customer "typing…" in the widget; the signal is repeated every 3 s while typing goes
    // on, because receivers drop one not repeated for 8 s.
    let typingNow = false;
    let typingSent = 0;
    let idle = null;
    let live = null;
    function presenceMessage() {
      return { type: 'presence', ticketNumber: number, typing: typingNow,
        reply: typingNow && mode === 'reply' && channelSelect.value === 'web' };
    }
    function typing(value) {
      clearTimeout(idle);
      if (value) idle = setTimeout(() => typing(false), 4000);
      if (value === typingNow && !(value && Date.now() - typingSent > 3000)) return;
      typingNow = value;
      typingSent = Date.now();
      if (live) live.send(presenceMessage());
    }
    function retype() {
      if (!typingNow) return;
      typingSent = 0;
      typing(true);
    }
    input.addEventListener('input', () => typing(input.value.trim() !== ''));
    input.addEventListener('blur', () => { if (typingNow) typing(false); });
    channelSelect.addEventListener('change', retype);

    // The customer typing in the widget, shown under the timeline until they stop (or 8 s pass).
    const customerTyping = $('#customer-typing');
    let customerIdle = null;
    function onCustomerTyping(message) {
      if (Number(message.ticketNumber) !== number) return;
      clearTimeout(customerIdle);
      customerTyping.hidden = !message.typing;
      if (message.typing) customerIdle = setTimeout(() => { customerTyping.hidden = true; }, 8000);
    }

    function onPresence(message) {
      if (Number(message.ticketNumber) !== number) return;
      const others = (message.members || []).filter((member) => member && member.id !== myId);
      presence.textContent = others
        .map((member) => (member.displayName || 'Someone') + (member.typing ? ' is typing…' : ' is viewing'))
        .join(' · ');
    }
    function onEntry(message) {
      if (!message.ticket || message.ticket.number !== number) return;
      applyTicket(message.ticket);
      const entry = message.entry;
      if (!entry) return;
      appendEntry(entry);
      if (entry.kind === 'event' && entry.event === 'takenOver' && entry.actor) {
        setHolder(entry.actor.id, entry.actor.name);
        refreshChannels();
      } else if (entry.kind === 'event' && entry.event === 'released') {
        setHolder('', '');
        refreshChannels();
      }
    }

    setupCannedPicker(input, number, composerError);

    // Text put in at the caret (a mention, an emoji), then the composer has the focus again.
    function insertText(text) {
      input.focus();
      input.setRangeText(text, input.selectionStart, input.selectionEnd, 'end');
      input.dispatchEvent(new Event('input'));
    }
    // @mentions: the picker inserts "@Name " (typing it works as well); the server alerts them.
    const mention = $('#composer-mention');
    onCommit(mention, () => {
      if (!mention.value) return;
      const before = input.value.slice(0, input.selectionStart);
      insertText((before && !/\s$/.test(before) ? ' ' : '') + '@' + mention.value + ' ');
      mention.value = '';
    }, () => { mention.value = ''; });
    // The emoji picker: a panel of buttons under the composer; Escape or a pick closes it.
    const emojiOpen = $('#emoji-open');
    const emojiPanel = $('#emoji-panel');
    function showEmoji(open) {
      emojiPanel.hidden = !open;
      emojiOpen.setAttribute('aria-expanded', String(open));
      if (open) $('button', emojiPanel).focus();
    }
    emojiOpen.addEventListener('click', () => showEmoji(emojiPanel.hidden));
    emojiPanel.addEventListener('click', (event) => {
      const button = event.target.closest('button[data-emoji]');
      if (!button) return;
      showEmoji(false);
      insertText(button.dataset.emoji);
    });
    emojiPanel.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') { event.preventDefault(); showEmoji(false); emojiOpen.focus(); }
    });

    // A note that mentions me, on this ticket or another: the same alert as new work.
    const alerts = setupAlerts(myId);
    refreshChannels();
    live = connectLive(body.dataset.after, {
      entry: (message) => {
        if (alerts.mentionsMe(message)) alerts.notify(message);
        onEntry(message);
      },
      presence: onPresence,
      customerTyping: onCustomerTyping,
      // A message's delivery state changed (sent, failed, queued again): shown in place.
      delivery: (message) => {
        if (message.ticket && message.ticket.number === number && message.entry) appendEntry(message.entry);
      },
      open: () => live && live.send(presenceMessage()),
    });
  }

  // ---------------------------------------------------------------- canned replies in the composer
  /**
   * The canned reply picker. `/` at the start of a line of the composer, or the
   * Canned replies button, opens a search box over the team's canned replies (a
   * combobox: the arrow keys move through the listbox, Enter inserts, Escape
   * closes). The reply chosen is filled for this ticket by the server and
   * inserted where the caret was; nothing is sent until the operator sends it.
   */
  function setupCannedPicker(input, ticketNumber, composerError) {
    const panel = $('#canned-panel');
    const search = $('#canned-search');
    const list = $('#canned-list');
    const status = $('#canned-status');
    const opener = $('#canned-open');
    if (!panel || !search || !list || !status || !opener) return;
    let replies = null; // the team's canned replies, as last loaded
    let shown = []; // those matching the search, in list order
    let active = -1; // the index in `shown` of the highlighted option
    let target = { start: 0, end: 0 }; // where in the composer the reply goes
    let bySlash = false; // opened by typing `/`: Escape gives the composer back what was typed
    let serial = 0; // the current opening, so a late answer does not fill a closed picker

    function optionID(reply) { return 'canned-option-' + reply.id; }
    /** The start of a body on one line, for the list. */
    function snippet(text) {
      const line = text.replace(/\s+/g, ' ').trim();
      return line.length > 160 ? line.slice(0, 160) + '…' : line;
    }

    function highlight() {
      $$('[role=option]', list).forEach((option, index) => option.setAttribute('aria-selected', String(index === active)));
      const option = active >= 0 ? document.getElementById(optionID(shown[active])) : null;
      if (option) {
        search.setAttribute('aria-activedescendant', option.id);
        option.scrollIntoView({ block: 'nearest' });
      } else {
        search.removeAttribute('aria-activedescendant');
      }
    }

    function render() {
      const query = search.value.trim().toLowerCase();
      const all = replies || [];
      const byTitle = all.filter((reply) => reply.title.toLowerCase().includes(query));
      const byText = query
        ? all.filter((reply) => !byTitle.includes(reply) && reply.body.toLowerCase().includes(query)) : [];
      shown = byTitle.concat(byText);
      active = shown.length ? Math.min(Math.max(active, 0), shown.length - 1) : -1;
      list.replaceChildren(...shown.map((reply) => {
        const option = el('li', {
          id: optionID(reply), role: 'option', class: 'canned-option', 'aria-selected': 'false',
          'data-testid': 'canned-option', 'data-reply-id': reply.id,
        },
        el('span', { class: 'canned-option-title' }, reply.title),
        el('span', { class: 'canned-option-text' }, snippet(reply.body)));
        option.addEventListener('click', () => { active = shown.indexOf(reply); highlight(); choose(reply); });
        return option;
      }));
      list.hidden = shown.length === 0;
      if (replies === null) status.textContent = 'Loading canned replies…';
      else if (all.length === 0) status.textContent = 'Your team has no canned replies yet. Owners and managers add them on the Canned replies page.';
      else if (shown.length === 0) status.textContent = 'No canned reply matches “' + search.value.trim() + '”.';
      else status.textContent = shown.length + (shown.length === 1 ? ' canned reply' : ' canned replies');
      highlight();
    }

    function setExpanded(open) {
      opener.setAttribute('aria-expanded', String(open));
      search.setAttribute('aria-expanded', String(open));
    }

    async function open(slash) {
      target = { start: input.selectionStart, end: input.selectionEnd };
      bySlash = slash;
      composerError.textContent = '';
      search.value = '';
      active = 0;
      panel.hidden = false;
      setExpanded(true);
      render();
      search.focus();
      const mine = ++serial;
      try {
        const result = await api('GET', '/api/v1/canned-replies');
        if (mine !== serial) return;
        replies = (result && Array.isArray(result.items)) ? result.items : [];
        render();
      } catch (failure) {
        if (mine === serial) status.textContent = 'Canned replies could not be loaded: ' + problemOf(failure).detail;
      }
    }

    /** Closes the picker; `giveBack` puts what was typed (the `/` and the search) into the composer. */
    function close(giveBack, refocus) {
      if (panel.hidden) return;
      serial += 1;
      panel.hidden = true;
      setExpanded(false);
      search.removeAttribute('aria-activedescendant');
      if (refocus) input.focus();
      if (giveBack) insert('/' + search.value);
      else if (refocus) input.setSelectionRange(target.start, target.end);
    }

    /** Puts `text` into the composer in place of the target range and moves the caret after it. */
    function insert(text) {
      const length = input.value.length;
      const start = Math.min(target.start, length);
      const end = Math.min(Math.max(target.end, start), length);
      input.focus();
      input.setRangeText(text, start, end, 'end');
      input.dispatchEvent(new Event('input', { bubbles: true }));
    }

    async function choose(reply) {
      if (!reply || search.getAttribute('aria-busy') === 'true') return;
      const mine = serial;
      search.setAttribute('aria-busy', 'true');
      status.textContent = 'Filling in “' + reply.title + '”…';
      try {
        const filled = await api('GET', '/api/v1/tickets/' + ticketNumber + '/canned-replies/' + encodeURIComponent(reply.id));
        if (mine !== serial) return;
        close(false, true);
        insert(filled && typeof filled.body === 'string' ? filled.body : '');
      } catch (failure) {
        if (mine === serial) status.textContent = '“' + reply.title + '” could not be inserted: ' + problemOf(failure).detail;
      } finally {
        search.removeAttribute('aria-busy');
      }
    }

    input.addEventListener('keydown', (event) => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
      const caret = input.selectionStart;
      if (caret !== input.selectionEnd || (caret > 0 && input.value[caret - 1] !== '\n')) return;
      event.preventDefault();
      open(true);
    });
    opener.addEventListener('click', () => {
      if (panel.hidden) open(false); else close(false, true);
    });
    search.addEventListener('input', () => { active = 0; render(); });
    search.addEventListener('keydown', (event) => {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        if (!shown.length) return;
        active = (active + (event.key === 'ArrowDown' ? 1 : -1) + shown.length) % shown.length;
        highlight();
      } else if (event.key === 'Enter') {
        event.preventDefault(); // never submits the composer
        choose(shown[active]);
      } else if (event.key === 'Escape') {
        event.preventDefault();
        close(bySlash, true);
      } else if (event.key === 'Backspace' && bySlash && search.value === '') {
        event.preventDefault(); // deletes the `/` that opened it
        close(false, true);
      }
    });
    // A pointer on an option keeps the focus in the search box; leaving the picker closes it.
    list.addEventListener('mousedown', (event) => event.preventDefault());
    panel.addEventListener('focusout', (event) => {
      if (!panel.contains(event.relatedTarget) && event.relatedTarget !== opener) close(false, false);
    });
  }

  // ---------------------------------------------------------------- tabs
  function setupTabs(tablist) {
    const tabs = $$('[role=tab]', tablist);
    function select(tab, focus) {
      for (const each of tabs) {
        const on = each === tab;
        each.setAttribute('aria-selected', String(on));
        each.tabIndex = on ? 0 : -1;
        const panel = document.getElementById(each.getAttribute('aria-controls'));
        if (panel) panel.hidden = !on;
      }
      if (focus) tab.focus();
    }
    tabs.forEach((tab, index) => {
      tab.addEventListener('click', () => select(tab, false));
      tab.addEventListener('keydown', (event) => {
        let next = null;
        if (event.key === 'ArrowRight') next = tabs[(index + 1) % tabs.length];
        else if (event.key === 'ArrowLeft') next = tabs[(index - 1 + tabs.length) % tabs.length];
        else if (event.key === 'Home') next = tabs[0];
        else if (event.key === 'End') next = tabs[tabs.length - 1];
        if (next) { event.preventDefault(); select(next, true); }
      });
    });
    const fromHash = tabs.find((tab) => '#' + tab.id.replace(/^tab-/, '') === location.hash);
    if (fromHash) select(fromHash, false);
    return {
      reveal(node) {
        const panel = node && node.closest('[role=tabpanel]');
        const tab = panel && tabs.find((each) => each.getAttribute('aria-controls') === panel.id);
        if (tab) select(tab, false);
      },
    };
  }

  // ---------------------------------------------------------------- settings
  function setupSettings() {
    const tabs = setupTabs($('#settings-tabs'));
    const form = $('#settings-form');
    const error = $('#settings-error');
    const status = $('#settings-status');
    const zones = $('#timezones');
    if (zones && typeof Intl.supportedValuesOf === 'function') {
      zones.replaceChildren(...Intl.supportedValuesOf('timeZone').map((zone) => el('option', { value: zone })));
    }
    setupCalendar(form);
    const copilotFields = $('#copilot-llm-fields');
    function syncCopilot() { if (copilotFields) copilotFields.hidden = !$('#copilot-llm').checked; }
    for (const radio of $$('input[name="copilot.mode"]', form)) radio.addEventListener('change', syncCopilot);
    /** The copilot settings to PUT, or null when the tab is not shown (operators, plans without the Help Desk). */
    function copilotData() {
      if (!copilotFields) return null;
      const data = {
        mode: $('#copilot-llm').checked ? 'llm' : 'builtin',
        baseURL: $('#copilot-base-url').value.trim() || null,
        model: $('#copilot-model').value.trim() || null,
      };
      const timeout = $('#copilot-timeout').value.trim();
      if (timeout) data.timeoutSeconds = /^[0-9]+$/.test(timeout) ? Number(timeout) : timeout;
      const remove = $('#copilot-api-key-remove');
      // The key is write-only: an empty field keeps the stored one, the checkbox removes it.
      if (remove && remove.checked) data.apiKey = '';
      else if ($('#copilot-api-key').value) data.apiKey = $('#copilot-api-key').value;
      return data;
    }
    function copilotSaved(saved) {
      $('#copilot-api-key').value = '';
      $('#copilot-api-key-hint').textContent = saved.apiKeySet
        ? 'A key is stored. Leave empty to keep it (a new base URL needs the key again).'
        : 'No key stored. Local servers such as Ollama need none.';
      const remove = $('#copilot-api-key-remove');
      if (remove) { remove.checked = false; remove.closest('.choice').hidden = !saved.apiKeySet; }
    }
    form.addEventListener('input', () => { status.textContent = ''; });
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      error.textContent = '';
      status.textContent = '';
      clearErrors(form);
      const method = $('input[name=assignment]:checked', form);
      const data = {
        calendar: calendarData(),
        sla: slaData(form),
        emailNotifications: $('#email-notifications').checked,
        assignment: method ? method.value : 'balanced',
        supportInbox: { enabled: $('#support-inbox-enabled').checked, address: $('#support-inbox-address').value.trim() || null },
      };
      if ($('#csat-fields')) {
        const delay = $('#csat-delay').value.trim();
        data.csat = {
          enabled: $('#csat-enabled').checked,
          question: $('#csat-question').value,
          delayMinutes: /^[0-9]+$/.test(delay) ? Number(delay) : delay,
        };
      }
      const save = $('#settings-save');
      save.disabled = true;
      try {
        await api('PUT', '/api/v1/settings', data);
        const copilot = copilotData();
        if (copilot) copilotSaved(await api('PUT', '/api/v1/settings/copilot', copilot));
        status.textContent = 'Saved.';
      } catch (failure) {
        const first = showProblem(form, failure, error);
        if (first) { tabs.reveal(first); first.focus(); }
      } finally {
        save.disabled = false;
      }
    });
  }

  /** The business calendar editor: rows of ranges per weekday and of holidays, added and removed here. */
  function setupCalendar(form) {
    const days = $('#calendar-days');
    if (!days) return;
    function rangeRow(dayName) {
      const input = (kind, label, placeholder) => el('input', {
        class: 'calendar-' + kind, 'aria-label': dayName + ' ' + label, placeholder, inputmode: 'numeric',
        pattern: '[0-9]{2}:[0-9]{2}', size: 5, required: true,
      });
      return el('div', { class: 'calendar-range' }, input('start', 'opens at', '09:00'), ' – ',
        input('end', 'closes at', '17:00'), ' ', removeButton('range'));
    }
    function removeButton(what) {
      return el('button', { type: 'button', class: 'button-quiet calendar-remove' },
        'Remove', el('span', { class: 'visually-hidden' }, ' ' + what));
    }
    function holidayRow() {
      return el('div', { class: 'calendar-holiday' },
        el('input', { type: 'date', class: 'holiday-date', 'aria-label': 'Date', required: true }), ' ',
        el('input', { class: 'holiday-name', 'aria-label': 'Name', placeholder: 'Christmas', required: true }), ' ',
        el('input', { class: 'holiday-reply', 'aria-label': 'Auto-reply (optional)', placeholder: 'The usual auto-reply' }), ' ',
        removeButton('holiday'), el('span', { class: 'field-error holiday-error' }));
    }
    form.addEventListener('click', (event) => {
      const button = event.target.closest('button');
      if (!button || !form.contains(button)) return;
      if (button.classList.contains('calendar-add-range')) {
        const day = button.closest('.calendar-day');
        const row = rangeRow($('.calendar-day-name', day).textContent);
        $('.calendar-ranges', day).append(row);
        $('input', row).focus();
      } else if (button.id === 'calendar-add-holiday') {
        const row = holidayRow();
        $('#calendar-holidays').append(row);
        $('input', row).focus();
      } else if (button.classList.contains('calendar-remove')) {
        button.closest('.calendar-range, .calendar-holiday').remove();
        form.dispatchEvent(new Event('input'));
      }
    });
  }
  /** The calendar to PUT, read from the editor; holiday rows learn their index for error messages. */
  function calendarData() {
    const weekly = {};
    for (const day of $$('.calendar-day')) {
      weekly[day.dataset.day] = $$('.calendar-range', day).map((row) => ({
        start: $('.calendar-start', row).value.trim(), end: $('.calendar-end', row).value.trim(),
      }));
    }
    const holidays = $$('.calendar-holiday').map((row, index) => {
      $('.holiday-error', row).dataset.errorFor = 'calendar.holidays[' + index + ']';
      const holiday = { date: $('.holiday-date', row).value, name: $('.holiday-name', row).value.trim() };
      const reply = $('.holiday-reply', row).value.trim();
      if (reply) holiday.autoReply = reply;
      return holiday;
    });
    return { timeZone: $('#cal-timezone').value.trim(), weekly, holidays };
  }
  /** The SLA policy to PUT: an empty field is no target; anything else is sent for the server to judge. */
  function slaData(form) {
    const number = (input) => {
      const text = input.value.trim();
      return /^[0-9]+$/.test(text) ? Number(text) : text;
    };
    const targets = {};
    for (const input of $$('input[name^="sla.targets."]', form)) {
      if (!input.value.trim()) continue;
      const [, , priority, field] = input.name.split('.');
      targets[priority] = targets[priority] || {};
      targets[priority][field] = number(input);
    }
    return { warningMinutes: number($('#sla-warning')), targets };
  }

  // ---------------------------------------------------------------- profile
  function setupProfile() {
    const form = $('#profile-form');
    const error = $('#profile-error');
    const status = $('#profile-status');
    form.addEventListener('input', () => { status.textContent = ''; });
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      error.textContent = '';
      status.textContent = '';
      clearErrors(form);
      const data = {
        displayName: $('#profile-display-name').value,
        sendingEmail: $('#profile-sending-email').value.trim() || null,
        signature: $('#profile-signature').value.trim() ? $('#profile-signature').value : null,
      };
      const save = $('#profile-save');
      save.disabled = true;
      try {
        const member = await api('PATCH', '/api/v1/me', data);
        const name = $('#member-name');
        if (name && member) name.textContent = member.displayName;
        status.textContent = 'Saved.';
      } catch (failure) {
        const first = showProblem(form, failure, error);
        if (first) first.focus();
      } finally {
        save.disabled = false;
      }
    });
  }

  function setupPassword() {
    const form = $('#password-form');
    if (!form) return;
    const error = $('#password-error');
    const status = $('#password-status');
    form.addEventListener('input', () => { status.textContent = ''; });
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      error.textContent = '';
      status.textContent = '';
      clearErrors(form);
      const save = $('#password-save');
      save.disabled = true;
      try {
        await api('POST', '/api/v1/me/password',
          { currentPassword: $('#password-current').value, newPassword: $('#password-new').value });
        form.reset();
        status.textContent = 'Password changed. Your other sessions have ended.';
      } catch (failure) {
        const first = showProblem(form, failure, error);
        if (first) first.focus();
      } finally {
        save.disabled = false;
      }
    });
    const everywhere = $('#logout-all');
    everywhere.addEventListener('click', async () => {
      everywhere.disabled = true;
      try { await api('POST', '/api/v1/auth/logout-all'); } catch (failure) { /* signed out either way */ }
      location.assign('/app/login');
    });
  }

  // ---------------------------------------------------------------- agents
  function setupAgents() {
    const status = $('#agents-status');
    const flash = sessionStorage.getItem('helpdesk-flash');
    if (flash && status) {
      status.textContent = flash;
      sessionStorage.removeItem('helpdesk-flash');
      // The page reloads where it was scrolled: bring the confirmation into view.
      status.tabIndex = -1;
      status.scrollIntoView({ block: 'center' });
      status.focus({ preventScroll: true });
    }
    function reloadWith(message) {
      sessionStorage.setItem('helpdesk-flash', message);
      location.reload();
    }

    for (const button of $$('.copy-snippet')) {
      const label = Array.from(button.childNodes, (node) => node.cloneNode(true));
      button.addEventListener('click', async () => {
        const code = document.getElementById(button.dataset.copy);
        if (!code) return;
        try {
          await navigator.clipboard.writeText(code.textContent);
          button.textContent = 'Copied';
        } catch (failure) {
          const range = document.createRange();
          range.selectNodeContents(code);
          const selection = window.getSelection();
          selection.removeAllRanges();
          selection.addRange(range);
          button.textContent = 'Selected: press Ctrl+C';
        }
        setTimeout(() => { button.replaceChildren(...label.map((node) => node.cloneNode(true))); }, 3000);
      });
    }

    // The two channel forms (a new channel, an existing one's): the origins, one per line, and the
    // pre-chat form, sent as `request` says.
    function originsForm(form, request, done) {
      form.addEventListener('submit', async (event) => {
        event.preventDefault();
        const summary = $('.error', form);
        summary.textContent = '';
        clearErrors(form);
        const origins = $('textarea', form).value.split(/[\n,]+/).map((line) => line.trim()).filter(Boolean);
        const button = $('button[type=submit]', form);
        button.disabled = true;
        try {
          await request({ allowedOrigins: origins, preChat: $('select[name=preChat]', form).value });
          reloadWith(done);
        } catch (failure) {
          const first = showProblem(form, failure, summary);
          if (first) first.focus();
          button.disabled = false;
        }
      });
    }
    for (const form of $$('.channel-form')) {
      originsForm(form, (config) => api('POST', '/api/v1/channels',
        { kind: 'web', agentId: form.dataset.agentId, config }),
      'Web channel created. Paste its snippet into your site.');
    }
    for (const form of $$('.channel-origins-form')) {
      originsForm(form, (config) => api('PATCH', '/api/v1/channels/' + encodeURIComponent(form.dataset.channelId),
        { config }), 'Channel saved. Open widgets follow at once.');
    }

    // A remove button: asks first, deletes, then reloads with what happened (or says why not).
    function removeButton(button, question, path, done, failed) {
      button.addEventListener('click', async () => {
        if (!window.confirm(question)) return;
        button.disabled = true;
        try {
          await api('DELETE', path);
          reloadWith(done);
        } catch (failure) {
          button.disabled = false;
          if (status) status.textContent = failed + problemOf(failure).detail;
        }
      });
    }
    // "Send a test mail": the SMTP server's own answer, or its refusal, beside the button.
    for (const button of $$('.test-mail')) {
      button.addEventListener('click', async () => {
        const line = $('.test-mail-status', button.closest('li'));
        button.disabled = true;
        line.textContent = 'Sending…';
        try {
          const sent = await api('POST', '/api/v1/channels/' + encodeURIComponent(button.dataset.channelId) + '/test-mail');
          line.textContent = 'Sent to ' + sent.to + '. The server answered: ' + sent.reply;
        } catch (failure) {
          line.textContent = problemOf(failure).detail;
        } finally {
          button.disabled = false;
        }
      });
    }
    for (const button of $$('.channel-delete')) {
      const question = {
        telegram: 'Remove this Telegram bot? Telegram stops sending its messages here.',
        whatsapp: 'Remove this WhatsApp number? Its notifications are refused from now on.',
        email: 'Remove this email channel? Replies by email stop leaving and inbound mail is refused.',
      }[button.dataset.kind] || 'Remove this web channel? Pages that embed its snippet stop showing the widget.';
      removeButton(button, question,
      '/api/v1/channels/' + encodeURIComponent(button.dataset.channelId), 'Channel removed.', 'Not removed: ');
    }
    // Connecting a Telegram bot or a WhatsApp number: the secrets go to the server once and are never shown again.
    for (const form of $$('.provider-form')) {
      form.addEventListener('submit', async (event) => {
        event.preventDefault();
        const summary = $('.error', form);
        summary.textContent = '';
        clearErrors(form);
        const config = {};
        for (const input of $$('input[name], select[name]', form)) {
          const raw = input.value.trim();
          // Optional fields left empty are left out (the base URL falls back to the provider's own).
          if (!raw && (input.name === 'apiBaseURL' || input.name.startsWith('smtp.'))) continue;
          const value = input.type === 'number' ? Number(raw) : raw;
          // "smtp.host" and the like go into the nested smtp object.
          const [head, tail] = input.name.split('.');
          if (tail) config[head] = Object.assign(config[head] || {}, { [tail]: value });
          else config[head] = value;
        }
        const button = $('button[type=submit]', form);
        button.disabled = true;
        try {
          const created = await api('POST', '/api/v1/channels', { kind: form.dataset.kind, agentId: form.dataset.agentId, config });
          // An email channel's inbound secret is shown this once.
          reloadWith(form.dataset.done + (created && created.inboundSecret
            ? ' Its inbound secret, shown only now — copy it for your mail provider: ' + created.inboundSecret : ''));
        } catch (failure) {
          const first = showProblem(form, failure, summary);
          if (first) first.focus();
          button.disabled = false;
        }
      });
    }
    for (const button of $$('.agent-delete')) {
      const name = button.dataset.agentName || 'this agent';
      removeButton(button, 'Delete ' + name + ' and its channels? Its tickets stay.',
        '/api/v1/agents/' + encodeURIComponent(button.dataset.agentId), 'Deleted ' + name + '.', 'Not deleted: ');
    }

    const editor = $('#agent-editor');
    if (!editor) return;
    const form = $('#agent-form');
    const error = $('#agent-error');
    const faqList = $('#faq-list');
    const llmFields = $('#llm-fields');
    const handoverFields = $('#handover-fields');
    const handoverEnabled = $('#handover-enabled');
    let editing = null;
    let faqSerial = 0;

    function syncBrain() { llmFields.hidden = !$('#brain-llm').checked; }
    function syncHandover() { handoverFields.hidden = !handoverEnabled.checked; }
    for (const radio of $$('input[name=brain]', form)) radio.addEventListener('change', syncBrain);
    handoverEnabled.addEventListener('change', syncHandover);

    function renumberFaq() {
      $$('.faq-entry', faqList).forEach((item, index) => {
        $('.faq-question-error', item).dataset.errorFor = 'faq[' + index + '].question';
        $('.faq-answer-error', item).dataset.errorFor = 'faq[' + index + '].answer';
        $('.faq-entry-error', item).dataset.errorFor = 'faq[' + index + ']';
        $('.faq-remove', item).textContent = 'Remove question ' + (index + 1);
      });
    }
    function addFaq(question, answer) {
      faqSerial += 1;
      const questionID = 'faq-question-' + faqSerial;
      const answerID = 'faq-answer-' + faqSerial;
      const remove = el('button', { type: 'button', class: 'button-quiet faq-remove' }, 'Remove');
      const item = el('li', { class: 'faq-entry' },
        el('div', { class: 'field' }, el('label', { for: questionID }, 'Question'),
          el('input', { id: questionID, class: 'faq-question' }),
          el('span', { class: 'field-error faq-question-error' })),
        el('div', { class: 'field' }, el('label', { for: answerID }, 'Answer'),
          el('textarea', { id: answerID, class: 'faq-answer', rows: 2 }),
          el('span', { class: 'field-error faq-answer-error' })),
        el('span', { class: 'field-error faq-entry-error' }),
        remove);
      $('.faq-question', item).value = question || '';
      $('.faq-answer', item).value = answer || '';
      remove.addEventListener('click', () => {
        const next = item.nextElementSibling || item.previousElementSibling;
        item.remove();
        renumberFaq();
        (next ? $('.faq-question', next) : $('#faq-add')).focus();
      });
      faqList.append(item);
      renumberFaq();
      return item;
    }
    $('#faq-add').addEventListener('click', () => { $('.faq-question', addFaq('', '')).focus(); });

    function open(agent) {
      editing = agent ? agent.id : null;
      form.reset();
      clearErrors(form);
      error.textContent = '';
      faqList.replaceChildren();
      $('#agent-editor-title').textContent = agent ? 'Edit ' + agent.name : 'New agent';
      const brain = (agent && agent.brain) || { kind: 'builtin' };
      $('#agent-name').value = agent ? agent.name : '';
      $('#agent-instructions').value = agent ? agent.instructions || '' : '';
      $(brain.kind === 'llm' ? '#brain-llm' : '#brain-builtin').checked = true;
      $('#brain-base-url').value = brain.baseURL || '';
      $('#brain-model').value = brain.model || '';
      $('#brain-api-key').value = '';
      $('#brain-api-key-hint').textContent = brain.apiKeySet === 'true'
        ? 'A key is stored. Leave empty to keep it.' : 'No key stored. Local servers such as Ollama need none.';
      for (const entry of (agent && agent.faq) || []) addFaq(entry.question, entry.answer);
      const handover = agent ? agent.supportHandover : null;
      handoverEnabled.checked = agent ? !!handover : true;
      if (handover) {
        $('#handover-when').value = handover.whenToUse || '';
        $('#handover-priority').value = handover.defaultPriority || 'normal';
        $('#handover-threshold').value = String(handover.messageThreshold || 0);
        $('#handover-button').checked = !!handover.humanButton;
        $('#handover-waiting').value = handover.waitingLabel || '';
        $('#handover-connected').value = handover.connectedLabel || '';
        $('#handover-auto-reply').value = handover.autoReplyMessage || '';
        $('#handover-resolved').value = handover.resolvedMessage || '';
      }
      syncBrain();
      syncHandover();
      editor.hidden = false;
      editor.scrollIntoView({ block: 'start' });
      $('#agent-name').focus();
    }
    function close() {
      editor.hidden = true;
      const back = editing ? $('.agent-edit[data-agent-id="' + CSS.escape(editing) + '"]') : $('#agent-new');
      editing = null;
      if (back) back.focus();
    }

    const newButton = $('#agent-new');
    if (newButton) newButton.addEventListener('click', () => open(null));
    $('#agent-cancel').addEventListener('click', close);
    editor.addEventListener('keydown', (event) => { if (event.key === 'Escape') close(); });
    for (const button of $$('.agent-edit')) {
      button.addEventListener('click', async () => {
        button.disabled = true;
        try {
          open(await api('GET', '/api/v1/agents/' + encodeURIComponent(button.dataset.agentId)));
          editing = button.dataset.agentId;
        } catch (failure) {
          if (status) status.textContent = problemOf(failure).detail;
        } finally {
          button.disabled = false;
        }
      });
    }

    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      error.textContent = '';
      clearErrors(form);
      const llm = $('#brain-llm').checked;
      const brain = llm
        ? { kind: 'llm', baseURL: $('#brain-base-url').value.trim(), model: $('#brain-model').value.trim() }
        : { kind: 'builtin' };
      if (llm && $('#brain-api-key').value) brain.apiKey = $('#brain-api-key').value;
      const faq = $$('.faq-entry', faqList)
        .map((item) => ({ question: $('.faq-question', item).value, answer: $('.faq-answer', item).value }));
      const data = {
        name: $('#agent-name').value, instructions: $('#agent-instructions').value, brain, faq, supportHandover: null,
      };
      if (handoverEnabled.checked) {
        const threshold = Number($('#handover-threshold').value || '0');
        if (!Number.isInteger(threshold)) {
          const slot = errorSlot(form, 'supportHandover.messageThreshold');
          slot.textContent = 'must be a whole number, 0 or more';
          $('#handover-threshold').focus();
          return;
        }
        data.supportHandover = {
          whenToUse: $('#handover-when').value, defaultPriority: $('#handover-priority').value,
          humanButton: $('#handover-button').checked, messageThreshold: threshold,
          waitingLabel: $('#handover-waiting').value, connectedLabel: $('#handover-connected').value,
          autoReplyMessage: $('#handover-auto-reply').value, resolvedMessage: $('#handover-resolved').value,
        };
      }
      const save = $('#agent-save');
      save.disabled = true;
      try {
        const agent = editing
          ? await api('PUT', '/api/v1/agents/' + encodeURIComponent(editing), data)
          : await api('POST', '/api/v1/agents', data);
        reloadWith('Saved ' + (agent && agent.name ? agent.name : 'the agent') + '.');
      } catch (failure) {
        const first = showProblem(form, failure, error);
        if (first) first.focus();
        save.disabled = false;
      }
    });
  }

  // ---------------------------------------------------------------- canned replies page
  function setupCannedReplies() {
    const status = $('#canned-replies-status');
    const flash = sessionStorage.getItem('helpdesk-flash');
    if (flash && status) { status.textContent = flash; sessionStorage.removeItem('helpdesk-flash'); }
    function reloadWith(message) {
      sessionStorage.setItem('helpdesk-flash', message);
      location.reload();
    }
    const editor = $('#canned-editor');
    if (!editor) return; // operators read the list only
    const form = $('#canned-form');
    const error = $('#canned-error');
    const title = $('#canned-title');
    const text = $('#canned-body');
    let editing = null;

    function open(reply) {
      editing = reply ? reply.id : null;
      form.reset();
      clearErrors(form);
      error.textContent = '';
      $('#canned-editor-title').textContent = reply ? 'Edit “' + reply.title + '”' : 'New canned reply';
      title.value = reply ? reply.title : '';
      text.value = reply ? reply.body : '';
      editor.hidden = false;
      editor.scrollIntoView({ block: 'start' });
      title.focus();
    }
    function close() {
      editor.hidden = true;
      const back = editing ? $('.canned-edit[data-reply-id="' + CSS.escape(editing) + '"]') : $('#canned-new');
      editing = null;
      if (back) back.focus();
    }

    const newButton = $('#canned-new');
    if (newButton) newButton.addEventListener('click', () => open(null));
    $('#canned-cancel').addEventListener('click', close);
    editor.addEventListener('keydown', (event) => { if (event.key === 'Escape') close(); });

    for (const button of $$('.canned-edit')) {
      button.addEventListener('click', async () => {
        button.disabled = true;
        try {
          const result = await api('GET', '/api/v1/canned-replies');
          const reply = ((result && result.items) || []).find((item) => item.id === button.dataset.replyId);
          if (reply) open(reply);
          else status.textContent = 'That canned reply was deleted meanwhile; reload the page.';
        } catch (failure) {
          status.textContent = problemOf(failure).detail;
        } finally {
          button.disabled = false;
        }
      });
    }
    for (const button of $$('.canned-delete')) {
      button.addEventListener('click', async () => {
        const name = button.dataset.title || 'this canned reply';
        if (!window.confirm('Delete the canned reply “' + name + '”? Messages already sent with it stay as they are.')) return;
        button.disabled = true;
        try {
          await api('DELETE', '/api/v1/canned-replies/' + encodeURIComponent(button.dataset.replyId));
          reloadWith('Deleted “' + name + '”.');
        } catch (failure) {
          status.textContent = problemOf(failure).detail;
          button.disabled = false;
        }
      });
    }

    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      error.textContent = '';
      clearErrors(form);
      const data = { title: title.value, body: text.value };
      const save = $('#canned-save');
      save.disabled = true;
      try {
        const reply = editing
          ? await api('PUT', '/api/v1/canned-replies/' + encodeURIComponent(editing), data)
          : await api('POST', '/api/v1/canned-replies', data);
        reloadWith('Saved “' + (reply && reply.title ? reply.title : data.title) + '”.');
      } catch (failure) {
        const problem = problemOf(failure);
        if (problem.status === 409) {
          // A title the team already uses: say so at the title.
          problem.errors = [{ field: 'title', message: problem.detail }];
        }
        const first = showProblem(form, problem, error);
        if (first) first.focus();
        save.disabled = false;
      }
    });
  }

  // ---------------------------------------------------------------- tags page
  // ---------------------------------------------------------------- audit log
  // The export is GET /api/v1/audit with Accept: text/csv (a link cannot set that header), saved as a file.
  function setupAuditLog() {
    const link = $('#audit-export');
    if (!link) return;
    link.addEventListener('click', async (event) => {
      event.preventDefault();
      appStatus('Preparing the CSV…');
      try {
        const response = await fetch(link.href, { headers: { Accept: 'text/csv' }, credentials: 'same-origin' });
        if (!response.ok) throw new Error('the server answered ' + response.status);
        const url = URL.createObjectURL(await response.blob());
        const save = document.createElement('a');
        save.href = url;
        save.download = 'audit-log.csv';
        document.body.appendChild(save);
        save.click();
        save.remove();
        setTimeout(() => URL.revokeObjectURL(url), 10000);
        appStatus('');
      } catch (failure) {
        appStatus('The export failed: ' + failure.message);
      }
    });
  }

  function setupTags() {
    const status = $('#tags-status');
    const flash = sessionStorage.getItem('helpdesk-flash');
    if (flash && status) { status.textContent = flash; sessionStorage.removeItem('helpdesk-flash'); }
    function reloadWith(message) {
      sessionStorage.setItem('helpdesk-flash', message);
      location.reload();
    }
    const form = $('#tag-form');
    if (!form) return; // operators read the list only
    const error = $('#tag-error');
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      error.textContent = '';
      clearErrors(form);
      const save = $('#tag-save');
      save.disabled = true;
      try {
        const tag = await api('POST', '/api/v1/tags', { name: $('#tag-name').value, color: $('#tag-color').value });
        reloadWith('Added the tag “' + tag.name + '”.');
      } catch (failure) {
        const problem = problemOf(failure);
        // A name the team already has: say so at the name.
        if (problem.status === 409) problem.errors = [{ field: 'name', message: problem.detail }];
        const first = showProblem(form, problem, error);
        if (first) first.focus();
        save.disabled = false;
      }
    });
    for (const input of $$('.tag-color')) {
      input.addEventListener('change', async () => {
        const name = input.dataset.tag;
        status.textContent = '';
        input.disabled = true;
        try {
          const tag = await api('PUT', '/api/v1/tags/' + encodeURIComponent(name), { color: input.value });
          const chip = $('.tag-chip', input.closest('.tag-row'));
          if (chip) { chip.dataset.color = tag.color; chip.style.setProperty('--tag-color', tag.color); }
          status.textContent = 'The tag “' + name + '” is now ' + tag.color + '.';
        } catch (failure) {
          status.textContent = problemOf(failure).detail;
        } finally {
          input.disabled = false;
        }
      });
    }
    for (const button of $$('.tag-delete')) {
      button.addEventListener('click', async () => {
        const name = button.dataset.tag;
        if (!window.confirm('Delete the tag “' + name + '”? It is taken off every ticket that has it.')) return;
        button.disabled = true;
        try {
          await api('DELETE', '/api/v1/tags/' + encodeURIComponent(name));
          reloadWith('Deleted the tag “' + name + '”.');
        } catch (failure) {
          status.textContent = problemOf(failure).detail;
          button.disabled = false;
        }
      });
    }
  }

  function setupWebhooks() {
    const status = $('#webhooks-status');
    const flash = sessionStorage.getItem('helpdesk-flash');
    if (flash && status) { status.textContent = flash; sessionStorage.removeItem('helpdesk-flash'); }
    function reloadWith(message) {
      sessionStorage.setItem('helpdesk-flash', message);
      location.reload();
    }
    // A new secret is shown once, as text; Done reloads the list.
    const secretBox = $('#webhook-secret');
    function showSecret(secret, message) {
      $('#webhook-secret-value').textContent = secret;
      secretBox.hidden = false;
      status.textContent = message;
      $('#webhook-secret-done').focus();
    }
    const done = $('#webhook-secret-done');
    if (done) done.addEventListener('click', () => location.reload());
    const allow = $('#webhook-private');
    if (allow) {
      allow.addEventListener('change', async () => {
        allow.disabled = true;
        try {
          const settings = await api('PUT', '/api/v1/settings/webhooks', { allowPrivateTargets: allow.checked });
          status.textContent = settings.allowPrivateTargets ? 'Private targets are allowed.' : 'Private targets are refused.';
        } catch (failure) {
          allow.checked = !allow.checked;
          status.textContent = problemOf(failure).detail;
        } finally {
          allow.disabled = false;
        }
      });
    }
    const form = $('#webhook-form');
    if (form) {
      const error = $('#webhook-error');
      form.addEventListener('submit', async (event) => {
        event.preventDefault();
        error.textContent = '';
        clearErrors(form);
        const save = $('#webhook-save');
        save.disabled = true;
        try {
          const events = $$('input[name="events"]', form).filter((box) => box.checked).map((box) => box.value);
          const body = { url: $('#webhook-url').value.trim(), events: events };
          const description = $('#webhook-description').value.trim();
          if (description) body.description = description;
          const created = await api('POST', '/api/v1/webhooks', body);
          form.reset();
          showSecret(created.secret, 'Added the webhook to ' + created.url + '.');
        } catch (failure) {
          const first = showProblem(form, problemOf(failure), error);
          if (first) first.focus();
        } finally {
          save.disabled = false;
        }
      });
    }
    for (const button of $$('.webhook-toggle')) {
      button.addEventListener('click', async () => {
        button.disabled = true;
        try {
          const active = button.dataset.active !== 'true';
          await api('PATCH', '/api/v1/webhooks/' + encodeURIComponent(button.dataset.webhook), { active: active });
          reloadWith(active ? 'The webhook is active again.' : 'The webhook is paused.');
        } catch (failure) {
          status.textContent = problemOf(failure).detail;
          button.disabled = false;
        }
      });
    }
    for (const button of $$('.webhook-rotate')) {
      button.addEventListener('click', async () => {
        if (!window.confirm('Replace the signing secret? Deliveries are signed with the new one at once.')) return;
        button.disabled = true;
        try {
          const rotated = await api('POST', '/api/v1/webhooks/' + encodeURIComponent(button.dataset.webhook) + '/rotate-secret');
          showSecret(rotated.secret, 'The webhook has a new signing secret.');
        } catch (failure) {
          status.textContent = problemOf(failure).detail;
        } finally {
          button.disabled = false;
        }
      });
    }
    for (const button of $$('.webhook-delete')) {
      button.addEventListener('click', async () => {
        if (!window.confirm('Delete this webhook? Deliveries not sent yet are dropped.')) return;
        button.disabled = true;
        try {
          await api('DELETE', '/api/v1/webhooks/' + encodeURIComponent(button.dataset.webhook));
          reloadWith('Deleted the webhook.');
        } catch (failure) {
          status.textContent = problemOf(failure).detail;
          button.disabled = false;
        }
      });
    }
    for (const button of $$('.webhook-replay')) {
      button.addEventListener('click', async () => {
        button.disabled = true;
        try {
          await api('POST', '/api/v1/webhooks/' + encodeURIComponent(button.dataset.webhook) + '/deliveries/' +
            encodeURIComponent(button.dataset.delivery) + '/replay');
          reloadWith('Queued the delivery again.');
        } catch (failure) {
          status.textContent = problemOf(failure).detail;
          button.disabled = false;
        }
      });
    }
  }

  // ---------------------------------------------------------------- start
  function start() {
    showTimes(document);
    setInterval(showCountdowns, 30000);
    paintTagChips(document);
    if (page === 'login') { setupLogin(); return; }
    setupHeader();
    setupPalette();
    setupCopilot();
    if (page === 'inbox') setupInbox();
    else if (page === 'ticket') setupTicket();
    else if (page === 'settings') setupSettings();
    else if (page === 'agents') setupAgents();
    else if (page === 'canned-replies') setupCannedReplies();
    else if (page === 'tags') setupTags();
    else if (page === 'audit-log') setupAuditLog();
    else if (page === 'webhooks') setupWebhooks();
    else if (page === 'profile') { setupProfile(); setupPassword(); }
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();