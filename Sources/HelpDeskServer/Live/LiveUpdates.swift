import Foundation
import HTTPTypes
import HelpDeskCore
import HelpDeskService
import HelpDeskStore
import Hummingbird
import HummingbirdWebSocket
import Logging
import NIOCore

/// `GET /api/v1/live` as a WebSocket: every new timeline entry of the caller's
/// team as `{"type":"entry","id","ticket","entry"}`, read from the database
/// after the id the client last saw (`?after=`), so a reconnect resumes with
/// nothing missed; plus presence. Authenticated by `Authorization: Bearer`,
/// `?token=<bearer token>` or the session cookie (same origin only).
enum LiveUpdates {
    static let path = "/api/v1/live"

    struct EntryEvent: Encodable {
        var type = "entry"
        var id: Int64
        var ticket: TicketJSON
        var entry: TimelineEntryJSON
    }

    /// A message's delivery state changed (sent, failed with the reason, queued again): the message as it is now.
    struct DeliveryEvent: Encodable {
        var type = "delivery"
        var id: Int64
        var ticket: TicketJSON
        var entry: TimelineEntryJSON
    }

    /// What the app sends: `{"type":"presence","ticketNumber":…,"typing":…,"reply":…}`; `reply` true
    /// while the text is a reply on the live chat (not a note), which the customer then sees as typing.
    struct Client: Decodable {
        var type: String
        var ticketNumber: Int?
        var typing: Bool?
        var reply: Bool?
    }

    /// Decides the upgrade: only `/api/v1/live`, only for a signed-in member of a Help Desk team.
    static func shouldUpgrade(
        _ request: HTTPRequest, peer: SocketAddress?, trustedProxies: [AddressRange], helpDesk: HelpDesk,
        presence: Presence, feeds: TeamFeeds
    ) async -> ShouldUpgradeResult<WebSocketDataHandler<HTTP1WebSocketUpgradeChannel.Context>> {
        guard let target = request.path, let components = URLComponents(string: target) else { return .dontUpgrade }
        let query = Dictionary(
            (components.queryItems ?? []).compactMap { item in item.value.map { (item.name, $0) } },
            uniquingKeysWith: { first, _ in first })
        // A malformed resume point is refused, and the router then says why (400).
        let after = query["after"].map { Int64($0).flatMap { $0 >= 0 ? $0 : nil } }
        if case .some(.none) = after { return .dontUpgrade }
        let deliveriesAfter = query["deliveriesAfter"].map { Int64($0).flatMap { $0 >= 0 ? $0 : nil } }
        if case .some(.none) = deliveriesAfter { return .dontUpgrade }
        let parts = components.path.split(separator: "/")
        if parts.count == 4, parts[0] == "widget", parts[1] == "v1", parts[3] == "live" {
            let clientAddress = ClientAddressMiddleware.client(
                peer: peer?.ipAddress ?? "unknown", forwardedFor: request.headerFields[values: .xForwardedFor],
                trusted: trustedProxies)
            return await WidgetLive.shouldUpgrade(
                channelID: String(parts[2]), token: query["visitorToken"], origin: request.headerFields[.origin],
                after: after ?? nil, clientAddress: clientAddress, helpDesk: helpDesk, presence: presence)
        }
        guard components.path == path, let (caller, token) = try? await authorize(request, helpDesk: helpDesk) else {
            return .dontUpgrade
        }
        return .upgrade([:]) { inbound, outbound, context in
            // Counted here, where the socket exists: the decision above may be asked twice per request.
            guard let lease = helpDesk.openOperatorSocket(caller) else {
                try? await outbound.close(.policyViolation, reason: "too many live feeds for this member")
                return
            }
            defer { helpDesk.closeSocket(lease) }
            let (feed, feedID) = feeds.open(teamID: caller.team.id) {
                teamFeed(caller, helpDesk: helpDesk, logger: context.logger)
            }
            defer { feeds.close(teamID: caller.team.id) }
            await serve(
                inbound: inbound, outbound: outbound, caller: caller, token: token, after: after ?? nil,
                deliveriesAfter: deliveriesAfter ?? nil, helpDesk: helpDesk, presence: presence, feed: feed,
                feedID: feedID, logger: context.logger)
            await feed.leave(feedID)
        }
    }

