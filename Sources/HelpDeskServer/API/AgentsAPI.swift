import Foundation
import HelpDeskChannels
import HelpDeskCore
import HelpDeskService
import HelpDeskStore
import Hummingbird

/// Agents (with their Support Handover) and their channels.
enum AgentsAPI {
    struct BrainBody: Decodable {
        var kind: String
        var baseURL: String?
        var model: String?
        var apiKey: String?

        enum CodingKeys: String, CodingKey { case kind, baseURL, model, apiKey }

        /// Only an LLM brain reads the other fields; a builtin brain ignores them.
        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            kind = try c.decode(String.self, forKey: .kind)
            guard kind == "llm" else { return }
            baseURL = try c.decode(String.self, forKey: .baseURL)
            model = try c.decode(String.self, forKey: .model)
            apiKey = try c.decodeUnlessAbsent(String.self, forKey: .apiKey)
        }
    }

    struct AgentBody: Decodable {
        var name: String
        var instructions: String?
        var brain: BrainBody?
        var faq: [FAQEntry]?
        var supportHandover: SupportHandover?

        func draft() throws -> AgentDraft {
            let choice: BrainChoice
            switch brain?.kind ?? "builtin" {
            case "builtin": choice = .builtin
            case "llm":
                choice = .llm(baseURL: brain?.baseURL ?? "", model: brain?.model ?? "", apiKey: brain?.apiKey)
            case let other:
                throw HelpDeskError.invalid("brain.kind", "must be one of builtin, llm (got \"\(other)\")")
            }
            return AgentDraft(
                name: name, instructions: instructions ?? "", brain: choice, faq: faq ?? [],
                supportHandover: supportHandover)
        }
    }

    /// An agent as the API shows it: the LLM key is write-only.
    struct AgentJSON: Encodable {
        let agent: Agent
        enum Keys: String, CodingKey { case id, name, instructions, brain, faq, supportHandover, createdAt, updatedAt }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(agent.id, forKey: .id)
            try c.encode(agent.name, forKey: .name)
            try c.encode(agent.instructions, forKey: .instructions)
            switch agent.brain {
            case .builtin: try c.encode(["kind": "builtin"], forKey: .brain)
            case .llm(let baseURL, let model, let key):
                try c.encode(
                    ["kind": "llm", "baseURL": baseURL, "model": model, "apiKeySet": key == nil ? "false" : "true"],
                    forKey: .brain)
            }
            try c.encode(agent.faq, forKey: .faq)
            try c.encode(agent.supportHandover, forKey: .supportHandover)
            try c.encode(agent.createdAt, forKey: .createdAt)
            try c.encode(agent.updatedAt, forKey: .updatedAt)
        }
    }

    struct ChannelBody: Decodable {
        /// Every kind's settings; each kind reads its own.
        struct Config: Decodable {
            var allowedOrigins: [String]?
            var preChat: PreChatForm?
            var botToken: String?
            var secretToken: String?
            var apiBaseURL: String?
            var phoneNumberId: String?
            var accessToken: String?
            var appSecret: String?
            var verifyToken: String?
            var ratingTemplate: String?
            var ratingTemplateLanguage: String?
            var address: String?
            var smtp: SMTP?

            /// An email channel's outgoing mail server; on a PATCH what is absent stays.
            struct SMTP: Decodable {
                var host: String?
                var port: Int?
                var username: String?
                var password: String?
                var tls: SMTPSecurity?

                enum CodingKeys: String, CodingKey { case host, port, username, password, tls }

                init(from decoder: any Decoder) throws {
                    let c = try decoder.container(keyedBy: CodingKeys.self)
                    host = try c.decodeUnlessAbsent(String.self, forKey: .host)
                    port = try c.decodeUnlessAbsent(Int.self, forKey: .port)
                    username = try c.decodeUnlessAbsent(String.self, forKey: .username)
                    password = try c.decodeUnlessAbsent(String.self, forKey: .password)
                    tls = try c.decodeUnlessAbsent(SMTPSecurity.self, forKey: .tls)
                }
            }

            enum CodingKeys: String, CodingKey {
                case allowedOrigins, preChat, botToken, secretToken, apiBaseURL, phoneNumberId, accessToken, appSecret,
                    verifyToken, ratingTemplate, ratingTemplateLanguage, address, smtp
            }

            /// Any may be left out, none sent as `null` (the document allows no null).
            init(from decoder: any Decoder) throws {
                let c = try decoder.container(keyedBy: CodingKeys.self)
                allowedOrigins = try c.decodeUnlessAbsent([String].self, forKey: .allowedOrigins)
                preChat = try c.decodeUnlessAbsent(PreChatForm.self, forKey: .preChat)
                botToken = try c.decodeUnlessAbsent(String.self, forKey: .botToken)
                secretToken = try c.decodeUnlessAbsent(String.self, forKey: .secretToken)
                apiBaseURL = try c.decodeUnlessAbsent(String.self, forKey: .apiBaseURL)
                phoneNumberId = try c.decodeUnlessAbsent(String.self, forKey: .phoneNumberId)
                accessToken = try c.decodeUnlessAbsent(String.self, forKey: .accessToken)
                appSecret = try c.decodeUnlessAbsent(String.self, forKey: .appSecret)
                verifyToken = try c.decodeUnlessAbsent(String.self, forKey: .verifyToken)
                ratingTemplate = try c.decodeUnlessAbsent(String.self, forKey: .ratingTemplate)
                ratingTemplateLanguage = try c.decodeUnlessAbsent(String.self, forKey: .ratingTemplateLanguage)
                address = try c.decodeUnlessAbsent(String.self, forKey: .address)
                smtp = try c.decodeUnlessAbsent(SMTP.self, forKey: .smtp)
            }
        }
        var kind: Channel
        var agentId: String
        var config: Config?
    }

    /// `PATCH /api/v1/channels/{id}`: the parts of the configuration to change (for a web channel, its
    /// allowed origins and its pre-chat form); what is absent stays as it was.
    struct ChannelPatchBody: Decodable {
        var config: ChannelBody.Config
    }

    struct WebConfig: Encodable {
        var allowedOrigins: [String]
        var preChat: PreChatForm
    }

    /// A Telegram channel's settings as shown: the token and the secret are write-only.
    struct TelegramConfig: Encodable {
        var apiBaseURL: String
        var botTokenSet: Bool
        var secretTokenSet: Bool
    }

    /// A WhatsApp channel's settings as shown: the token and both secrets are write-only.
    struct WhatsAppConfig: Encodable {
        var phoneNumberId: String
        var apiBaseURL: String
        var accessTokenSet: Bool
        var appSecretSet: Bool
        var verifyTokenSet: Bool
        var ratingTemplate: String
        var ratingTemplateLanguage: String
    }

    /// An email channel's settings as shown: the SMTP password and the inbound secret are write-only.
    struct EmailConfig: Encodable {
        var address: String
        var smtp: SMTPView
        var inboundURLPath: String
        struct SMTPView: Encodable {
            var host: String
            var port: Int
            var username: String?
            var passwordSet: Bool
            var tls: SMTPSecurity
        }
    }

    struct ChannelJSON: Encodable {
        let channel: ChannelConnection
        /// Only in the answer that creates an email channel: the inbound secret, shown this once.
        var inboundSecret: String? = nil
        enum Keys: String, CodingKey { case id, kind, agentId, config, createdAt, inboundSecret }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(channel.id, forKey: .id)
            try c.encode(channel.kind, forKey: .kind)
            try c.encode(channel.agentID, forKey: .agentId)
            switch channel.configuration {
            case .web(let origins, let preChat):
                try c.encode(WebConfig(allowedOrigins: origins, preChat: preChat), forKey: .config)
            case .telegram(let settings):
                try c.encode(
                    TelegramConfig(
                        apiBaseURL: settings.apiBaseURL, botTokenSet: !settings.botToken.isEmpty,
                        secretTokenSet: !settings.secretToken.isEmpty), forKey: .config)
            case .email(let settings):
                try c.encode(
                    EmailConfig(
                        address: settings.address,
                        smtp: .init(
                            host: settings.smtp.host, port: settings.smtp.port, username: settings.smtp.username,
                            passwordSet: settings.smtp.password != nil, tls: settings.smtp.security),
                        inboundURLPath: "/hooks/email/\(channel.id)"), forKey: .config)
            case .whatsapp(let settings):
                try c.encode(
                    WhatsAppConfig(
                        phoneNumberId: settings.phoneNumberID, apiBaseURL: settings.apiBaseURL,
                        accessTokenSet: !settings.accessToken.isEmpty, appSecretSet: !settings.appSecret.isEmpty,
                        verifyTokenSet: !settings.verifyToken.isEmpty, ratingTemplate: settings.ratingTemplate,
                        ratingTemplateLanguage: settings.ratingTemplateLanguage), forKey: .config)
            }
            try c.encode(channel.createdAt, forKey: .createdAt)
            try c.encodeIfPresent(inboundSecret, forKey: .inboundSecret)
        }
    }

    /// Checks an allowed origin: `*` or scheme://host[:port], nothing more.
    /// A web channel's allowed origins, trimmed; each must be an origin (or `*`), and at least one.
    static func webOrigins(_ given: [String]?) throws -> [String] {
        let origins = (given ?? []).map { $0.trimmingWhitespace() }
        guard !origins.isEmpty else {
            throw HelpDeskError.invalid(
                "config.allowedOrigins", "list at least one page origin, such as https://www.example.com")
        }
        let bad = origins.enumerated().filter { !validOrigin($0.element) }
        guard bad.isEmpty else {
            throw HelpDeskError.invalid(
                bad.map {
                    FieldError(
                        field: "config.allowedOrigins[\($0.offset)]",
                        message: "must be an origin such as https://www.example.com (got \"\($0.element)\")")
                })
        }
        return origins
    }

    static func validOrigin(_ origin: String) -> Bool {
        if origin == "*" { return true }
        guard let url = URL(string: origin), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
            url.host != nil, url.path.isEmpty || url.path == "/", url.query == nil
        else { return false }
        return true
    }

    /// A new channel's configuration from the request (an email channel keeps the hash of its new inbound secret).
    static func configuration(_ body: ChannelBody, inboundSecretHash: String = "") throws -> ChannelConfiguration {
        switch body.kind {
        case .web:
            return .web(
                allowedOrigins: try webOrigins(body.config?.allowedOrigins), preChat: body.config?.preChat ?? .off)
        case .telegram:
            return .telegram(
                TelegramSettings(
                    botToken: body.config?.botToken ?? "", secretToken: body.config?.secretToken ?? "",
                    apiBaseURL: body.config?.apiBaseURL ?? TelegramSettings.defaultAPIBaseURL))
        case .whatsapp:
            return .whatsapp(
                WhatsAppSettings(
                    phoneNumberID: body.config?.phoneNumberId ?? "", accessToken: body.config?.accessToken ?? "",
                    appSecret: body.config?.appSecret ?? "", verifyToken: body.config?.verifyToken ?? "",
                    apiBaseURL: body.config?.apiBaseURL ?? WhatsAppSettings.defaultAPIBaseURL,
                    ratingTemplate: body.config?.ratingTemplate ?? "",
                    ratingTemplateLanguage: body.config?.ratingTemplateLanguage
                        ?? WhatsAppSettings.defaultTemplateLanguage))
        case .email:
            let smtp = body.config?.smtp
            return .email(
                EmailSettings(
                    address: body.config?.address ?? "",
                    smtp: SMTPServer(
                        host: smtp?.host ?? "", port: smtp?.port ?? 587, username: smtp?.username,
                        password: smtp?.password, security: smtp?.tls ?? .starttls),
                    inboundSecretHash: inboundSecretHash))
        }
    }

    /// A channel's configuration changed by a PATCH: what the body leaves out stays (secrets included).
    static func configuration(_ patch: ChannelBody.Config, changing current: ChannelConfiguration) throws
        -> ChannelConfiguration
    {
        switch current {
        case .web(let origins, let preChat):
            return .web(
                allowedOrigins: try patch.allowedOrigins.map(webOrigins) ?? origins, preChat: patch.preChat ?? preChat)
        case .telegram(let settings):
            return .telegram(
                TelegramSettings(
                    botToken: patch.botToken ?? settings.botToken,
                    secretToken: patch.secretToken ?? settings.secretToken,
                    apiBaseURL: patch.apiBaseURL ?? settings.apiBaseURL))
        case .email(let settings):
            return .email(
                EmailSettings(
                    address: patch.address ?? settings.address,
                    smtp: SMTPServer(
                        host: patch.smtp?.host ?? settings.smtp.host, port: patch.smtp?.port ?? settings.smtp.port,
                        username: patch.smtp?.username ?? settings.smtp.username,
                        password: patch.smtp?.password ?? settings.smtp.password,
                        security: patch.smtp?.tls ?? settings.smtp.security),
                    inboundSecretHash: settings.inboundSecretHash))
        case .whatsapp(let settings):
            return .whatsapp(
                WhatsAppSettings(
                    phoneNumberID: patch.phoneNumberId ?? settings.phoneNumberID,
                    accessToken: patch.accessToken ?? settings.accessToken,
                    appSecret: patch.appSecret ?? settings.appSecret,
                    verifyToken: patch.verifyToken ?? settings.verifyToken,
                    apiBaseURL: patch.apiBaseURL ?? settings.apiBaseURL,
                    ratingTemplate: patch.ratingTemplate ?? settings.ratingTemplate,
                    ratingTemplateLanguage: patch.ratingTemplateLanguage ?? settings.ratingTemplateLanguage))
        }
    }

    static func register(_ routes: RouteTable, helpDesk: HelpDesk, channels: ChatChannels) {
        routes.add(.get, "/api/v1/agents") { _, context in
            let caller = try context.requireCaller()
            return try jsonResponse(ItemsJSON(items: try await helpDesk.agents(caller).map(AgentJSON.init)))
        }
        routes.add(.post, "/api/v1/agents") { request, context in
            let caller = try context.requireCaller()
            try caller.requireConfigure("create agents")
            let body = try await request.decodeJSON(AgentBody.self)
            let agent = try await helpDesk.createAgent(caller, try body.draft())
            return try jsonResponse(AgentJSON(agent: agent), status: .created)
        }
        routes.add(.get, "/api/v1/agents/:id") { _, context in
            let caller = try context.requireCaller()
            return try jsonResponse(
                AgentJSON(agent: try await helpDesk.agent(caller, id: context.parameters.get("id") ?? "")))
        }
        routes.add(.put, "/api/v1/agents/:id") { request, context in
            let caller = try context.requireCaller()
            try caller.requireConfigure("change agents")
            let body = try await request.decodeJSON(AgentBody.self)
            let agent = try await helpDesk.replaceAgent(
                caller, id: context.parameters.get("id") ?? "", try body.draft())
            return try jsonResponse(AgentJSON(agent: agent))
        }
        routes.add(.delete, "/api/v1/agents/:id") { _, context in
            let caller = try context.requireCaller()
            let id = context.parameters.get("id") ?? ""
            let connected = try await helpDesk.channels(caller).filter { $0.agentID == id }
            try await helpDesk.deleteAgent(caller, id: id)
            // The agent's channels go with it.
            for channel in connected { await channels.telegram.disconnect(channel) }
            return Response(status: .noContent)
        }
        routes.add(.get, "/api/v1/channels") { _, context in
            let caller = try context.requireCaller()
            return try jsonResponse(
                ItemsJSON(items: try await helpDesk.channels(caller).map { ChannelJSON(channel: $0) }))
        }
        routes.add(.post, "/api/v1/channels") { request, context in
            let caller = try context.requireCaller()
            try caller.requireConfigure("connect channels")
            let body = try await request.decodeJSON(ChannelBody.self)
            let inbound = body.kind == .email ? HelpDesk.newInboundSecret() : nil
            let channel = try await helpDesk.createChannel(
                caller, kind: body.kind, agentID: body.agentId,
                configuration: try configuration(body, inboundSecretHash: inbound?.hash ?? ""))
            do {
                // Telegram is told where to send updates (or the channel's poller starts).
                try await channels.telegram.connect(channel)
            } catch {
                try? await helpDesk.deleteChannel(caller, id: channel.id)
                throw error
            }
            return try jsonResponse(ChannelJSON(channel: channel, inboundSecret: inbound?.secret), status: .created)
        }
        routes.add(.patch, "/api/v1/channels/:id") { request, context in
            let caller = try context.requireCaller()
            try caller.requireConfigure("change channels")
            let body = try await request.decodeJSON(ChannelPatchBody.self)
            let id = context.parameters.get("id") ?? ""
            guard let current = try await helpDesk.channels(caller).first(where: { $0.id == id }) else {
                throw HelpDeskError.notFound("no channel with id \(id) in this team")
            }
            let channel = try await helpDesk.updateChannel(
                caller, id: id, configuration: try configuration(body.config, changing: current.configuration))
            if channel.kind == .telegram, channel.configuration != current.configuration {
                do {
                    try await channels.telegram.reconnect(from: current, to: channel)
                } catch {
                    // Telegram refused the new settings: the channel keeps the old ones.
                    _ = try? await helpDesk.updateChannel(caller, id: id, configuration: current.configuration)
                    try? await channels.telegram.connect(current)
                    throw error
                }
            }
            return try jsonResponse(ChannelJSON(channel: channel))
        }
        // The email channel's "send a test mail": to the caller unless `to` names another address.
        routes.add(.post, "/api/v1/channels/:id/test-mail") { request, context in
            let caller = try context.requireCaller()
            try caller.requireConfigure("send test mail")
            struct Body: Decodable {
                var to: String?
                init(from decoder: any Decoder) throws {
                    let c = try decoder.container(keyedBy: CodingKeys.self)
                    to = try c.decodeUnlessAbsent(String.self, forKey: .to)
                }
                init() {}
                enum CodingKeys: String, CodingKey { case to }
            }
            let body = request.headers[.contentType] == nil ? Body() : try await request.decodeJSON(Body.self)
            let id = context.parameters.get("id") ?? ""
            guard let channel = try await helpDesk.channels(caller).first(where: { $0.id == id }) else {
                throw HelpDeskError.notFound("no channel with id \(id) in this team")
            }
            let to = body.to?.trimmingWhitespace() ?? caller.member.email
            guard EmailAddress.isValid(to) else {
                throw HelpDeskError.invalid("to", "must be an email address such as ana@example.com")
            }
            let reply = try await channels.sendTestMail(channel, to: to)
            struct Sent: Encodable {
                var ok = true
                var to: String
                var reply: String
            }
            return try jsonResponse(Sent(to: to, reply: reply))
        }
        routes.add(.delete, "/api/v1/channels/:id") { _, context in
            let caller = try context.requireCaller()
            let id = context.parameters.get("id") ?? ""
            let channel = try await helpDesk.channels(caller).first(where: { $0.id == id })
            try await helpDesk.deleteChannel(caller, id: id)
            // Telegram stops sending updates (or the channel's poller stops).
            if let channel { await channels.telegram.disconnect(channel) }
            return Response(status: .noContent)
        }
    }
}
