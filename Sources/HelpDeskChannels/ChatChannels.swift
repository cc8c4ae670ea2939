import Foundation
import HelpDeskCore
import HelpDeskService
import Logging

/// How the chat channels run in this process.
public struct ChatChannelsConfiguration: Sendable {
    /// The server's public URL: Telegram webhooks when set, long polling otherwise.
    public var publicURL: String?
    /// Where member-configured API base URLs may lead.
    public var outbound: OutboundPolicy
    /// How long Telegram holds a getUpdates request open.
    public var pollTimeoutSeconds: Int
    /// How often an instance whose channel another instance polls asks again whether it may take over.
    public var pollingStandby: Duration
    /// Whether `run()` runs the outbox worker (tests drive it with `runOnce()` instead).
    public var runsOutboxWorker: Bool
    public var retryPolicy: RetryPolicy
    /// The worker's pause when the outbox is empty.
    public var outboxIdle: Duration
    /// How often conversations still owed an answer are picked up again.
    public var sweepInterval: Duration
    /// How long the outbox worker's claim on a delivery lasts (see `OutboxWorker`).
    public var outboxLeaseSeconds: Double = 60
    /// How often SLA clocks are swept: a warning or a breach reaches the timeline within this.
    public var slaSweepInterval: Duration = .seconds(15)
    /// How long the AI works before a chat shows "typing…".
    public var typingGrace: Duration
    /// Which certificates mail servers may present (tests trust their own).
    public var smtpTrust: SMTPCertificateTrust
    /// The built-in inbound SMTP listener (`--smtp-port`), when it runs.
    public var smtpListener: SMTPListenerConfiguration?
    /// Told the listener's port once it listens (port 0 picks a free one).
    public var onSMTPListening: @Sendable (Int) async -> Void = { _ in }

    public init(
        publicURL: String? = nil, outbound: OutboundPolicy = OutboundPolicy(), pollTimeoutSeconds: Int = 25,
        runsOutboxWorker: Bool = true, retryPolicy: RetryPolicy = RetryPolicy(),
        outboxIdle: Duration = .milliseconds(500), sweepInterval: Duration = .seconds(60),
        typingGrace: Duration = .milliseconds(500), smtpTrust: SMTPCertificateTrust = .systemRoots,
        smtpListener: SMTPListenerConfiguration? = nil, pollingStandby: Duration = .seconds(5)
    ) {
        self.pollingStandby = pollingStandby
        self.publicURL = publicURL
        self.outbound = outbound
        self.pollTimeoutSeconds = pollTimeoutSeconds
        self.runsOutboxWorker = runsOutboxWorker
        self.retryPolicy = retryPolicy
        self.outboxIdle = outboxIdle
        self.sweepInterval = sweepInterval
        self.typingGrace = typingGrace
        self.smtpTrust = smtpTrust
        self.smtpListener = smtpListener
    }
}

/// Everything chat channels do in the background of one server process: the
/// channel adapters, the queue of the AI's answers, and the outbox worker with
/// their deliverers. Routes call the adapters; `run()` is the background work.
public struct ChatChannels: Sendable {
    public let helpDesk: HelpDesk
    public let configuration: ChatChannelsConfiguration
    public let answers: AnswerQueue
    public let telegram: TelegramAdapter
    public let whatsapp: WhatsAppAdapter
    public let email: EmailAdapter
    /// The outbox deliverers of every channel kind this build sends on.
    public let deliverers: [any OutboxDeliverer]
    let logger: Logger

    public init(
        helpDesk: HelpDesk, configuration: ChatChannelsConfiguration,
        logger: Logger = Logger(label: "helpdesk.channels")
    ) {
        self.helpDesk = helpDesk
        self.configuration = configuration
        self.logger = logger
        let api = TelegramBotAPI(outbound: configuration.outbound)
        answers = AnswerQueue(helpDesk: helpDesk, typingGrace: configuration.typingGrace, logger: logger)
        telegram = TelegramAdapter(
            helpDesk: helpDesk, api: api, answers: answers, publicURL: configuration.publicURL,
            pollTimeoutSeconds: configuration.pollTimeoutSeconds, pollingStandby: configuration.pollingStandby,
            logger: logger)
        let graph = WhatsAppGraphAPI(outbound: configuration.outbound)
        whatsapp = WhatsAppAdapter(helpDesk: helpDesk, api: graph, answers: answers, logger: logger)
        email = EmailAdapter(helpDesk: helpDesk)
        let smtp = SMTPClient(trust: configuration.smtpTrust, outbound: configuration.outbound)
        deliverers = [
            TelegramDeliverer(helpDesk: helpDesk, api: api), WhatsAppDeliverer(helpDesk: helpDesk, api: graph),
            EmailDeliverer(helpDesk: helpDesk, client: smtp, publicURL: configuration.publicURL),
            WebhookDeliverer(helpDesk: helpDesk, outbound: configuration.outbound),
        ]
    }