    /// Who may open the operator feed with this request, and with which token;
    /// else why not. The upgrade and the plain-HTTP route (where a refused upgrade
    /// lands) ask this one question, so they refuse the same requests: 401 without
    /// a valid token, 403 without the Help Desk or for a cookie from another site,
    /// 400 for a malformed `after`.
    static func authorize(_ request: HTTPRequest, helpDesk: HelpDesk) async throws -> (caller: Caller, token: String) {
        let query = URLComponents(string: request.path ?? "")?.queryItems ?? []
        func parameter(_ name: String) -> String? { query.first { $0.name == name }?.value }
        var token = parameter("token")
        var byCookie = false
        if token == nil, let header = request.headerFields[.authorization], header.lowercased().hasPrefix("bearer ") {
            token = String(header.dropFirst(7)).trimmingWhitespace()
        }
        if token == nil, let cookies = request.headerFields[.cookie] {
            token = cookieValue(cookies, name: AuthenticationMiddleware.sessionCookie)
            byCookie = token != nil
        }
        guard let token else {
            throw HelpDeskError.unauthorized(
                "sign in first: send ?token=<bearer token>, the bearer header or the cookie")
        }
        guard let (_, caller) = try await helpDesk.authenticate(token: token) else {
            throw HelpDeskError.unauthorized("the token is unknown or expired; sign in again")
        }
        try caller.requireHelpDesk()
        try checkResumePoint(parameter("after").map { Substring($0) })
        try checkResumePoint(parameter("deliveriesAfter").map { Substring($0) }, name: "deliveriesAfter")
        try helpDesk.checkOperatorSocketRoom(caller)
        // A cookie rides along on any cross-site WebSocket, so it only counts from our own pages.
        if byCookie, !sameOrigin(request.headerFields[.origin], authority: request.authority) {
            throw HelpDeskError.forbidden(
                "the session cookie counts only from this server's own pages; send ?token=<bearer token>")
        }
        return (caller, token)
    }

    /// A live request's `?after=`: what the upgrade refuses is a 400 on plain HTTP.
    static func checkResumePoint(_ raw: Substring?, name: String = "after") throws {
        guard let raw else { return }
        guard let value = Int64(raw), value >= 0 else {
            throw HelpDeskError.invalid(
                name, "must be the id of the last event received, 0 or more (got \"\(raw)\")")
        }
    }

    /// Whether a browser's Origin is this server (host and port); no Origin means no browser.
    static func sameOrigin(_ origin: String?, authority: String?) -> Bool {
        guard let origin else { return true }
        guard let url = URL(string: origin), let host = url.host, let authority else { return false }
        let defaultPort = url.scheme == "https" ? 443 : 80
        let expected = "\(host):\(url.port ?? defaultPort)"
        let actual = authority.contains(":") ? authority : "\(authority):\(defaultPort)"
        return expected.lowercased() == actual.lowercased()
    }

