import HelpDeskCore
import HelpDeskService
import HelpDeskStore

extension WebApp {
    /// One ticket: the header with its controls, the timeline (handoff summary
    /// first) and the composer. `app.js` sends the changes through the API,
    /// appends entries that arrive live and shows who else is here.
    enum TicketPage {
        /// Who may speak on the ticket's conversation, as the page shows it.
        enum ChatState: Equatable {
            /// An email conversation: there is no live chat to take over.
            case notLive
            case ai
            case held(MemberRef)

            var holderID: String? {
                if case .held(let member) = self { member.id } else { nil }
            }
        }

        static func render(number: Int, chrome: Layout.Chrome, helpDesk: HelpDesk) async throws -> HTML {
            let caller = chrome.caller
            // Where the live feed starts; read before the page, so nothing between them is missed.
            let after = try await helpDesk.liveCursor(caller)
            let deliveriesAfter = try await helpDesk.liveDeliveryCursor(caller)
            let ticket = try await helpDesk.ticket(caller, number: number)
            let timeline = try await helpDesk.timeline(caller, number: number)
            let members = try await helpDesk.members(caller).map(\.member)
            let labels = MemberLabels(members)
            let channels = try await helpDesk.replyChannels(caller, number: number)
            let conversation = try await helpDesk.conversation(caller, ticket: ticket)
            let others = try await helpDesk.otherTickets(caller, of: ticket)
            let tags = try await helpDesk.tags(caller)
            let suggestedTags = try await helpDesk.tagSuggestions(caller, number: number)
            let sla = try await helpDesk.slaStatus(caller, of: ticket)
            let chat: ChatState =
                switch (conversation.channel.isLive, conversation.speaker) {
                case (false, _): .notLive
                case (true, .operator(let holder)): .held(holder)
                default: .ai
                }

            let main: HTML = """
                <p class="crumbs"><a href="/app">← Inbox</a></p>
                \(header(ticket, labels: labels, sla: sla))
                \(controls(
                    ticket, members: members, labels: labels, chat: chat, caller: caller,
                    suggestions: TicketMerge.suggestions(for: ticket, among: others),
                    undoUntil: TicketMerge.undoDeadline(in: timeline), now: helpDesk.clock()))
                \(tagsSection(ticket, tags: tags, suggested: suggestedTags))
                <p class="presence" id="presence" data-testid="presence" aria-live="polite"></p>
                \(customer(ticket, visitor: conversation.visitor, others: others))
                <section class="timeline-section" aria-labelledby="timeline-heading">
                <h2 id="timeline-heading">Timeline</h2>
                \(TimelineView.list(timeline, agentName: ticket.agent?.name, labels: labels))
                <p class="customer-typing muted" id="customer-typing" data-testid="customer-typing" role="status" hidden>\(ticket.requester.name) is typing…</p>
                </section>
                \(composer(channels, members: members, labels: labels, maxAttachmentBytes: helpDesk.maxAttachmentBytes))
                """
            return Layout.page(
                title: "#\(ticket.number) \(ticket.subject)", page: "ticket", section: .inbox, chrome: chrome,
                bodyData: [
                    ("ticket-number", String(ticket.number)), ("after", String(after)),
                    ("deliveries-after", String(deliveriesAfter)),
                    ("chat-live", chat == .notLive ? "false" : "true"), ("chat-holder-id", chat.holderID ?? ""),
                    ("can-configure", caller.member.role.canConfigure ? "true" : "false"),
                    ("agent-name", ticket.agent?.name ?? ""), ("member-labels", labels.json),
                    ("tag-colors", TagChips.json(TagChips.colors(tags))),
                ],
                main: main)
        }