    /// Sends a short test mail through an email channel's SMTP server to `to` and returns the
    /// server's final reply; a failure is 422 with the server's own words.
    public func sendTestMail(_ channel: ChannelConnection, to: String) async throws -> String {
        guard let settings = channel.configuration.email else {
            throw HelpDeskError.notFound(
                "no email channel with id \(channel.id); only an email channel sends test mail")
        }
        let server = SMTPServerSettings(
            host: settings.smtp.host, port: settings.smtp.port, username: settings.smtp.username,
            password: settings.smtp.password,
            tls: SMTPTLSMode(rawValue: settings.smtp.security.rawValue) ?? .starttls)
        let client = SMTPClient(
            clientName: settings.domain.isEmpty ? SMTPClient.defaultClientName : settings.domain,
            trust: configuration.smtpTrust, outbound: configuration.outbound, logger: logger)
        do {
            return try await client.sendTestMail(
                via: server, from: MailAddress(settings.address, name: "HelpDesk"), to: MailAddress(to))
        } catch {
            throw HelpDeskError.unprocessable("the test mail was not sent: \(error.description)")
        }
    }

    /// The outbox worker, with this process's deliverers.
    public var outboxWorker: OutboxWorker {
        helpDesk.outboxWorker(
            deliverers: deliverers, policy: configuration.retryPolicy, leaseSeconds: configuration.outboxLeaseSeconds)
    }

    /// The background work, until cancelled: answers still owed (a restart's
    /// leftovers) are scheduled, Telegram webhooks set or pollers started, the
    /// outbox worker delivers, and owed answers are swept again periodically.
    public func run() async {
        await withTaskGroup(of: Void.self) { group in
            // Setting webhooks may wait on Telegram; deliveries and sweeps do not wait for it.
            group.addTask { await telegram.start() }
            if let listenerConfiguration = configuration.smtpListener {
                let listener = SMTPListener(
                    configuration: listenerConfiguration,
                    delegate: EmailListenerDelegate(helpDesk: helpDesk, email: email, logger: logger), logger: logger)
                let logger = logger
                let listening = configuration.onSMTPListening
                group.addTask {
                    do {
                        try await listener.run { port in
                            logger.notice("the inbound SMTP listener is listening", metadata: ["port": "\(port)"])
                            await listening(port)
                        }
                    } catch {
                        logger.critical("the inbound SMTP listener stopped", metadata: ["error": "\(error)"])
                    }
                }
            }
            if configuration.runsOutboxWorker {
                let worker = outboxWorker
                let idle = configuration.outboxIdle
                group.addTask { await worker.run(idle: idle) }
            }
            group.addTask {
                while !Task.isCancelled {
                    await sweepSLA()
                    try? await Task.sleep(for: configuration.slaSweepInterval)
                }
            }
            group.addTask {
                var sweeps = 0
                while !Task.isCancelled {
                    await sweep(pruning: sweeps % 60 == 0)
                    sweeps += 1
                    try? await Task.sleep(for: configuration.sweepInterval)
                }
            }
            await group.waitForAll()
        }
        await telegram.stop()
    }

    /// Computes SLA clocks that changes moved, and announces warnings and breaches that came.
    public func sweepSLA() async {
        do {
            try await helpDesk.sweepSLA()
        } catch {
            logger.error("the sweep of SLA clocks failed", metadata: ["error": "\(error)"])
        }
    }

    /// Schedules every conversation still owed an answer; now and then forgets old provider event ids.
    public func sweep(pruning: Bool = false) async {
        do {
            for conversation in try await helpDesk.conversationsAwaitingAnswer(limit: 500) {
                await answers.schedule(conversation, clientAddress: "sweep:\(conversation.id)")
            }
            if pruning { try await helpDesk.pruneChannelEvents() }
        } catch {
            logger.error("the sweep of owed answers failed", metadata: ["error": "\(error)"])
        }
    }
}
