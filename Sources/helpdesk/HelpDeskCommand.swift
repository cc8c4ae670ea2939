import ArgumentParser
import Foundation
import HelpDeskCore
import HelpDeskPostgres
import HelpDeskServer
import HelpDeskService
import HelpDeskStore
import Hummingbird
import Logging

@main
struct HelpDeskCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "helpdesk",
        abstract: "A self-hostable help desk for teams that run AI chat agents.",
        subcommands: [
            Serve.self, Migrate.self, CreateTeam.self, CreateMember.self, SetPlan.self, Demo.self,
            RotateSecretKey.self, CopyData.self,
        ])
}

/// Where the data lives; flags win over `HELPDESK_*` environment variables.
struct StoreOptions: ParsableArguments {
    @Option(name: .customLong("data-dir"), help: "Directory of the embedded SQLite database (env HELPDESK_DATA_DIR).")
    var dataDirectory: String?

    @Option(
        name: .customLong("database-url"),
        help: "postgres:// URL to use PostgreSQL instead (env HELPDESK_DATABASE_URL).")
    var databaseURL: String?

    @Option(
        name: .customLong("database-pool-size"),
        help: "Most connections to PostgreSQL per instance (env HELPDESK_DATABASE_POOL_SIZE; default 10).")
    var databasePoolSize: Int?

    func apply(to configuration: inout ServerConfiguration) {
        let environment = ProcessInfo.processInfo.environment
        configuration.dataDirectory = dataDirectory ?? environment["HELPDESK_DATA_DIR"] ?? configuration.dataDirectory
        configuration.databaseURL = databaseURL ?? environment["HELPDESK_DATABASE_URL"]
        configuration.databasePoolSize =
            databasePoolSize ?? environment["HELPDESK_DATABASE_POOL_SIZE"].flatMap { Int($0) }
            ?? configuration.databasePoolSize
    }
}

/// Runs a command body, turning any error into one line on standard error and exit status 1.
func reportingErrors(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let error as ExitCode {
        throw error
    } catch {
        FileHandle.standardError.write(Data("error: \(error)\n".utf8))
        throw ExitCode.failure
    }
}

/// Address ranges from a repeatable option, else from a comma-separated environment variable.
func addressRanges(_ values: [String], environment: String?, option: String) throws -> [AddressRange] {
    let texts = values.isEmpty ? (environment ?? "").split(separator: ",").map(String.init) : values
    return try texts.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.map { text in
        guard let range = AddressRange(text) else {
            throw ValidationError("--\(option): \"\(text)\" is not an address range such as 10.0.0.0/8 or ::1/128")
        }
        return range
    }
}

func makeHelpDesk(_ configuration: ServerConfiguration) async throws -> HelpDesk {
    HelpDesk(store: try await openStore(configuration), configuration: configuration)
}

func printJSON(_ value: some Encodable) {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    say(String(decoding: (try? encoder.encode(value)) ?? Data(), as: UTF8.self))
}