        /// Who the customer is, where their chat started (page, browser, language), and their other
        /// tickets (same conversation or same email).
        static func customer(_ ticket: Ticket, visitor: VisitorContext, others: [Ticket]) -> HTML {
            let requester = ticket.requester
            let facts: [(String, HTML)] = [
                ("Name", "\(requester.name)"), ("Email", "\(requester.email ?? "")"),
                ("Phone", "\(requester.phone ?? "")"), ("Handle", "\(requester.handle ?? "")"),
                ("Channel", "\(Words.channel(ticket.channel))"),
                ("Started on", visitor.page.map { HTML.linked($0) } ?? .empty),
                ("Browser", "\(visitor.browser ?? "")"), ("Language", "\(visitor.language ?? "")"),
            ].filter { $0.1 != .empty }
            let items = others.map { other -> HTML in
                """
                <li><a href="/app/tickets/\(other.number)">#\(other.number) \(other.subject)</a> \
                <span class="badge status-\(other.status)">\(Words.status(other.status))</span> \
                <time datetime="\(other.lastActivityAt.rfc3339)" data-relative="">\(Words.time(other.lastActivityAt))</time></li>
                """
            }
            return """
                <aside class="customer card" id="customer" data-testid="customer" aria-labelledby="customer-heading">
                <h2 id="customer-heading">Customer</h2>
                <dl class="facts">\(facts.map { fact -> HTML in "<div><dt>\(fact.0)</dt><dd>\(fact.1)</dd></div>" })</dl>
                <h3>Other tickets</h3>
                \(others.isEmpty ? HTML("<p class=\"muted\">None.</p>") : "<ul class=\"plain-list other-tickets\" data-testid=\"other-tickets\">\(items)</ul>")
                </aside>
                """
        }

        static func header(_ ticket: Ticket, labels: MemberLabels, sla: SLAStatus? = nil) -> HTML {
            let requester = ticket.requester
            let contact = [requester.email, requester.phone, requester.handle].compactMap { $0 }.filter { !$0.isEmpty }
            func fact(_ id: String, _ label: String, _ value: HTML) -> HTML {
                "<div><dt>\(label)</dt><dd id=\"fact-\(id)\">\(value)</dd></div>"
            }
            return """
                <header class="ticket-head">
                <h1><span class="ticket-number">#\(ticket.number)</span> <span id="ticket-subject">\(ticket.subject)</span></h1>
                <dl class="facts">
                \(fact("status", "Status", "<span class=\"badge status-\(ticket.status)\">\(Words.status(ticket.status))</span>"))
                \(fact("priority", "Priority", "<span class=\"badge priority-\(ticket.priority)\">\(Words.priority(ticket.priority))</span>"))
                \(fact("requester", "Requester", "\(requester.name)\(HTML.when(!contact.isEmpty, " <span class=\"muted\">\(contact.joined(separator: " · "))</span>"))"))
                \(fact("assignee", "Assignee", ticket.assignee.map { member -> HTML in "\(labels.callout(member.id, member.displayName))" } ?? "<span class=\"muted\">Unassigned</span>"))
                \(fact("agent", "Agent", "\(ticket.agent?.name ?? "—")"))
                \(fact("channel", "Channel", "\(Words.channel(ticket.channel))"))
                \(fact("created", "Created", "<time datetime=\"\(ticket.createdAt.rfc3339)\">\(Words.time(ticket.createdAt))</time>"))
                \(HTML.when(sla?.breached == true || sla?.nextDueAt != nil, fact("sla", "SLA", InboxPage.slaBadge(sla))))
                </dl>
                </header>
                """
        }

        /// The ticket's tags as chips that take themselves off, and a field that puts one on, suggesting the
        /// team's tags; a name the team has none for makes a new tag.
        static func tagsSection(_ ticket: Ticket, tags: [TicketTag], suggested: [TicketTag] = []) -> HTML {
            let suggestions = tags.map { tag -> HTML in "<option value=\"\(tag.name)\"></option>" }
            let colors = TagChips.colors(tags)
            let offered = suggested.map { tag -> HTML in
                """
                <li class="tag-suggestion" data-testid="tag-suggestion" data-tag="\(tag.name)">\
                \(TagChips.chip(tag.name, colors: colors))\
                <button type="button" class="tag-suggestion-accept button-quiet" data-tag="\(tag.name)" \
                data-testid="tag-suggestion-accept" aria-label="Add the suggested tag \(tag.name)">✓</button>\
                <button type="button" class="tag-suggestion-reject button-quiet" data-tag="\(tag.name)" \
                data-testid="tag-suggestion-reject" aria-label="Dismiss the suggested tag \(tag.name)">✗</button></li>
                """
            }
            let suggestedList: HTML =
                suggested.isEmpty
                ? .empty
                : """
                <div class="tag-suggestions" id="tag-suggested" data-testid="tag-suggestions">\
                <span class="hint">Suggested:</span> <ul class="tag-chips plain-list">\(offered)</ul></div>
                """
            return """
                <section class="ticket-tags" aria-labelledby="ticket-tags-heading">
                <h2 id="ticket-tags-heading" class="tags-heading">Tags</h2>
                <ul class="tag-chips plain-list" id="ticket-tags" data-testid="ticket-tags" aria-live="polite">\
                \(TagChips.removable(ticket.tags, colors: colors))</ul>
                \(suggestedList)
                <form class="tag-add" id="tag-add" data-testid="tag-add">
                <label for="tag-add-name" class="visually-hidden">Add a tag</label>
                <input id="tag-add-name" data-testid="tag-add-name" name="name" list="tag-suggestions" maxlength="\(TicketTag.nameLimit)" \
                autocomplete="off" placeholder="Add a tag">
                <datalist id="tag-suggestions">\(suggestions)</datalist>
                <button type="submit" id="tag-add-button">Add</button>
                </form>
                <p class="error" id="tag-error" role="alert"></p>
                </section>
                """
        }