    static func cookieValue(_ header: String, name: String) -> String? {
        for part in header.split(separator: ";") {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0] == name { return pair[1] }
        }
        return nil
    }

    /// The conversation of ticket `number` when it is a live chat the caller holds (so a reply goes to
    /// the customer's widget at once); nil otherwise.
    static func heldChat(_ caller: Caller, number: Int, helpDesk: HelpDesk) async throws -> String? {
        let conversation = try await helpDesk.conversation(
            caller, ticket: try await helpDesk.ticket(caller, number: number))
        guard conversation.channel.isLive, case .operator(let holder) = conversation.speaker,
            holder.id == caller.member.id
        else { return nil }
        return conversation.id
    }

    /// Whether the caller behind `token` may still read what `caller` could when the feed opened.
    static func stillAllowed(_ token: String, as caller: Caller, helpDesk: HelpDesk) async -> Bool {
        guard let (_, now) = try? await helpDesk.authenticate(token: token) else { return false }
        return now.member.id == caller.member.id && now.member.role == caller.member.role
            && now.team.plan.includesHelpDesk
    }

    /// The team's events after the cursors, encoded, oldest first: at most `limit` delivery changes
    /// and at most `limit` entries, and whether either kind had more.
    static func encodedEvents(
        _ caller: Caller, helpDesk: HelpDesk, afterEntry: Int64, afterDelivery: Int64, limit: Int
    ) async throws -> (deliveries: [TeamFeed.Event], entries: [TeamFeed.Event], more: Bool) {
        let encoder = StreamingJSONEncoder()
        let changes = try await helpDesk.liveDeliveryChanges(caller, after: afterDelivery, limit: limit)
        let deliveries = try changes.map { change in
            let event = DeliveryEvent(
                id: change.id, ticket: TicketJSON(change.ticket), entry: TimelineEntryJSON(change.entry))
            return TeamFeed.Event(id: change.id, text: String(decoding: try encoder.encode(event), as: UTF8.self))
        }
        let new = try await helpDesk.liveEntries(caller, after: afterEntry, limit: limit)
        let entries = try new.map { entry, ticket in
            let event = EntryEvent(id: entry.id, ticket: TicketJSON(ticket), entry: TimelineEntryJSON(entry))
            return TeamFeed.Event(id: entry.id, text: String(decoding: try encoder.encode(event), as: UTF8.self))
        }
        return (deliveries, entries, changes.count == limit || new.count == limit)
    }

    /// The shared reader of a team's operator feeds: what `caller`'s team's feeds all send, read and
    /// encoded once (the reads are the team's, whoever's caller makes them).
    static func teamFeed(_ caller: Caller, helpDesk: HelpDesk, logger: Logger) -> TeamFeed {
        TeamFeed(
            teamID: caller.team.id,
            read: { afterEntry, afterDelivery in
                var entries: [TeamFeed.Event] = []
                var deliveries: [TeamFeed.Event] = []
                while true {
                    let batch = try await encodedEvents(
                        caller, helpDesk: helpDesk, afterEntry: entries.last?.id ?? afterEntry,
                        afterDelivery: deliveries.last?.id ?? afterDelivery, limit: 200)
                    entries += batch.entries
                    deliveries += batch.deliveries
                    if !batch.more { return (entries, deliveries) }
                }
            },
            heads: {
                (try await helpDesk.liveCursor(caller), try await helpDesk.liveDeliveryCursor(caller))
            },
            wakeups: { helpDesk.teamFeedWakeups(teamID: caller.team.id) }, logger: logger)
    }

    /// Feeds sleep until the store says something changed: a new entry in the
    /// team (sent on by the team's reader), or a change of sessions, roles or plan
    /// (the reader checks the session again, and the feed closes when it no longer stands). An idle
    /// feed does no database work; one more timer closes it when its session expires.
    static func serve(
        inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter, caller: Caller, token: String,
        after: Int64?, deliveriesAfter: Int64? = nil, helpDesk: HelpDesk, presence: Presence, feed: TeamFeed,
        feedID: Int, logger: Logger
    ) async {
        let (outgoing, continuation) = AsyncStream<String>.makeStream(bufferingPolicy: .bufferingNewest(1000))
        let viewer = await presence.join(teamID: caller.team.id, member: caller.member.ref, outgoing: continuation)
        @Sendable func end() async {
            // Nothing more is sent; closing ends the read loop below, and with it the feed.
            continuation.finish()
            try? await outbound.close(.policyViolation, reason: "the session ended")
        }
        await withTaskGroup(of: Void.self) { group in
            // The only writer to the socket.
            group.addTask {
                for await text in outgoing {
                    do { try await outbound.write(.text(text)) } catch { break }
                }
            }
            // The feed: entries after the last id sent.
            group.addTask {
                var cursor: Int64
                if let after { cursor = after } else { cursor = (try? await helpDesk.liveCursor(caller)) ?? 0 }
                var deliveryCursor: Int64
                if let deliveriesAfter {
                    deliveryCursor = deliveriesAfter
                } else {
                    deliveryCursor = (try? await helpDesk.liveDeliveryCursor(caller)) ?? 0
                }
                func send(_ events: (deliveries: [TeamFeed.Event], entries: [TeamFeed.Event])) {
                    for event in events.deliveries {
                        continuation.yield(event.text)
                        deliveryCursor = event.id
                    }
                    for event in events.entries {
                        continuation.yield(event.text)
                        cursor = event.id
                    }
                }
                // The session may have ended between the upgrade's check and the subscription.
                guard await stillAllowed(token, as: caller, helpDesk: helpDesk) else {
                    await end()
                    return
                }
                // Joined to the team's reader, which sends every new event from then on; first caught up
                // on its own while the cursors are older than the events it keeps.
                while !Task.isCancelled {
                    do {
                        if try await feed.join(
                            feedID, outgoing: continuation, afterEntry: cursor, afterDelivery: deliveryCursor,
                            allowed: { await stillAllowed(token, as: caller, helpDesk: helpDesk) }, end: end)
                        {
                            break
                        }
                        let batch = try await encodedEvents(
                            caller, helpDesk: helpDesk, afterEntry: cursor, afterDelivery: deliveryCursor, limit: 200)
                        send((batch.deliveries, batch.entries))
                    } catch {
                        logger.warning("live feed query failed", metadata: ["error": "\(error)"])
                        try? await Task.sleep(for: .seconds(1))
                    }
                }
                // From here the team's reader checks the session on every change that may end it; one that
                // came while this feed caught up is checked once here.
                if !(await stillAllowed(token, as: caller, helpDesk: helpDesk)) { await end() }
            }
            // The session's own end, which no write announces.
            if let expiry = try? await helpDesk.authenticate(token: token)?.session.expiresAt {
                group.addTask {
                    let left = expiry.microseconds - helpDesk.clock().microseconds
                    try? await Task.sleep(for: .microseconds(max(0, left)))
                    if !Task.isCancelled { await end() }
                }
            }
            // What the client says: presence (which ticket, typing or not), and typing a reply on a
            // live chat the caller holds, which the customer's widget shows.
            var typingTo: String?
            func typingToCustomer(_ conversationID: String?) async {
                if let typingTo, typingTo != conversationID {
                    await presence.operatorTyping(
                        conversationID: typingTo, name: caller.member.displayName, typing: false)
                }
                if let conversationID {
                    await presence.operatorTyping(
                        conversationID: conversationID, name: caller.member.displayName, typing: true)
                }
                typingTo = conversationID
            }
            do {
                for try await message in inbound.messages(maxSize: 4096) {
                    guard case .text(let text) = message,
                        let client = try? JSONDecoder().decode(Client.self, from: Data(text.utf8)),
                        client.type == "presence"
                    else { continue }
                    await presence.update(viewer, ticketNumber: client.ticketNumber, typing: client.typing ?? false)
                    if client.typing == true, client.reply == true, let number = client.ticketNumber {
                        await typingToCustomer(try? await heldChat(caller, number: number, helpDesk: helpDesk))
                    } else {
                        await typingToCustomer(nil)
                    }
                }
            } catch {}
            await typingToCustomer(nil)
            await presence.leave(viewer)
            continuation.finish()
            group.cancelAll()
        }
    }
}
