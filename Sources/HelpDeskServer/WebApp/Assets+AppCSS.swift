extension WebApp.Assets {
    /// `/assets/app.css`: one small style sheet; phones first, wider screens widen.
    static let appCSS = #"""
:root {
  --ink: #1c2330; --muted: #5b6575; --line: #d8dde6; --bg: #f5f7fa; --card: #fff;
  --accent: #1f5fd1; --accent-ink: #fff; --focus: #f0a500; --danger: #b42318; --ok: #1f7a3a;
  --note: #fff7d6; --note-line: #e8cf6a; --handoff: #eaf1ff; --radius: 8px;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; font-size: 16px; line-height: 1.45;
  color: var(--ink); background: var(--bg);
}
* { box-sizing: border-box; }
body { margin: 0; }
[hidden] { display: none !important; }
a { color: var(--accent); }
h1 { font-size: 1.5rem; margin: 0 0 .75rem; }
h2 { font-size: 1.2rem; margin: 1.25rem 0 .5rem; }
h3 { font-size: 1rem; margin: 1rem 0 .4rem; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .9em; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.visually-hidden { position: absolute !important; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.skip-link { position: absolute; left: -999px; top: .5rem; background: var(--card); padding: .5rem .75rem; z-index: 10; }
.skip-link:focus { left: .5rem; }
.muted { color: var(--muted); }
.hint { color: var(--muted); font-size: .85rem; }
.error { color: var(--danger); margin: .25rem 0; }
.error:empty, .field-error:empty, .app-status:empty, .presence:empty, .saved:empty, .status:empty { display: none; }
.field-error { display: block; color: var(--danger); font-size: .9rem; }
.saved { color: var(--ok); }

button, .button { font: inherit; padding: .45rem .9rem; border-radius: var(--radius); border: 1px solid var(--line);
  background: var(--card); color: var(--ink); cursor: pointer; min-height: 2.5rem; }
button:hover { border-color: var(--accent); }
button:disabled { opacity: .55; cursor: not-allowed; }
.button-primary { background: var(--accent); color: var(--accent-ink); border-color: var(--accent); }
.button-quiet { background: transparent; }
input, select, textarea { font: inherit; padding: .45rem .6rem; border: 1px solid #aab3c2; border-radius: var(--radius);
  background: #fff; color: var(--ink); max-width: 100%; min-height: 2.5rem; }
textarea { width: 100%; resize: vertical; }
input[type=checkbox], input[type=radio] { min-height: auto; width: 1.1rem; height: 1.1rem; margin: .2rem .5rem 0 0; flex: none; }
.field { display: flex; flex-direction: column; gap: .2rem; margin-bottom: .5rem; }
.field label { font-weight: 600; font-size: .9rem; }
.field-grow { flex: 1 1 14rem; }
.field-grow input { width: 100%; }
.choice { display: flex; align-items: flex-start; margin: .35rem 0; }
.row { display: flex; flex-wrap: wrap; gap: .75rem; }
.stack > * + * { margin-top: .5rem; }
fieldset.group { border: 1px solid var(--line); border-radius: var(--radius); padding: .75rem 1rem; margin: 0 0 1rem; background: var(--card); }
fieldset.group legend { font-weight: 700; padding: 0 .3rem; }
fieldset.plain { border: 0; padding: 0; margin: 0; min-width: 0; }
.form-actions { display: flex; gap: .75rem; align-items: center; flex-wrap: wrap; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: var(--radius); padding: 1rem; margin-bottom: 1rem; }
.notice { background: var(--card); border: 1px solid var(--line); border-left: 4px solid var(--accent); border-radius: var(--radius); padding: .75rem 1rem; margin: 0 0 1rem; }
.plain-list { list-style: none; padding: 0; margin: 0; }
.plain-list > li { padding: .4rem 0; border-bottom: 1px solid var(--line); }

/* Header */
.topbar { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 1rem; padding: .5rem 1rem;
  background: #16233b; color: #fff; }
.topbar a { color: #fff; }
.brand { font-weight: 800; text-decoration: none; letter-spacing: .02em; }
.mainnav ul { list-style: none; display: flex; flex-wrap: wrap; gap: .25rem; margin: 0; padding: 0; }
.mainnav a { display: inline-block; padding: .35rem .6rem; border-radius: var(--radius); text-decoration: none; }
.mainnav a[aria-current=page] { background: rgba(255,255,255,.16); font-weight: 700; }
.mainnav a:hover { background: rgba(255,255,255,.1); }
.me { margin-left: auto; display: flex; flex-wrap: wrap; align-items: center; gap: .5rem; }
.me-team { opacity: .75; font-size: .9rem; }
.me select { min-height: 2.2rem; padding: .25rem .4rem; }
.me .button-quiet { color: #fff; border-color: rgba(255,255,255,.4); min-height: 2.2rem; }
.availability { display: inline-flex; align-items: center; gap: .35rem; }
.availability-dot { width: .7rem; height: .7rem; border-radius: 50%; background: #8a94a6; display: inline-block; }
.availability-dot[data-availability=online] { background: #2fbf62; }
.availability-dot[data-availability=away] { background: #f0a500; }
.availability-dot[data-availability=busy] { background: #e5484d; }
.app-status { margin: 0; padding: .5rem 1rem; background: #fff4f2; color: var(--danger); border-bottom: 1px solid #f3c5bd; }
main { padding: 1rem; max-width: 80rem; margin: 0 auto; }
main:focus { outline: none; }
.page-head { display: flex; align-items: center; justify-content: space-between; gap: 1rem; flex-wrap: wrap; }

/* Login */
.login { max-width: 24rem; margin-top: 8vh; }
.login .brand { color: var(--accent); margin-right: .3rem; }
.login input { width: 100%; }
.login button { width: 100%; }

/* Inbox */
.tabs { display: flex; flex-wrap: wrap; gap: .25rem; border-bottom: 1px solid var(--line); margin-bottom: .75rem; }
.tab { padding: .5rem .8rem; text-decoration: none; color: var(--ink); border-bottom: 3px solid transparent; }
.tab[aria-current=page] { border-bottom-color: var(--accent); font-weight: 700; }
.count { display: inline-block; min-width: 1.6rem; padding: 0 .4rem; border-radius: 999px; background: #e4e8ef; font-size: .8rem; text-align: center; }
.count:empty { display: none; }
.filters { display: flex; flex-wrap: wrap; gap: .5rem .75rem; align-items: flex-end; margin-bottom: .75rem; }
.filter-actions { display: flex; gap: .5rem; align-items: center; margin-bottom: .5rem; }
.table-wrap { overflow-x: auto; }
table.inbox { width: 100%; border-collapse: collapse; background: var(--card); border: 1px solid var(--line); border-radius: var(--radius); }
.inbox th, .inbox td { text-align: left; padding: .5rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
.inbox th { font-size: .8rem; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
.inbox tbody tr:hover { background: #f0f4fb; }
.inbox tr.fresh { animation: fresh 2s ease-out; }
@keyframes fresh { from { background: #fff3c4; } to { background: transparent; } }
.inbox .subject a { font-weight: 600; }
.empty { color: var(--muted); padding: 1rem 0; }
.load-more { text-align: center; }

.badge { display: inline-block; padding: .05rem .5rem; border-radius: 999px; font-size: .8rem; font-weight: 600; background: #e4e8ef; color: var(--ink); white-space: nowrap; }
.status-open { background: #dcebff; color: #123f8c; }
.status-pending { background: #fff0c2; color: #6b4e00; }
.status-resolved { background: #dff3e4; color: #1f5f33; }
.priority-low { background: #eceff3; color: #4a5363; }
.priority-normal { background: #e4e8ef; }
.priority-high { background: #ffe3cc; color: #8a3b00; }
.priority-urgent { background: #ffd6d6; color: #8f1111; }

/* Ticket */
.crumbs { margin: 0 0 .5rem; }
.ticket-head h1 { overflow-wrap: anywhere; }
.ticket-number { color: var(--muted); }
dl.facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr)); gap: .5rem 1rem; margin: 0 0 1rem; }
dl.facts dt { font-size: .8rem; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
.controls { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: flex-end; background: var(--card);
  border: 1px solid var(--line); border-radius: var(--radius); padding: .75rem 1rem; }
.controls .actions { display: flex; flex-wrap: wrap; gap: .5rem; margin-bottom: .5rem; }
.chat-state { flex-basis: 100%; margin: 0; color: var(--muted); }
.controls .error { flex-basis: 100%; }
.presence { margin: .5rem 0; color: var(--accent); font-style: italic; }
.timeline { list-style: none; margin: 0; padding: 0; }
.entry { background: var(--card); border: 1px solid var(--line); border-radius: var(--radius); padding: .6rem .8rem; margin-bottom: .5rem; }
.entry-head { display: flex; flex-wrap: wrap; gap: .25rem .5rem; align-items: baseline; font-size: .9rem; }
.entry .author { font-weight: 700; }
.entry .role { color: var(--muted); }
.entry time { color: var(--muted); font-size: .85rem; }
.entry .body { white-space: pre-wrap; overflow-wrap: anywhere; margin: .35rem 0 0; }
.entry.author-customer { border-left: 4px solid #8a94a6; }
.entry.author-ai { border-left: 4px solid #7c5cd6; }
.entry.author-operator { border-left: 4px solid var(--accent); margin-left: 1.5rem; }
.entry.author-system { border-left: 4px solid #c2c8d2; color: var(--muted); }
.entry.note { background: var(--note); border-color: var(--note-line); border-style: dashed; }
.note-badge { background: var(--note-line); color: #4d3b00; }
.entry.event { background: transparent; border: 0; padding: .2rem .8rem; color: var(--muted); font-size: .9rem; }
.entry.event .event-text { margin: 0; }
.entry.event.handoff { background: var(--handoff); border: 1px solid #b9cdf5; border-left: 4px solid var(--accent); color: var(--ink); padding: .75rem 1rem; font-size: 1rem; }
.handoff-title { margin: 0 0 .25rem; font-size: 1rem; }
.handoff .summary { margin: .4rem 0 0; font-weight: 600; white-space: pre-wrap; overflow-wrap: anywhere; }
.delivery { font-size: .8rem; padding: 0 .4rem; border-radius: 999px; background: #eceff3; }
.delivery-sent { background: #dff3e4; color: #1f5f33; }
.delivery-queued { background: #fff0c2; color: #6b4e00; }
.delivery-failed { background: #ffd6d6; color: #8f1111; }
.composer-section { margin-top: 1rem; }
.composer { background: var(--card); border: 1px solid var(--line); border-radius: var(--radius); padding: .75rem 1rem; }
.composer[data-mode=note] { background: var(--note); border-color: var(--note-line); }
.mode { display: flex; gap: .25rem; margin-bottom: .5rem; }
.mode button[aria-pressed=true] { background: var(--ink); color: #fff; border-color: var(--ink); }
.composer-actions { display: flex; gap: .75rem; align-items: center; }

/* Settings and agents */
.tablist { display: flex; flex-wrap: wrap; gap: .25rem; border-bottom: 1px solid var(--line); margin-bottom: 1rem; }
.tablist [role=tab] { border: 0; border-bottom: 3px solid transparent; border-radius: 0; background: transparent; }
.tablist [role=tab][aria-selected=true] { border-bottom-color: var(--accent); font-weight: 700; }
.card-head { display: flex; justify-content: space-between; align-items: center; gap: 1rem; flex-wrap: wrap; }
.card-head h2 { margin: 0; }
.snippet { background: #16233b; color: #e8eefc; padding: .6rem .8rem; border-radius: var(--radius); overflow-x: auto; white-space: pre-wrap; overflow-wrap: anywhere; }
.faq-list { padding-left: 1.25rem; }
.faq-list li { margin-bottom: .75rem; }
.faq-list input { width: 100%; }

/* Phones: the inbox table becomes one card per ticket. */
@media (max-width: 720px) {
  main { padding: .75rem; }
  .me { margin-left: 0; width: 100%; }
  .inbox thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  .inbox, .inbox tbody, .inbox tr, .inbox td { display: block; width: 100%; }
  table.inbox { border: 0; background: transparent; }
  .inbox tr { background: var(--card); border: 1px solid var(--line); border-radius: var(--radius); margin-bottom: .5rem; padding: .4rem 0; }
  .inbox td { border: 0; padding: .15rem .75rem; display: flex; gap: .5rem; }
  .inbox td::before { content: attr(data-label); flex: 0 0 6.5rem; color: var(--muted); font-size: .8rem; text-transform: uppercase; }
  .entry.author-operator { margin-left: .5rem; }
  .filters .field { flex: 1 1 45%; }
  .filters select { width: 100%; }
}
"""#
}