func parseOption<E: WireEnum>(_ text: String, as type: E.Type, option: String) throws -> E {
    guard let value = E(rawValue: text) else {
        throw ValidationError("--\(option) must be one of \(E.allowedValues) (got \"\(text)\")")
    }
    return value
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the server.")

    @OptionGroup var store: StoreOptions
    @Option(help: "Address to listen on (env HELPDESK_HOST).") var host: String?
    @Option(help: "Port to listen on (env HELPDESK_PORT).") var port: Int?
    @Option(
        name: .customLong("smtp-port"),
        help:
            "Port of the built-in inbound SMTP listener on --host (off when absent): mail to an email channel's support address opens or continues tickets."
    )
    var smtpPort: Int?
    @Option(name: .customLong("public-url"), help: "The URL people reach the server at (env HELPDESK_PUBLIC_URL).")
    var publicURL: String?
    @Option(
        name: .customLong("rate-limit-exempt"),
        help: """
            Addresses (CIDR, repeatable; env HELPDESK_RATE_LIMIT_EXEMPT, comma-separated) exempt from the \
            anonymous routes' rate limits, never from sign-in protection.
            """)
    var rateLimitExempt: [String] = []
    @Option(
        name: .customLong("outbound-allow"),
        help: """
            Private or loopback ranges (CIDR, repeatable; env HELPDESK_OUTBOUND_ALLOW, comma-separated) that \
            member-configured URLs such as LLM base URLs may reach, e.g. 127.0.0.0/8 for a model on this machine.
            """)
    var outboundAllow: [String] = []
    @Option(
        name: .customLong("outbox-lease"),
        help: """
            Seconds an outbox delivery stays claimed by the instance sending it (env HELPDESK_OUTBOX_LEASE; \
            default 60, from 15 to 3600): if that instance dies, another sends it once the claim lapses. Keep \
            it above the slowest delivery (providers and webhook receivers time out after 10 s).
            """)
    var outboxLease: Int?
    @Option(
        name: .customLong("trusted-proxy"),
        help: """
            Reverse proxies (CIDR, repeatable; env HELPDESK_TRUSTED_PROXY, comma-separated) whose \
            X-Forwarded-For names the client for sign-in and rate limits.
            """)
    var trustedProxy: [String] = []
    @Option(
        name: .customLong("max-connections-per-address"),
        help: """
            TCP connections one client address may hold open at once (one /64 for IPv6; trusted proxies are \
            not counted); more are answered 503 and closed (env HELPDESK_MAX_CONNECTIONS_PER_ADDRESS; \
            default 256).
            """)
    var maxConnectionsPerAddress: Int?
    @Option(
        name: .customLong("max-attachment-bytes"),
        help: """
            The largest file members and widget visitors may upload, in bytes \
            (env HELPDESK_MAX_ATTACHMENT_BYTES; default 10485760, 10 MB).
            """)
    var maxAttachmentBytes: Int?
    @Flag(help: "Seed a demo team on first start and print its sign-in details.") var demo = false

    func run() async throws {
        try await reportingErrors {
            let environment = ProcessInfo.processInfo.environment
            var configuration = ServerConfiguration()
            store.apply(to: &configuration)
            configuration.host = host ?? environment["HELPDESK_HOST"] ?? configuration.host
            configuration.port = port ?? environment["HELPDESK_PORT"].flatMap(Int.init) ?? configuration.port
            configuration.publicURL = publicURL ?? environment["HELPDESK_PUBLIC_URL"]
            configuration.demo = demo
            configuration.anonymousLimits.exempt = try addressRanges(
                rateLimitExempt, environment: environment["HELPDESK_RATE_LIMIT_EXEMPT"], option: "rate-limit-exempt")
            configuration.trustedProxies = try addressRanges(
                trustedProxy, environment: environment["HELPDESK_TRUSTED_PROXY"], option: "trusted-proxy")
            configuration.outbound = OutboundPolicy(
                allowing: try addressRanges(
                    outboundAllow, environment: environment["HELPDESK_OUTBOUND_ALLOW"], option: "outbound-allow"))
            if let text = maxConnectionsPerAddress.map(String.init)
                ?? environment["HELPDESK_MAX_CONNECTIONS_PER_ADDRESS"]
            {
                guard let limit = Int(text), limit >= 1 else {
                    throw ValidationError(
                        "--max-connections-per-address must be a whole number of at least 1 (got \"\(text)\")")
                }
                configuration.maxConnectionsPerAddress = limit
            }
            if let text = maxAttachmentBytes.map(String.init) ?? environment["HELPDESK_MAX_ATTACHMENT_BYTES"] {
                guard let limit = Int(text), limit >= 1 else {
                    throw ValidationError(
                        "--max-attachment-bytes must be a whole number of bytes, at least 1 (got \"\(text)\")")
                }
                configuration.maxAttachmentBytes = limit
            }
            if let text = outboxLease.map(String.init) ?? environment["HELPDESK_OUTBOX_LEASE"] {
                guard let seconds = Int(text), (15...3_600).contains(seconds) else {
                    throw ValidationError(
                        "--outbox-lease must be a whole number of seconds from 15 to 3600 (got \"\(text)\")")
                }
                configuration.outboxLeaseSeconds = Double(seconds)
            }
            if let smtpPort {
                guard (1...65_535).contains(smtpPort) else {
                    throw ValidationError("--smtp-port must be a port from 1 to 65535 (got \(smtpPort))")
                }
                configuration.smtpPort = smtpPort
            }
            var logger = Logger(label: "helpdesk")
            logger.logLevel = environment["HELPDESK_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
            let helpDesk = try await makeHelpDesk(configuration)
            if demo { try await seedDemoIfEmpty(helpDesk, configuration: configuration) }
            let host = configuration.host
            let app = buildApplication(
                helpDesk: helpDesk, configuration: configuration, logger: logger,
                onServerRunning: { port in
                    say("HelpDesk is listening on http://\(host):\(port)")
                })
            try await app.runService()
        }
    }

    func seedDemoIfEmpty(_ helpDesk: HelpDesk, configuration: ServerConfiguration) async throws {
        let file = (configuration.dataDirectory as NSString).appendingPathComponent("demo-sign-in.json")
        if let data = FileManager.default.contents(atPath: file),
            let details = try? JSONDecoder().decode(DemoSeeder.SignInDetails.self, from: data)
        {
            printSignIn(details, configuration: configuration, fresh: false)
            return
        }
        let details = try await DemoSeeder(helpDesk: helpDesk).seed()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        _ = FileManager.default.createFile(
            atPath: file, contents: try encoder.encode(details), attributes: [.posixPermissions: 0o600])
        printSignIn(details, configuration: configuration, fresh: true)
    }
}

func printSignIn(_ details: DemoSeeder.SignInDetails, configuration: ServerConfiguration, fresh: Bool) {
    say(
        """
        \(fresh ? "Seeded the demo team" : "The demo team is already seeded") (team \(details.teamID)).
        Sign in at http://\(configuration.host):\(configuration.port)/app or through the API:
          email:    \(details.email)
          password: \(details.password)
        Same password for \(details.others.joined(separator: ", ")).
        \(details.widgetChannelID.map { "Web widget channel: \($0) (POST /widget/v1/\($0)/sessions)" } ?? "")
        """)
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply database migrations and exit.")
    @OptionGroup var store: StoreOptions

    func run() async throws {
        try await reportingErrors {
            var configuration = ServerConfiguration()
            store.apply(to: &configuration)
            await closeStore(try await openStore(configuration))
            say("migrations applied")
        }
    }
}

struct RotateSecretKey: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rotate-secret-key",
        abstract: "Seal every stored secret with a new key in DATA_DIR/secret.key and drop the old key.")
    @OptionGroup var store: StoreOptions

    func run() async throws {
        try await reportingErrors {
            var configuration = ServerConfiguration()
            store.apply(to: &configuration)
            guard configuration.databaseURL == nil else {
                throw ValidationError("rotate-secret-key works on the embedded SQLite store (--data-dir)")
            }
            let path = (configuration.dataDirectory as NSString).appendingPathComponent("helpdesk.sqlite")
            guard FileManager.default.fileExists(atPath: path) else {
                throw ValidationError("no database at \(path)")
            }
            try SQLiteStore.rotateSecretKey(databasePath: path)
            say("secrets sealed with a new key; \(SQLiteStore.secretKeyFile(besideDatabase: path)) holds only it")
        }
    }
}