        static func controls(
            _ ticket: Ticket, members: [Member], labels: MemberLabels, chat: ChatState, caller: Caller,
            suggestions: [Ticket] = [], undoUntil: Timestamp? = nil, now: Timestamp = .now()
        ) -> HTML {
            let statuses = TicketStatus.settable.map { status -> HTML in
                "<option value=\"\(status)\"\(HTML.flag("selected", status == ticket.status))>\(Words.status(status))</option>"
            }
            let priorities = Priority.allCases.map { priority -> HTML in
                "<option value=\"\(priority)\"\(HTML.flag("selected", priority == ticket.priority))>\(Words.priority(priority))</option>"
            }
            let people = members.map { member -> HTML in
                """
                <option value="\(member.id)"\(HTML.flag("selected", member.id == ticket.assignee?.id))>\
                \(labels.callout(member.id, member.displayName)) (\(Words.availability(member.availability).lowercased()))</option>
                """
            }
            let me = caller.member.id
            let showPickUp = ticket.assignee == nil && ticket.status != .resolved && ticket.status != .merged
            let showTakeOver: Bool
            let showRelease: Bool
            let chatText: String
            switch chat {
            case .notLive:
                (showTakeOver, showRelease) = (false, false)
                chatText = "Email conversation: replies go by email."
            case .ai:
                (showTakeOver, showRelease) = (true, false)
                chatText = "The AI agent is answering the customer."
            case .held(let holder):
                showTakeOver = false
                showRelease = holder.id == me || caller.member.role.canConfigure
                chatText =
                    holder.id == me ? "You hold the chat; the AI is paused." : "\(holder.displayName) holds the chat."
            }
            return """
                <section class="controls" aria-label="Ticket controls">
                <div class="field"><label for="ticket-status">Status</label>
                <select id="ticket-status" data-testid="ticket-status" data-field="status">\(statuses)</select></div>
                <div class="field"><label for="ticket-priority">Priority</label>
                <select id="ticket-priority" data-testid="ticket-priority" data-field="priority">\(priorities)</select></div>
                <div class="field"><label for="ticket-assignee">Assignee</label>
                <select id="ticket-assignee" data-testid="ticket-assignee" data-field="assigneeId">\
                <option value=""\(HTML.flag("selected", ticket.assignee == nil))>Unassigned</option>\(people)</select></div>
                <div class="actions">
                <button type="button" id="pickup" data-testid="pickup"\(HTML.flag("hidden", !showPickUp))>Pick up</button>
                <button type="button" id="takeover" data-testid="takeover"\(HTML.flag("hidden", !showTakeOver))>Take over the chat</button>
                <button type="button" id="release" data-testid="release"\(HTML.flag("hidden", !showRelease))>Release to the AI</button>
                </div>
                <p class="chat-state" id="chat-state">\(chatText)</p>
                <p class="error" id="ticket-error" role="alert"></p>
                \(mergeControls(ticket, suggestions: suggestions, undoUntil: undoUntil, now: now))
                </section>
                """
        }

