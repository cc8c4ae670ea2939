import Foundation
import HelpDeskCore

extension WebApp {
    /// A ticket's tags as coloured chips, the same on the inbox, the ticket page
    /// and the tags page; `app.js` builds the same markup for what arrives live.
    enum TagChips {
        /// Each tag's colour by name, as the pages hand it to `app.js` (`data-tag-colors`).
        static func colors(_ tags: [TicketTag]) -> [String: String] {
            Dictionary(tags.map { ($0.name, $0.color) }, uniquingKeysWith: { first, _ in first })
        }

        static func json(_ colors: [String: String]) -> String {
            let data = (try? JSONSerialization.data(withJSONObject: colors, options: [.sortedKeys])) ?? Data("{}".utf8)
            return String(decoding: data, as: UTF8.self)
        }

        /// One chip; a name without a colour (a tag made since the list was read) has the default one.
        /// The page's policy allows no style attributes: `app.js` paints each chip in its `data-color`.
        static func chip(_ name: String, colors: [String: String]) -> HTML {
            let color = colors[name] ?? TicketTag.defaultColor
            return "<span class=\"tag-chip\" data-tag=\"\(name)\" data-color=\"\(color)\">\(name)</span>"
        }

        /// A row's chips, or nothing for a ticket without tags.
        static func list(_ names: [String], colors: [String: String]) -> HTML {
            guard !names.isEmpty else { return .empty }
            return "<span class=\"tag-chips\" data-testid=\"row-tags\">\(names.map { chip($0, colors: colors) })</span>"
        }

        /// The ticket page's chips, each with a button that takes the tag off.
        static func removable(_ names: [String], colors: [String: String]) -> HTML {
            HTML.join(
                names.map { name -> HTML in
                    """
                    <li class="tag-item" data-testid="ticket-tag" data-tag="\(name)">\(chip(name, colors: colors))\
                    <button type="button" class="tag-remove button-quiet" data-tag="\(name)" aria-label="Remove the tag \(name)">×</button></li>
                    """
                })
        }
    }
}
