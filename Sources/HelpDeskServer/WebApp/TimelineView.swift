import HelpDeskCore
import HelpDeskService

extension WebApp {
    /// A ticket's timeline entries as list items. `app.js` renders entries that
    /// arrive live with the same markup and words.
    enum TimelineView {
        static func list(_ entries: [TimelineEntry], agentName: String?, labels: MemberLabels) -> HTML {
            let ordered = TimelineEntry.handoffFirst(entries)
            return """
                <ol class="timeline" id="timeline" data-testid="timeline" aria-label="Timeline">
                \(ordered.map { entry($0, agentName: agentName, labels: labels) })
                </ol>
                """
        }

        /// Initials in a coloured circle: who wrote an entry, at a glance (the name follows in words).
        static func avatar(_ name: String) -> HTML {
            "<span class=\"avatar avatar-\(Words.avatarHue(name))\" aria-hidden=\"true\">\(Words.initials(name))</span>"
        }

        /// A failed delivery's Retry button (it queues the message again).
        static func retry(_ entry: TimelineEntry, _ delivery: Delivery) -> HTML {
            HTML.when(
                delivery.state == .failed,
                " <button type=\"button\" class=\"button-quiet retry-delivery\" data-entry-id=\"\(entry.id)\">Retry delivery</button>"
            )
        }

        /// The text of a message or note; nothing for files sent without words.
        static func body(_ text: String) -> HTML {
            HTML.when(!text.isEmpty, "<p class=\"body\">\(HTML.linked(text))</p>")
        }

        /// A message's or note's files: images shown (their name as the alt
        /// text, a link to the full size), other files as download links with
        /// their size. `app.js` builds the same for entries that arrive live.
        static func files(_ attachments: [Attachment]) -> HTML {
            guard !attachments.isEmpty else { return .empty }
            let items = attachments.map { file -> HTML in
                let url = "/api/v1/attachments/\(file.id)"
                if file.isInlineImage {
                    return """
                        <li class="attachment attachment-image" data-testid="attachment" data-attachment-id="\(file.id)">\
                        <a href="\(url)" target="_blank" rel="noopener"><img src="\(url)" alt="\(file.name)" loading="lazy"></a></li>
                        """
                }
                return """
                    <li class="attachment attachment-file" data-testid="attachment" data-attachment-id="\(file.id)">\
                    <a href="\(url)" download="\(file.name)">\(file.name)</a> \
                    <span class="muted">(\(AttachmentPolicy.describe(bytes: file.size)))</span></li>
                    """
            }
            return "<ul class=\"attachments\" aria-label=\"Attachments\">\(items)</ul>"
        }

        static func entry(_ entry: TimelineEntry, agentName: String?, labels: MemberLabels) -> HTML {
            // An entry of a ticket merged into this one says which.
            let from: HTML = entry.mergedFrom.map { " <span class=\"badge merged-from\">from #\($0)</span>" } ?? .empty
            let time: HTML = "<time datetime=\"\(entry.at.rfc3339)\">\(Words.time(entry.at))</time>\(from)"
            let common: HTML = "id=\"entry-\(entry.id)\" data-testid=\"timeline-entry\" data-entry-id=\"\(entry.id)\""
            switch entry.content {
            case .message(let author, let channel, let body, let delivery):
                let state: HTML =
                    if let delivery {
                        " <span class=\"delivery delivery-\(delivery.state)\">\(Words.delivery(delivery))</span>\(retry(entry, delivery))"
                    } else { .empty }
                return """
                    <li class="entry message author-\(author.kind)" \(common) data-kind="message">
                    <div class="entry-head">\(avatar(author.name))<span class="author">\(author.kind == .operator ? labels.callout(author.id ?? "", author.name) : author.name)</span> <span class="role">\(Words.author(author.kind))</span> \
                    <span class="badge channel">\(Words.channel(channel))</span> \(time)\(state)</div>
                    \(Self.body(body))\(files(entry.attachments))
                    </li>
                    """
            case .note(let author, let body, _):
                return """
                    <li class="entry note" \(common) data-kind="note">
                    <div class="entry-head">\(avatar(author.displayName))<span class="badge note-badge">Internal note</span> <span class="author">\(labels.callout(author.id, author.displayName))</span> \(time)</div>
                    \(Self.body(body))\(files(entry.attachments))
                    </li>
                    """
            case .event(let event):
                let words = Words.event(event, agentName: agentName)
                if event.kind == .created || event.kind == .escalationRepeated {
                    let heading =
                        switch event.kind {
                        case .created: event.actor == nil ? "Handoff summary" : "Ticket opened"
                        default: "Asked again"
                        }
                    return """
                        <li class="entry event handoff" \(common) data-kind="event" data-event="\(event.kind)">
                        <h3 class="handoff-title">\(heading)</h3>
                        <p class="event-text">\(words) \(time)</p>
                        \(HTML.when(event.detail != nil, "<p class=\"summary\">\(event.detail ?? "")</p>"))
                        </li>
                        """
                }
                return """
                    <li class="entry event" \(common) data-kind="event" data-event="\(event.kind)">
                    <p class="event-text">\(words) \(time)</p>
                    </li>
                    """
            }
        }
    }
}