        /// A merged ticket links to where it went, with the undo while it can work: until
        /// `undoUntil` (`TicketMerge.undoDeadline`), which `app.js` reads to hide the button when
        /// the time passes on an open page; any other ticket offers "Merge into…", with a button
        /// for each suggested target (`TicketMerge.suggestions`).
        static func mergeControls(
            _ ticket: Ticket, suggestions: [Ticket] = [], undoUntil: Timestamp? = nil, now: Timestamp = .now()
        ) -> HTML {
            if ticket.status == .merged, let target = ticket.mergedInto {
                let minutes = TicketMerge.undoWindowSeconds / 60
                let undo: HTML =
                    if let undoUntil, now <= undoUntil {
                        """
                        <div class="merge-undo" id="merge-undo" data-undo-until="\(undoUntil.rfc3339)">\
                        <button type="button" id="unmerge" data-testid="unmerge">Undo merge</button>
                        <p class="hint">A merge can be undone for \(minutes) minutes, until \
                        <time datetime="\(undoUntil.rfc3339)">\(undoUntil.rfc3339)</time>.</p></div>
                        <p class="hint" id="merge-final" data-testid="merge-final" hidden>\
                        The merge can no longer be undone: a merge can be undone for \(minutes) minutes.</p>
                        """
                    } else {
                        """
                        <p class="hint" id="merge-final" data-testid="merge-final">\
                        The merge can no longer be undone: a merge can be undone for \(minutes) minutes.</p>
                        """
                    }
                return """
                    <div class="merged-notice" data-testid="merged-notice" role="status">\
                    <p>Merged into <a href="/app/tickets/\(target)" id="merged-into-link" data-testid="merged-into-link">\
                    ticket #\(target)</a>: the conversation goes on there.</p>
                    \(undo)
                    </div>
                    """
            }
            let items = suggestions.map { other -> HTML in
                """
                <li><button type="button" class="button-quiet merge-suggestion" data-into="\(other.number)">\
                Merge into #\(other.number)</button> \(other.subject)</li>
                """
            }
            let suggested: HTML =
                suggestions.isEmpty
                ? .empty
                : """
                <div class="merge-suggestions" data-testid="merge-suggestions">\
                <p class="hint">Same customer, opened within a day:</p><ul class="plain-list">\(items)</ul></div>
                """
            return """
                <form class="merge-form" id="merge-form" data-testid="merge-form">
                <label for="merge-into">Merge into…</label>
                <input type="number" id="merge-into" data-testid="merge-into" name="into" min="1" step="1" \
                inputmode="numeric" placeholder="Ticket number" required>
                <button type="submit" id="merge-button">Merge</button>
                </form>
                \(suggested)
                """
        }

        /// The canned reply picker: a search box over a listbox, filled by `app.js`
        /// when it opens (with `/` at the start of a line, or the Canned replies button).
        static let cannedPicker: HTML = """
            <div class="canned-panel" id="canned-panel" data-testid="canned-panel" hidden>
            <label for="canned-search">Canned reply</label>
            <input type="text" id="canned-search" data-testid="canned-search" role="combobox" aria-autocomplete="list" \
            aria-expanded="false" aria-controls="canned-list" autocomplete="off" spellcheck="false" \
            placeholder="Search by title or text" aria-describedby="canned-help">
            <ul class="canned-list" id="canned-list" data-testid="canned-list" role="listbox" aria-label="Canned replies"></ul>
            <p class="hint" id="canned-help">Arrow keys choose, Enter inserts the reply filled for this ticket, Escape closes. Nothing is sent until you send it.</p>
            <p class="muted" id="canned-status" role="status"></p>
            </div>
            """

        /// The paperclip of the composers (the widget draws the same).
        static let paperclip: HTML = """
            <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">\
            <path d="M21.4 11.1l-9.2 9.2a6 6 0 0 1-8.5-8.5l9.2-9.2a4 4 0 0 1 5.7 5.7l-9.2 9.2a2 2 0 0 1-2.8-2.8l8.5-8.5"/></svg>
            """

        /// The file picker of the composer: a button opens it, chosen files are
        /// listed with their upload progress and a remove button; `app.js`
        /// uploads them at once and sends their ids with the reply or note.
        static func attachmentPicker(maxBytes: Int) -> HTML {
            let accept = AttachmentPolicy.accepted.flatMap { $0.extensions.map { "." + $0 } }.joined(separator: ",")
            return """
                <div class="composer-files" id="composer-files-field">
                <input type="file" id="composer-files" data-testid="composer-files" class="visually-hidden" multiple \
                tabindex="-1" aria-label="Files to attach" accept="\(accept)" data-max-bytes="\(maxBytes)" \
                data-max-files="\(AttachmentPolicy.maxPerMessage)">
                <ul class="plain-list attachment-list" id="composer-attachments" data-testid="composer-attachments" \
                aria-label="Files to send"></ul>
                <p class="hint" id="composer-files-status" data-testid="composer-files-status" role="status" aria-live="polite"></p>
                </div>
                """
        }

