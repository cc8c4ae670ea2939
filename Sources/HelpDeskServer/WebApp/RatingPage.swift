import Foundation
import HelpDeskCore
import HelpDeskService
import Hummingbird
import NIOCore

extension WebApp {
    /// The page a rating link in an email opens: `GET /csat/{token}?rating=N` shows the
    /// question with that rating chosen and a box for a comment, and changes nothing (mail
    /// scanners follow links); the form posts to `POST /csat/{token}`, which records the rating,
    /// the first answer winning. A tampered or expired link is a 403 page and records nothing.
    /// Customers' pages: not part of the JSON API, so not in the OpenAPI document.
    enum RatingPage {
        static func register(_ routes: RouteTable, helpDesk: HelpDesk) {
            routes.addPage(.get, "/csat/:token") { request, context in
                let token = context.parameters.get("token") ?? ""
                return try await answer {
                    let ticket = try await helpDesk.csatLinkTicket(token: token)
                    if ticket.rated { return html(thanks(already: true)) }
                    let chosen = request.uri.queryParameters["rating"].flatMap { Int(String($0)) }
                    return html(form(ticket, token: token, chosen: chosen))
                }
            }
            routes.addPage(.post, "/csat/:token") { request, context in
                let token = context.parameters.get("token") ?? ""
                let body = try await request.body.collect(upTo: 16_384)
                let fields = formFields(String(buffer: body))
                return try await answer {
                    guard let rating = fields["rating"].flatMap(Int.init) else {
                        throw HelpDeskError.invalid("rating", "choose a rating from 1 to 5")
                    }
                    do {
                        try await helpDesk.rateByLink(token: token, rating: rating, comment: fields["comment"])
                    } catch HelpDeskError.conflict(let reason) {
                        // A second answer (a double submit, another link of the mail): the first one stands.
                        guard try await helpDesk.csatLinkTicket(token: token).rated else {
                            throw HelpDeskError.conflict(reason)
                        }
                        return html(thanks(already: true))
                    }
                    return html(thanks(already: false))
                }
            }
        }

        /// The product's refusals as a small page with the right status.
        static func answer(_ body: () async throws -> Response) async throws -> Response {
            do {
                return try await body()
            } catch let error as HelpDeskError {
                let status: HTTPResponse.Status =
                    switch error {
                    case .forbidden: .forbidden
                    case .notFound: .notFound
                    case .conflict: .conflict
                    default: .badRequest
                    }
                return html(
                    page(title: "Cannot rate", main: "<h1>Cannot rate</h1>\n<p>\(error.description)</p>"),
                    status: status)
            }
        }

        static func form(_ ticket: CSATLinkTicket, token: String, chosen: Int?) -> HTML {
            let choices = HTML.join(
                CSAT.ratings.map { rating -> HTML in
                    let checked: HTML = rating == chosen ? " checked" : ""
                    return """
                        <label class="rating-choice"><input type="radio" name="rating" value="\(String(rating))" required\(checked)> \(String(rating))</label>
                        """
                }, separator: "\n")
            return page(
                title: "Rate the help you got",
                main: """
                    <h1>\(ticket.question)</h1>
                    <p>Ticket \(String(ticket.number)): \(ticket.subject)</p>
                    <form class="card stack" method="post" action="/csat/\(token)">
                    <fieldset>
                    <legend>Your rating, from 1 (bad) to 5 (great)</legend>
                    \(choices)
                    </fieldset>
                    <div class="field">
                    <label for="csat-comment">Anything to add? (optional)</label>
                    <textarea id="csat-comment" name="comment" maxlength="\(String(CSAT.commentLimit))" rows="4"></textarea>
                    </div>
                    <button type="submit" class="button-primary">Send my rating</button>
                    </form>
                    """)
        }

        static func thanks(already: Bool) -> HTML {
            page(
                title: "Thank you",
                main: already
                    ? "<h1>Thank you</h1>\n<p>This ticket is rated already; only the first answer counts.</p>"
                    : "<h1>Thank you for your rating!</h1>\n<p>You can close this page.</p>")
        }

        /// A customer's page: the app's stylesheet, but not its script (which is the operators'
        /// and would send a signed-out visitor to the sign-in page).
        static func page(title: String, main: HTML) -> HTML {
            """
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="robots" content="noindex">
            <title>\(title)</title>
            <link rel="icon" href="data:,">
            <link rel="stylesheet" href="/assets/app.css">
            </head>
            <body data-page="rating">
            <main id="main" class="login">
            \(main)
            </main>
            </body>
            </html>

            """
        }

        /// `application/x-www-form-urlencoded` fields (the first of each name).
        static func formFields(_ body: String) -> [String: String] {
            var fields: [String: String] = [:]
            for pair in body.split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let decode = { (text: Substring) in
                    text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
                }
                let name = decode(parts[0])
                if fields[name] == nil { fields[name] = parts.count == 2 ? decode(parts[1]) : "" }
            }
            return fields
        }
    }
}