struct CopyData: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy-data",
        abstract: "Copy a SQLite deployment into an empty, migrated PostgreSQL database.",
        discussion: """
            Copies every table in batches, in id order, with a progress line on stderr. Rows already \
            there are skipped, so running it again after a stop goes on where it was. Ends by comparing \
            every table's row count (exit status 1 when they differ). The PostgreSQL instances must \
            use the same secret key (HELPDESK_SECRET_KEY, or copy FROM/secret.key into their data directory).
            """)

    @Option(name: .customLong("from"), help: "The SQLite data directory (holding helpdesk.sqlite and secret.key).")
    var from: String

    @Option(name: .customLong("to"), help: "postgres:// URL of the database to fill (migrated on open).")
    var to: String

    @Option(name: .customLong("batch-size"), help: "Rows per insert (default 500).")
    var batchSize = 500

    func run() async throws {
        try await reportingErrors {
            guard to.hasPrefix("postgres://") || to.hasPrefix("postgresql://") else {
                throw ValidationError("--to must be a postgres:// URL (got \(to))")
            }
            guard batchSize >= 1 else { throw ValidationError("--batch-size must be at least 1") }
            let path = (from as NSString).appendingPathComponent("helpdesk.sqlite")
            guard FileManager.default.fileExists(atPath: path) else {
                throw ValidationError("no SQLite database at \(path); --from names the data directory")
            }
            let source = try SQLiteStore(directory: from)
            let target = try await PostgresStore.open(
                PostgresStore.Options(
                    url: to, poolSize: 2, secretKeyFile: SQLiteStore.secretKeyFile(besideDatabase: path)))
            do {
                let counts = try await DataCopy.run(from: source, to: target, batch: batchSize) { table, done, total in
                    let line = "\rcopying \(table): \(done)/\(total)" + (done == total ? "\n" : "")
                    FileHandle.standardError.write(Data(line.utf8))
                }
                await target.close()
                say("copied \(counts.map { "\($0.table) \($0.copied)" }.joined(separator: ", ")); the counts match")
            } catch {
                await target.close()
                throw error
            }
        }
    }
}

