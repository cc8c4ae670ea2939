import Foundation
import GRDB
import HelpDeskCore
import HelpDeskStore

// MARK: - Bulk load

/// The bulk loader writes through a connection of its own to the store's file,
/// so the production store carries no benchmark code; it writes the rows
/// `createTicket` would write, and the store's triggers keep their counters.
extension SQLiteStore {
    /// Tickets written per write transaction: commits stay rare, yet no single
    /// transaction holds the whole load (the WAL is checkpointed between batches).
    static let bulkLoadBatchSize = 50_000

    /// Words the bulk loader puts in roughly one ticket in 20,000 each (about 50
    /// per million), for benchmarking a selective text search.
    static let bulkLoadRareWords = [
        "quokka", "zeppelin", "marzipan", "kumquat", "theremin", "narwhal", "sextant", "gazpacho", "ocarina",
        "axolotl", "bandoneon", "chinchilla", "didgeridoo", "gondola", "harmonium", "jacquard", "kazoo",
        "lorgnette", "mandolin", "nautilus",
    ]

    /// A word the bulk loader puts in about one ticket in thirteen (7.6% of a
    /// million), for benchmarking an unselective text search.
    static let bulkLoadCommonWord = "refund"

    /// Inserts `count` synthetic, realistic tickets into a team, for benchmarks;
    /// not for production data.
    ///
    /// Each ticket gets what `createTicket` would give it: a new conversation, the
    /// customer's first message, a `created` event, its search rows and the team's
    /// next ticket number. The mix is drawn from a PRNG seeded with `seed`, so the
    /// same arguments build the same tickets (conversation ids included): about
    /// 60% resolved, 25% open and 15% pending; a third of the unresolved ones
    /// unassigned, the rest spread over `assigneeIDs`; subjects, names and
    /// messages from word lists, with `bulkLoadRareWords` in about one ticket in
    /// 20,000 each and `bulkLoadCommonWord` in about one in thirteen. Tickets are
    /// created about 30 seconds apart from `startingAt`.
    ///
    /// Writes run on a connection of the loader's own to the store's file, with a
    /// large page cache while the indexes grow, in transactions of 50,000 tickets
    /// with prepared statements; the open-ticket triggers keep
    /// `members.open_tickets` exact as rows go in. At the end the search indexes
    /// are merged (FTS5 `optimize`) and the WAL truncated. Run `analyze()`
    /// afterwards so the planner sees the new index shapes.
    func bulkLoadTickets(
        teamID: String, count: Int, agentID: String?, assigneeIDs: [String], startingAt: Timestamp, seed: UInt64
    ) async throws {
        guard count >= 0 else { throw HelpDeskError.invalid("count", "must be zero or more (got \(count))") }
        try await checkBulkLoadTargets(teamID: teamID, agentID: agentID, assigneeIDs: assigneeIDs)
        let database = try openOwnConnection(cacheKiB: 262_144)
        defer { try? database.close() }
        var generator = BulkTicketGenerator(seed: seed, startingAt: startingAt, assigneeIDs: assigneeIDs)
        var remaining = count
        while remaining > 0 {
            let batch = min(remaining, Self.bulkLoadBatchSize)
            generator = try await database.write { [generator] db in
                var generator = generator
                try Self.insertBulkBatch(db, teamID: teamID, agentID: agentID, count: batch, generator: &generator)
                return generator
            }
            remaining -= batch
        }
        try await database.writeWithoutTransaction { db in
            try db.execute(sql: "INSERT INTO ticket_search (ticket_search) VALUES ('optimize')")
            try db.execute(sql: "INSERT INTO message_search (message_search) VALUES ('optimize')")
            try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
        }
    }