        /// Common emoji for the composer's picker: (character, name for screen readers).
        static let emoji: [(String, String)] = [
            ("😀", "grinning face"), ("🙂", "slightly smiling face"), ("😉", "winking face"), ("😊", "smiling face"),
            ("😅", "grinning face with sweat"), ("😂", "face with tears of joy"), ("🙏", "folded hands"),
            ("👍", "thumbs up"), ("👋", "waving hand"), ("👏", "clapping hands"), ("🎉", "party popper"),
            ("❤️", "red heart"), ("✅", "check mark"), ("⚠️", "warning"), ("📦", "package"), ("🚚", "delivery truck"),
            ("💳", "credit card"), ("📧", "e-mail"), ("🔒", "locked"), ("⏳", "hourglass"), ("🤔", "thinking face"),
            ("😔", "pensive face"), ("🙌", "raising hands"), ("✨", "sparkles"),
        ]

        static func composer(
            _ channels: [ReplyChannels.Option], members: [Member], labels: MemberLabels, maxAttachmentBytes: Int
        ) -> HTML {
            let mentionOptions = members.map { member -> HTML in
                "<option value=\"\(member.displayName)\">\(labels.callout(member.id, member.displayName))</option>"
            }
            let emojiButtons = emoji.map { item -> HTML in
                "<button type=\"button\" class=\"emoji\" data-emoji=\"\(item.0)\" aria-label=\"\(item.1)\" title=\"\(item.1)\">\(item.0)</button>"
            }
            let preferred = channels.first(where: \.available)?.channel
            let options = channels.map { option -> HTML in
                let label =
                    Words.channel(option.channel) + (option.to.map { " to " + $0 } ?? "")
                    + (option.reason.map { " — " + $0 } ?? "")
                return """
                    <option value="\(option.channel)"\(HTML.flag("disabled", !option.available))\
                    \(HTML.flag("selected", option.channel == preferred))>\(label)</option>
                    """
            }
            let placeholder: HTML =
                preferred == nil ? "<option value=\"\" selected>No channel available now</option>" : .empty
            let hint =
                preferred == nil
                ? "No channel can reach this customer now; take over the chat or add a note." : ""
            return """
                <section class="composer-section" aria-labelledby="composer-heading">
                <h2 id="composer-heading" class="visually-hidden">Write a reply or a note</h2>
                <form id="composer" class="composer" data-mode="reply" novalidate>
                <div class="mode" role="group" aria-label="Write">
                <button type="button" id="composer-mode-reply" data-testid="composer-mode-reply" aria-pressed="true">Reply</button>
                <button type="button" id="composer-mode-note" data-testid="composer-mode-note" aria-pressed="false">Note</button>
                </div>
                <div class="field" id="composer-channel-field"><label for="composer-channel">Send on</label>
                <select id="composer-channel" data-testid="composer-channel" name="channel">\(placeholder)\(options)</select>
                <p class="hint" id="composer-channel-hint">\(hint)</p></div>
                <div class="field"><label for="composer-body" id="composer-body-label">Reply to the customer</label>
                <textarea id="composer-body" data-testid="composer-body" name="body" rows="5" maxlength="\(TextLimits.messageBody)" aria-describedby="composer-hint"></textarea></div>
                <div class="field" id="composer-mention-field" hidden><label for="composer-mention">Mention a teammate (they are alerted)</label>
                <select id="composer-mention" data-testid="composer-mention"><option value="">Choose a teammate…</option>\(mentionOptions)</select></div>
                <div class="emoji-panel" id="emoji-panel" data-testid="emoji-panel" role="group" aria-label="Emoji" hidden>\(emojiButtons)</div>
                \(cannedPicker)
                \(attachmentPicker(maxBytes: maxAttachmentBytes))
                <p class="error" id="composer-error" data-testid="composer-error" role="alert"></p>
                <div class="composer-actions"><button type="submit" class="button-primary" id="composer-send" data-testid="composer-send">Send reply</button>
                <button type="button" id="composer-attach" data-testid="composer-attach" aria-controls="composer-files">\(paperclip) Attach files</button>
                <button type="button" id="canned-open" data-testid="canned-open" aria-expanded="false" aria-controls="canned-panel">Canned replies</button>
                <button type="button" id="emoji-open" data-testid="emoji-open" aria-expanded="false" aria-controls="emoji-panel">Emoji</button>
                <span class="hint" id="composer-hint">Ctrl+Enter sends · / at the start of a line inserts a canned reply · in a note, @name alerts a teammate</span></div>
                </form>
                </section>
                """
        }
    }
}