struct CreateTeam: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create-team", abstract: "Create a team; prints its id.")
    @OptionGroup var store: StoreOptions
    @Option var name: String
    @Option(help: "free, hobby, pro or scale") var plan: String
    @Flag var json = false

    func run() async throws {
        try await reportingErrors {
            var configuration = ServerConfiguration()
            store.apply(to: &configuration)
            let plan = try parseOption(plan, as: Plan.self, option: "plan")
            let team = try await makeHelpDesk(configuration).createTeam(name: name, plan: plan)
            if json { printJSON(["id": team.id]) } else { say(team.id) }
        }
    }
}

struct CreateMember: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create-member", abstract: "Add a member to a team; prints the member id.")
    @OptionGroup var store: StoreOptions
    @Option(help: "The team id.") var team: String
    @Option var email: String
    @Option(help: "owner, manager or operator") var role: String
    @Option(name: .customLong("display-name")) var displayName: String
    @Flag(name: .customLong("password-stdin"), help: "Read the password from standard input (required).")
    var passwordStdin = false
    @Flag var json = false

    func run() async throws {
        try await reportingErrors {
            guard passwordStdin else {
                throw ValidationError("pass --password-stdin and the password on standard input")
            }
            var configuration = ServerConfiguration()
            store.apply(to: &configuration)
            let role = try parseOption(role, as: Role.self, option: "role")
            guard let line = readLine(strippingNewline: true), !line.isEmpty else {
                throw ValidationError("no password on standard input")
            }
            let member = try await makeHelpDesk(configuration).createMember(
                teamID: team, email: email, password: line, role: role, displayName: displayName)
            if json { printJSON(["id": member.id]) } else { say(member.id) }
        }
    }
}

struct SetPlan: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "set-plan", abstract: "Change a team's plan.")
    @OptionGroup var store: StoreOptions
    @Option var team: String
    @Option(help: "free, hobby, pro or scale") var plan: String

    func run() async throws {
        try await reportingErrors {
            var configuration = ServerConfiguration()
            store.apply(to: &configuration)
            let plan = try parseOption(plan, as: Plan.self, option: "plan")
            let updated = try await makeHelpDesk(configuration).setPlan(teamID: team, plan: plan)
            say("team \(updated.id) is now on \(updated.plan.rawValue)")
        }
    }
}

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Seed the demo team into the database.")
    @OptionGroup var store: StoreOptions

    func run() async throws {
        try await reportingErrors {
            var configuration = ServerConfiguration()
            store.apply(to: &configuration)
            let details = try await DemoSeeder(helpDesk: try await makeHelpDesk(configuration)).seed()
            printSignIn(details, configuration: configuration, fresh: true)
        }
    }
}

/// Writes a line to standard output at once (print buffers when output is a pipe or a file).
func say(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}