    /// A connection of the benchmark's own to the store's file, set up like the
    /// store's: busy timeout, foreign keys, `synchronous = NORMAL`, temporary
    /// tables in memory, and a page cache of `cacheKiB`. The file is already in
    /// WAL mode, so it works beside the store's own connections.
    func openOwnConnection(cacheKiB: Int = 8000) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.foreignKeysEnabled = true
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
            try db.execute(sql: "PRAGMA cache_size = -\(cacheKiB)")
        }
        return try DatabaseQueue(path: path, configuration: configuration)
    }

    private func checkBulkLoadTargets(teamID: String, agentID: String?, assigneeIDs: [String]) async throws {
        guard try await team(id: teamID) != nil else { throw HelpDeskError.notFound("no team with id \(teamID)") }
        if let agentID, try await agent(id: agentID, teamID: teamID) == nil {
            throw HelpDeskError.invalid("agentID", "no agent with id \"\(agentID)\" in this team")
        }
        for id in assigneeIDs where try await member(id: id, teamID: teamID) == nil {
            throw HelpDeskError.invalid("assigneeIDs", "no member with id \"\(id)\" in this team")
        }
    }

    private static func insertBulkBatch(
        _ db: Database, teamID: String, agentID: String?, count: Int, generator: inout BulkTicketGenerator
    ) throws {
        guard
            let firstNumber = try Int.fetchOne(
                db,
                sql: """
                    UPDATE teams SET next_ticket_number = next_ticket_number + ? WHERE id = ?
                    RETURNING next_ticket_number - ?
                    """,
                arguments: [count, teamID, count])
        else { throw HelpDeskError.notFound("no team with id \(teamID)") }

        let insertConversation = try db.makeStatement(
            sql: """
                INSERT INTO conversations (id, team_id, agent_id, channel, requester_name, requester_email,
                    requester_phone, requester_handle, created_at, last_message_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        let insertMessage = try db.makeStatement(
            sql: """
                INSERT INTO entries (team_id, conversation_id, kind, at, author_kind, author_name, channel, body)
                VALUES (?, ?, 'message', ?, 'customer', ?, ?, ?)
                """)
        let insertMessageSearch = try db.makeStatement(
            sql: "INSERT INTO message_search (rowid, body, conversation_id) VALUES (?, ?, ?)")
        let insertTicket = try db.makeStatement(
            sql: """
                INSERT INTO tickets (team_id, number, conversation_id, status, status_rank, priority, subject,
                    requester_name, requester_email, requester_phone, requester_handle, assignee_id, agent_id,
                    channel, created_at, last_activity_at, resolved_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        let insertTicketSearch = try db.makeStatement(
            sql: "INSERT INTO ticket_search (rowid, subject, requester) VALUES (?, ?, ?)")
        let insertCreatedEvent = try db.makeStatement(
            sql: """
                INSERT INTO entries (team_id, conversation_id, ticket_id, kind, at, event, detail)
                VALUES (?, ?, ?, 'event', ?, 'created', ?)
                """)
        let createdDetail: String? = agentID == nil ? nil : "escalated: the customer asked for a person"

        for offset in 0..<count {
            let ticket = generator.next()
            let requester = ticket.requester
            try insertConversation.execute(arguments: [
                ticket.conversationID, teamID, agentID, ticket.channel.rawValue, requester.name, requester.email,
                requester.phone, requester.handle, ticket.createdAt, ticket.createdAt,
            ])
            try insertMessage.execute(arguments: [
                teamID, ticket.conversationID, ticket.createdAt, requester.name, ticket.channel.rawValue, ticket.body,
            ])
            try insertMessageSearch.execute(arguments: [db.lastInsertedRowID, ticket.body, ticket.conversationID])
            try insertTicket.execute(arguments: [
                teamID, firstNumber + offset, ticket.conversationID, ticket.status.rawValue, ticket.status.rank,
                ticket.priority.rawValue, ticket.subject, requester.name, requester.email, requester.phone,
                requester.handle, ticket.assigneeID, agentID, ticket.channel.rawValue, ticket.createdAt,
                ticket.lastActivityAt, ticket.resolvedAt,
            ])
            let ticketID = db.lastInsertedRowID
            let searchText = Self.requesterSearchText(of: requester)
            try insertTicketSearch.execute(arguments: [ticketID, ticket.subject, searchText])
            try insertCreatedEvent.execute(arguments: [
                teamID, ticket.conversationID, ticketID, ticket.createdAt, createdDetail,
            ])
        }
    }
}

// MARK: - The ticket generator

/// One synthetic ticket, before it has a number or a row id.
private struct BulkTicket {
    var conversationID: String
    var status: TicketStatus
    var priority: Priority
    var channel: Channel
    var subject: String
    var requester: Requester
    var body: String
    var assigneeID: String?
    var createdAt: Int64
    var lastActivityAt: Int64
    var resolvedAt: Int64?
}

/// SplitMix64: tiny, fast, and the same sequence on every platform.
private struct SplitMix64: Sendable {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A value in `0..<bound`.
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    mutating func chance(_ probability: Double) -> Bool {
        Double(next() >> 11) / Double(1 << 53) < probability
    }

    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}

/// Draws the ticket stream; a value type so a batch can carry it across
/// transactions and the stream continues where the last batch stopped.
private struct BulkTicketGenerator: Sendable {
    private var random: SplitMix64
    private var nextCreatedAt: Int64
    private let assigneeIDs: [String]

    init(seed: UInt64, startingAt: Timestamp, assigneeIDs: [String]) {
        self.random = SplitMix64(state: seed)
        self.nextCreatedAt = startingAt.microseconds
        self.assigneeIDs = assigneeIDs
    }

    private static let idAlphabet = Array("0123456789abcdefghijkmnpqrstuvwxyz")
    private static let minute: Int64 = 60_000_000
    private static let hour: Int64 = 60 * minute

    mutating func next() -> BulkTicket {
        let createdAt = nextCreatedAt
        nextCreatedAt += Int64(1 + random.below(59)) * 1_000_000

        let roll = random.below(100)
        let status: TicketStatus = roll < 60 ? .resolved : roll < 85 ? .open : .pending
        let lastActivityAt: Int64
        switch status {
        case .open: lastActivityAt = createdAt + Int64(random.below(Int(2 * Self.hour)))
        case .pending: lastActivityAt = createdAt + Self.minute * Int64(10 + random.below(48 * 60))
        case .resolved, .merged: lastActivityAt = createdAt + Self.minute * Int64(10 + random.below(5 * 24 * 60))
        }
        let assigneeID: String?
        if assigneeIDs.isEmpty || (status != .resolved && random.below(3) == 0) || random.below(50) == 0 {
            assigneeID = nil
        } else {
            assigneeID = random.pick(assigneeIDs)
        }

        let priorityRoll = random.below(100)
        let priority: Priority =
            priorityRoll < 15 ? .low : priorityRoll < 70 ? .normal : priorityRoll < 92 ? .high : .urgent
        let channelRoll = random.below(100)
        let channel: Channel =
            channelRoll < 35 ? .web : channelRoll < 65 ? .email : channelRoll < 85 ? .whatsapp : .telegram

        var conversationID = "cv_"
        for _ in 0..<20 { conversationID.append(random.pick(Self.idAlphabet)) }

        let requester = makeRequester(channel: channel)
        let subject = fill(random.pick(BulkWords.subjects))
        let body = makeBody(subject: subject, firstName: String(requester.name.split(separator: " ")[0]))
        return BulkTicket(
            conversationID: conversationID, status: status, priority: priority, channel: channel, subject: subject,
            requester: requester, body: body, assigneeID: assigneeID, createdAt: createdAt,
            lastActivityAt: lastActivityAt, resolvedAt: status == .resolved ? lastActivityAt : nil)
    }

    private mutating func makeRequester(channel: Channel) -> Requester {
        let first = random.below(BulkWords.firstNames.count)
        let last = random.below(BulkWords.lastNames.count)
        let name = "\(BulkWords.firstNames[first]) \(BulkWords.lastNames[last])"
        let (asciiFirst, asciiLast) = (BulkWords.asciiFirstNames[first], BulkWords.asciiLastNames[last])
        let plain = "\(asciiFirst).\(asciiLast)"
        switch channel {
        case .web, .email:
            let email = "\(plain)\(random.below(100))@\(random.pick(BulkWords.domains))"
            return Requester(name: name, email: email)
        case .whatsapp:
            let phone =
                "+\(random.pick(["1", "44", "49", "33", "34", "39", "55", "91"]))\(100_000_000 + random.below(900_000_000))"
            return Requester(name: name, phone: phone)
        case .telegram:
            return Requester(name: name, handle: "@\(asciiFirst)_\(asciiLast)\(random.below(1000))")
        }
    }

    private mutating func makeBody(subject: String, firstName: String) -> String {
        // The customer restates the subject: first letter lowered, ending in one punctuation mark.
        let restated = subject.prefix(1).lowercased() + subject.dropFirst() + (subject.hasSuffix("?") ? "" : ".")
        var sentences = [random.pick(BulkWords.greetings), random.pick(BulkWords.openers) + " " + restated]
        for _ in 0..<(1 + random.below(3)) { sentences.append(fill(random.pick(BulkWords.details))) }
        if random.chance(0.025) { sentences.append(fill(random.pick(BulkWords.refundSentences))) }
        if random.chance(BulkWords.rareWordTickets) {
            let rare = random.pick(SQLiteStore.bulkLoadRareWords)
            sentences.append(random.pick(BulkWords.rareSentences).replacingOccurrences(of: "{rare}", with: rare))
        }
        sentences.append(random.pick(BulkWords.closings) + " " + firstName)
        return sentences.joined(separator: " ")
    }

    /// Replaces `{order}`, `{product}`, `{city}`, `{code}`, `{day}` and `{n}` with drawn values.
    private mutating func fill(_ template: String) -> String {
        guard template.contains("{") else { return template }
        var out = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            out += rest[..<open]
            switch rest[rest.index(after: open)..<close] {
            case "order": out += String(100_000 + random.below(900_000))
            case "product": out += random.pick(BulkWords.products)
            case "city": out += random.pick(BulkWords.cities)
            case "code":
                out += random.pick(["SPRING", "WELCOME", "VIP", "SAVE", "FRIEND"]) + String(10 + random.below(90))
            case "day":
                out += random.pick(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"])
            default: out += String(2 + random.below(40))
            }
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }
}

/// The word lists tickets are drawn from.
private enum BulkWords {
    /// The chance that a ticket's message carries one of the rare words (one in
    /// 1,000, spread over 20 words: about one ticket in 20,000 per word).
    static let rareWordTickets = 0.001

    static let subjects = [
        "Order {order} has not arrived", "Refund for a double charge", "Cannot reset my password",
        "Invoice {order} needs our VAT number", "App crashes on start after the update",
        "Change delivery address for order {order}", "Cancel my subscription", "Damaged {product} received",
        "Question about bulk pricing for {product}", "Two-factor code not accepted", "Wrong size {product} shipped",
        "Talk to a human please", "Payment declined at checkout", "Discount code {code} does not work",
        "Where is my {product}?", "Missing item in order {order}", "Account locked after too many attempts",
        "How do I export my data?", "Warranty claim for my {product}", "Question about upgrading my plan",
        "Email notifications stopped", "Tracking number not updating", "Return label for {product}",
        "Charged after cancelling", "Gift card balance missing", "Change the email on my account",
        "Please delete my account", "{product} stopped working", "Slow delivery to {city}",
        "Refund request for order {order}", "Order {order} arrived late", "Can I pick up in {city}?",
        "Exchange {product} for another colour", "Login link expired", "Invoice address is wrong",
        "Subscription renewed without notice", "Item out of stock, when back?", "Problem with {product} battery",
    ]

    static let greetings = [
        "Hi,", "Hello,", "Hello team,", "Good morning,", "Good afternoon,", "Hey there,", "Dear support,",
    ]

    static let openers = [
        "I am writing about", "I have a problem:", "Quick question regarding", "Following up on", "Urgent:",
        "Could you help me with this:", "I need help with",
    ]

    static let details = [
        "I ordered it on {day} and the tracking page has not changed since.",
        "My order number is {order} in case you need it.", "I already tried twice and it still fails.",
        "The {product} was a gift so I need it before the weekend.",
        "I live in {city} and nobody was home when the courier came.",
        "I attached a photo of the box in my previous email.", "I have contacted you {n} times about this.",
        "The page shows an error and then logs me out.", "I use the app on Android and on my laptop.",
        "Your colleague promised a callback but nobody called.", "Please tell me what information you need from me.",
        "I paid with a credit card ending in {n}.", "The confirmation email never arrived.",
        "The {product} makes a strange noise when I turn it on.", "I would prefer an exchange for a new {product}.",
        "Can you check whether the parcel is still in {city}?", "I have been a customer for {n} years.",
        "My colleague has the same problem with her account.", "It worked fine until last {day}.",
        "The invoice shows the wrong company name.", "Your website says delivery in 3 days but it has been {n}.",
        "I cannot find the settings page you mentioned.", "The discount was not applied to my total.",
        "I moved to {city} last month and updated my address.", "The instructions in the box are missing.",
        "Support chat closed before I could finish.", "I need this sorted out for our office in {city}.",
        "The battery drains in about {n} hours.", "I got two emails with different delivery dates.",
        "Is there a phone number I can call instead?",
    ]

    static let refundSentences = [
        "I would like a refund to my original payment method.", "Please refund the shipping cost as well.",
        "If you cannot fix it, I want a full refund.", "How long does a refund usually take?",
    ]

    static let rareSentences = [
        "It is the {rare} edition.", "The box had a {rare} sticker on it.", "It came with a {rare} charm.",
        "My reference mentions {rare} for some reason.",
    ]

    static let closings = ["Thanks,", "Thank you,", "Regards,", "Best,", "Cheers,", "Many thanks,", "Kind regards,"]

    static let products = [
        "lamp", "kettle", "backpack", "headphones", "desk chair", "yoga mat", "coffee grinder", "phone case",
        "smart watch", "water bottle", "sneakers", "rain jacket", "blender", "keyboard", "monitor stand", "toaster",
        "suitcase", "camera strap", "bike light", "throw blanket", "tea set", "speaker", "router", "charger",
        "wallet", "sunglasses", "fountain pen", "notebook", "baby monitor", "air purifier",
    ]

    static let cities = [
        "Lisbon", "Porto", "Madrid", "Barcelona", "Paris", "Lyon", "Berlin", "Munich", "Hamburg", "Vienna",
        "Zurich", "Milan", "Rome", "Amsterdam", "Rotterdam", "Brussels", "Dublin", "London", "Manchester",
        "Edinburgh", "Copenhagen", "Stockholm", "Oslo", "Helsinki", "Warsaw", "Prague", "Budapest", "Athens",
        "Toronto", "São Paulo",
    ]

    static let firstNames = [
        "Alice", "Bruno", "Chloé", "Daniel", "Emma", "Farid", "Greta", "Hiro", "Isabel", "Jonas", "Kate", "Luca",
        "Maya", "Noah", "Olga", "Pedro", "Quentin", "Rosa", "Samir", "Tara", "Uma", "Viktor", "Wen", "Xavier",
        "Yara", "Zoë", "Ana", "Ben", "Carla", "Dmitri", "Elif", "Fatima", "Gustavo", "Hanna", "Ivan", "Julia",
        "Kenji", "Lena", "Marco", "Nadia", "Oscar", "Priya", "Rafael", "Sofia", "Tomás", "Ursula", "Vera",
        "William", "Yusuf", "Zainab",
    ]

    static let lastNames = [
        "Martin", "Costa", "Dubois", "Weber", "Johnson", "Haddad", "Nilsson", "Tanaka", "Ruiz", "Becker",
        "O'Brien", "Rossi", "Müller", "Silva", "Kowalski", "Novak", "García", "Fernández", "Smith", "Brown",
        "Jansen", "Peeters", "Larsen", "Virtanen", "Horváth", "Papadopoulos", "Yilmaz", "Kim", "Nguyen", "Singh",
        "Okafor", "Mensah", "Ivanova", "Schmidt", "Moreau", "Lefèvre", "Bianchi", "Romano", "Santos", "Pereira",
        "Andersen", "Berg", "Walsh", "Murphy", "Cohen", "Levi", "Sato", "Chen", "Patel", "Khan",
    ]

    /// The names as they appear in email addresses and handles: lower case, no accents, letters only.
    static let asciiFirstNames = firstNames.map(ascii)
    static let asciiLastNames = lastNames.map(ascii)

    private static func ascii(_ name: String) -> String {
        String(name.lowercased().folding(options: .diacriticInsensitive, locale: nil).filter { $0.isLetter })
    }

    static let domains = [
        "example.com", "example.org", "example.net", "mail.example", "post.example", "inbox.example",
    ]
}
