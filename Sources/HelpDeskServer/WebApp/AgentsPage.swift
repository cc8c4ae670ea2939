import HelpDeskCore
import HelpDeskService

extension WebApp {
    /// The team's AI agents with their web channels and embed snippets, and the
    /// editor for an agent (instructions, brain, FAQ, Support Handover). `app.js`
    /// loads an agent into the editor, saves it with `POST`/`PUT /api/v1/agents`
    /// and creates web channels with `POST /api/v1/channels`.
    enum AgentsPage {
        static func render(chrome: Layout.Chrome, helpDesk: HelpDesk, widgetOrigin: String) async throws -> HTML {
            let caller = chrome.caller
            let agents = try await helpDesk.agents(caller)
            let channels = try await helpDesk.channels(caller)
            let canConfigure = caller.member.role.canConfigure

            let cards = agents.map { agent in
                card(
                    agent, channels: channels.filter { $0.agentID == agent.id }, canConfigure: canConfigure,
                    widgetOrigin: widgetOrigin)
            }
            let list: HTML =
                agents.isEmpty
                ? "<p class=\"empty\" id=\"agents-empty\">No agents yet. Create one to answer customers and hand over to your team.</p>"
                : "\(cards)"
            let main: HTML = """
                <div class="page-head"><h1>Agents</h1>
                \(HTML.when(canConfigure, "<button type=\"button\" class=\"button-primary\" id=\"agent-new\" data-testid=\"agent-new\">New agent</button>"))
                </div>
                \(HTML.when(!canConfigure, "<p class=\"notice\">Only owners and managers can change agents and channels.</p>"))
                <p class="status" id="agents-status" role="status"></p>
                \(HTML.when(canConfigure, editor()))
                <div class="agent-list" id="agent-list">\(list)</div>
                """
            return Layout.page(
                title: "Agents", page: "agents", section: .agents, chrome: chrome,
                bodyData: [("widget-origin", widgetOrigin)], main: main)
        }

        /// The embed snippet for a web channel.
        static func snippet(channelID: String, widgetOrigin: String) -> String {
            "<script src=\"\(widgetOrigin)/widget.js\" data-channel=\"\(channelID)\" async></script>"
        }

        static func card(_ agent: Agent, channels: [ChannelConnection], canConfigure: Bool, widgetOrigin: String)
            -> HTML
        {
            let brain: String =
                switch agent.brain {
                case .builtin: "Built-in (answers from the FAQ, works offline)"
                case .llm(let baseURL, let model, _): "LLM: \(model) at \(baseURL)"
                }
            let handover: String =
                if let handover = agent.supportHandover {
                    "On — default priority \(Words.priority(handover.defaultPriority).lowercased()), human button "
                        + (handover.humanButton
                            ? "after \(handover.messageThreshold) message\(handover.messageThreshold == 1 ? "" : "s")"
                            : "off")
                } else { "Off — this agent never hands over to the team" }
            let webChannels = channels.filter { $0.kind == .web }
            let telegramChannels = channels.filter { $0.kind == .telegram }
            let whatsappChannels = channels.filter { $0.kind == .whatsapp }
            let emailChannels = channels.filter { $0.kind == .email }
            let channelItems = webChannels.map { channel -> HTML in
                let origins = channel.configuration.allowedOrigins.joined(separator: ", ")
                return """
                    <li class="channel" data-channel-id="\(channel.id)">
                    <p><strong>\(Words.channel(channel.kind))</strong> <code>\(channel.id)</code> <span class="muted">Allowed origins: \(origins) · Pre-chat form: \(Words.preChat(channel.configuration.preChat).lowercased())</span></p>
                    <p class="snippet-label" id="snippet-label-\(channel.id)">Paste this into your site’s pages:</p>
                    <pre class="snippet" aria-labelledby="snippet-label-\(channel.id)"><code id="snippet-\(channel.id)" data-testid="snippet">\(snippet(channelID: channel.id, widgetOrigin: widgetOrigin))</code></pre>
                    <button type="button" class="button-quiet copy-snippet" data-copy="snippet-\(channel.id)">Copy snippet<span class="visually-hidden"> for \(channel.id)</span></button>
                    \(HTML.when(canConfigure, channelControls(channel, origins: origins)))
                    </li>
                    """
            }
            let channelForm: HTML = """
                <form class="channel-form stack" data-agent-id="\(agent.id)" novalidate>
                <div class="field"><label for="origins-\(agent.id)">Allowed origins for a new web channel, one per line</label>
                <textarea id="origins-\(agent.id)" name="allowedOrigins" rows="2" placeholder="https://www.example.com"></textarea>
                <span class="field-error" data-error-for="config.allowedOrigins"></span></div>
                \(preChatField(id: "prechat-\(agent.id)", current: .off))
                <p class="error" role="alert"></p>
                <div><button type="submit">Create web channel<span class="visually-hidden"> for \(agent.name)</span></button></div>
                </form>
                """
            return """
                <article class="card agent" id="agent-\(agent.id)" data-agent-id="\(agent.id)" data-testid="agent">
                <div class="card-head"><h2>\(agent.name)</h2>
                \(HTML.when(canConfigure, "<span class=\"card-actions\"><button type=\"button\" class=\"agent-edit\" data-agent-id=\"\(agent.id)\">Edit \(agent.name)</button> <button type=\"button\" class=\"button-quiet agent-delete\" data-agent-id=\"\(agent.id)\" data-agent-name=\"\(agent.name)\">Delete<span class=\"visually-hidden\"> \(agent.name)</span></button></span>"))</div>
                <dl class="facts">
                <div><dt>Brain</dt><dd>\(brain)</dd></div>
                <div><dt>FAQ</dt><dd>\(agent.faq.count) entr\(agent.faq.count == 1 ? "y" : "ies")</dd></div>
                <div><dt>Support Handover</dt><dd>\(handover)</dd></div>
                </dl>
                <h3>Web channels</h3>
                \(webChannels.isEmpty ? HTML("<p class=\"muted\">No web channel yet.</p>") : "<ul class=\"plain-list channels\">\(channelItems)</ul>")
                \(HTML.when(canConfigure, channelForm))
                \(telegramSection(agent, channels: telegramChannels, canConfigure: canConfigure))
                \(whatsappSection(agent, channels: whatsappChannels, canConfigure: canConfigure))
                \(emailSection(agent, channels: emailChannels, canConfigure: canConfigure))
                </article>
                """
        }

        /// The agent's Telegram bots (their token and secret are never shown) and the form that connects one.
        static func telegramSection(_ agent: Agent, channels: [ChannelConnection], canConfigure: Bool) -> HTML {
            let items = channels.map { channel -> HTML in
                let base = channel.configuration.telegram?.apiBaseURL ?? TelegramSettings.defaultAPIBaseURL
                return """
                    <li class="channel" data-channel-id="\(channel.id)">
                    <p><strong>\(Words.channel(channel.kind))</strong> <code>\(channel.id)</code> <span class="muted">Bot API: \(base) · bot token and webhook secret stored, never shown</span></p>
                    \(HTML.when(canConfigure, "<button type=\"button\" class=\"button-quiet channel-delete\" data-channel-id=\"\(channel.id)\" data-kind=\"telegram\">Remove bot<span class=\"visually-hidden\"> \(channel.id)</span></button>"))
                    </li>
                    """
            }
            let form: HTML = """
                <form class="provider-form stack" data-agent-id="\(agent.id)" data-kind="telegram" data-done="Telegram bot connected. Messages to it now reach this agent." novalidate>
                <div class="field"><label for="bot-token-\(agent.id)">Bot token from @BotFather</label>
                <input id="bot-token-\(agent.id)" name="botToken" type="password" autocomplete="off" placeholder="123456789:AAH…">
                <span class="field-error" data-error-for="config.botToken"></span></div>
                <div class="field"><label for="bot-secret-\(agent.id)">Webhook secret (letters, digits, _ and -; a long random one)</label>
                <input id="bot-secret-\(agent.id)" name="secretToken" type="password" autocomplete="off">
                <span class="field-error" data-error-for="config.secretToken"></span></div>
                <div class="field"><label for="bot-api-\(agent.id)">Bot API base URL (leave empty for Telegram's)</label>
                <input id="bot-api-\(agent.id)" name="apiBaseURL" placeholder="\(TelegramSettings.defaultAPIBaseURL)">
                <span class="field-error" data-error-for="config.apiBaseURL"></span></div>
                <p class="error" role="alert"></p>
                <div><button type="submit">Connect Telegram bot<span class="visually-hidden"> for \(agent.name)</span></button></div>
                </form>
                """
            return """
                <h3>Telegram bots</h3>
                \(channels.isEmpty ? HTML("<p class=\"muted\">No Telegram bot yet.</p>") : "<ul class=\"plain-list channels\">\(items)</ul>")
                \(HTML.when(canConfigure, form))
                """
        }

        /// The agent's WhatsApp numbers (the token and both secrets are never shown) and the form that connects one.
        static func whatsappSection(_ agent: Agent, channels: [ChannelConnection], canConfigure: Bool) -> HTML {
            let items = channels.map { channel -> HTML in
                let settings = channel.configuration.whatsapp
                let base = settings?.apiBaseURL ?? WhatsAppSettings.defaultAPIBaseURL
                let template =
                    settings.map {
                        $0.ratingTemplate.isEmpty ? "none" : "\($0.ratingTemplate) (\($0.ratingTemplateLanguage))"
                    }
                    ?? "none"
                return """
                    <li class="channel" data-channel-id="\(channel.id)">
                    <p><strong>\(Words.channel(channel.kind))</strong> <code>\(channel.id)</code> <span class="muted">Phone number id \(settings?.phoneNumberID ?? "") · Graph API: \(base) · rating template after 24 hours: \(template) · access token, app secret and verify token stored, never shown</span></p>
                    <p class="muted">Webhook callback URL in Meta's dashboard: your public URL followed by <code>\(WhatsAppSettings.webhookPath(channelID: channel.id))</code>, with the verify token; subscribe to <code>messages</code>.</p>
                    \(HTML.when(canConfigure, "<button type=\"button\" class=\"button-quiet channel-delete\" data-channel-id=\"\(channel.id)\" data-kind=\"whatsapp\">Remove number<span class=\"visually-hidden\"> \(channel.id)</span></button>"))
                    </li>
                    """
            }
            func field(_ name: String, _ label: String, secret: Bool, placeholder: String = "") -> HTML {
                let id = "wa-\(name)-\(agent.id)"
                return """
                    <div class="field"><label for="\(id)">\(label)</label>
                    <input id="\(id)" name="\(name)"\(HTML.when(secret, " type=\"password\" autocomplete=\"off\"")) placeholder="\(placeholder)">
                    <span class="field-error" data-error-for="config.\(name)"></span></div>
                    """
            }
            let form: HTML = """
                <form class="provider-form stack" data-agent-id="\(agent.id)" data-kind="whatsapp" data-done="WhatsApp number connected. Point Meta's webhook at it to receive messages." novalidate>
                \(field("phoneNumberId", "Phone number id (WhatsApp Manager)", secret: false, placeholder: "1122334455667"))
                \(field("accessToken", "Access token", secret: true))
                \(field("appSecret", "App secret (checks every notification's signature)", secret: true))
                \(field("verifyToken", "Verify token (the one you type into Meta's webhook settings)", secret: true))
                \(field("apiBaseURL", "Graph API base URL (leave empty for Meta's)", secret: false, placeholder: WhatsAppSettings.defaultAPIBaseURL))
                \(field("ratingTemplate", "Rating template for asks after the 24-hour window (its name in the WhatsApp Manager; its body takes the ticket number; empty: such an ask is not sent)", secret: false, placeholder: "ticket_rating"))
                \(field("ratingTemplateLanguage", "The template's language code", secret: false, placeholder: WhatsAppSettings.defaultTemplateLanguage))
                <p class="error" role="alert"></p>
                <div><button type="submit">Connect WhatsApp number<span class="visually-hidden"> for \(agent.name)</span></button></div>
                </form>
                """
            return """
                <h3>WhatsApp numbers</h3>
                \(channels.isEmpty ? HTML("<p class=\"muted\">No WhatsApp number yet.</p>") : "<ul class=\"plain-list channels\">\(items)</ul>")
                \(HTML.when(canConfigure, form))
                """
        }

        /// The agent's email channels (the support address and the SMTP server; the password and the
        /// inbound secret are never shown), a test-mail button, and the form that connects one.
        static func emailSection(_ agent: Agent, channels: [ChannelConnection], canConfigure: Bool) -> HTML {
            let items = channels.map { channel -> HTML in
                let settings = channel.configuration.email
                let server = settings.map { "\($0.smtp.host):\($0.smtp.port) (\($0.smtp.security.rawValue))" } ?? ""
                let controls: HTML = """
                    <button type="button" class="button-quiet test-mail" data-channel-id="\(channel.id)">Send a test mail<span class="visually-hidden"> through \(channel.id)</span></button>
                    <button type="button" class="button-quiet channel-delete" data-channel-id="\(channel.id)" data-kind="email">Remove email channel<span class="visually-hidden"> \(channel.id)</span></button>
                    <span class="muted test-mail-status" role="status"></span>
                    """
                return """
                    <li class="channel" data-channel-id="\(channel.id)">
                    <p><strong>\(Words.channel(channel.kind))</strong> <code>\(channel.id)</code> <span class="muted">Support address \(settings?.address ?? "") · SMTP \(server) · password and inbound secret stored, never shown</span></p>
                    <p class="muted">Inbound mail: point your provider's inbound route at your public URL followed by <code>/hooks/email/\(channel.id)</code> with the inbound secret as a Bearer token, or deliver to the built-in listener (<code>--smtp-port</code>).</p>
                    \(HTML.when(canConfigure, controls))
                    </li>
                    """
            }
            func field(_ name: String, _ label: String, type: String = "text", placeholder: String = "") -> HTML {
                let id = "mail-\(name.replacingOccurrences(of: ".", with: "-"))-\(agent.id)"
                return """
                    <div class="field"><label for="\(id)">\(label)</label>
                    <input id="\(id)" name="\(name)" type="\(type)"\(HTML.when(type == "password", " autocomplete=\"off\"")) placeholder="\(placeholder)">
                    <span class="field-error" data-error-for="config.\(name)"></span></div>
                    """
            }
            let form: HTML = """
                <form class="provider-form stack" data-agent-id="\(agent.id)" data-kind="email" data-done="Email channel connected." novalidate>
                \(field("address", "Support address", type: "email", placeholder: "support@example.com"))
                \(field("smtp.host", "SMTP server", placeholder: "smtp.example.com"))
                \(field("smtp.port", "SMTP port", type: "number", placeholder: "587"))
                <div class="field"><label for="mail-tls-\(agent.id)">Encryption</label>
                <select id="mail-tls-\(agent.id)" name="smtp.tls"><option value="starttls" selected>STARTTLS (port 587)</option><option value="tls">TLS (port 465)</option><option value="none">None</option></select>
                <span class="field-error" data-error-for="config.smtp.tls"></span></div>
                \(field("smtp.username", "SMTP user name"))
                \(field("smtp.password", "SMTP password", type: "password"))
                <p class="error" role="alert"></p>
                <div><button type="submit">Connect email channel<span class="visually-hidden"> for \(agent.name)</span></button></div>
                </form>
                """
            return """
                <h3>Email channels</h3>
                \(channels.isEmpty ? HTML("<p class=\"muted\">No email channel yet.</p>") : "<ul class=\"plain-list channels\">\(items)</ul>")
                \(HTML.when(canConfigure, form))
                """
        }

        /// Editing a web channel's allowed origins, and removing the channel.
        static func channelControls(_ channel: ChannelConnection, origins: String) -> HTML {
            """
            <form class="channel-origins-form stack" data-channel-id="\(channel.id)" novalidate>
            <div class="field"><label for="edit-origins-\(channel.id)">Allowed origins, one per line</label>
            <textarea id="edit-origins-\(channel.id)" name="allowedOrigins" rows="2">\(origins.replacingOccurrences(of: ", ", with: "\n"))</textarea>
            <span class="field-error" data-error-for="config.allowedOrigins"></span></div>
            \(preChatField(id: "edit-prechat-\(channel.id)", current: channel.configuration.preChat))
            <p class="error" role="alert"></p>
            <div><button type="submit">Save channel<span class="visually-hidden"> of \(channel.id)</span></button>
            <button type="button" class="button-quiet channel-delete" data-channel-id="\(channel.id)">Remove channel<span class="visually-hidden"> \(channel.id)</span></button></div>
            </form>
            """
        }

        /// Whether the widget asks for a name and an email before the chat.
        static func preChatField(id: String, current: PreChatForm) -> HTML {
            let options = PreChatForm.allCases.map { form -> HTML in
                "<option value=\"\(form.rawValue)\"\(HTML.flag("selected", form == current))>\(Words.preChat(form))</option>"
            }
            return """
                <div class="field"><label for="\(id)">Pre-chat form (name and email, so the team can answer by email later)</label>
                <select id="\(id)" name="preChat">\(options)</select>
                <span class="field-error" data-error-for="config.preChat"></span></div>
                """
        }

        /// The create / edit form; hidden until New agent or Edit.
        static func editor() -> HTML {
            let priorities = Priority.allCases.map { priority -> HTML in
                "<option value=\"\(priority)\"\(HTML.flag("selected", priority == .normal))>\(Words.priority(priority))</option>"
            }
            let defaults = SupportHandover()
            return """
                <section class="card editor" id="agent-editor" aria-labelledby="agent-editor-title" hidden>
                <h2 id="agent-editor-title">New agent</h2>
                <form id="agent-form" class="stack" novalidate>
                <div class="field"><label for="agent-name">Name</label>
                <input id="agent-name" name="name" required maxlength="\(TextLimits.name)">
                <span class="field-error" data-error-for="name"></span></div>
                <div class="field"><label for="agent-instructions">Instructions (system prompt)</label>
                <textarea id="agent-instructions" name="instructions" rows="4"></textarea>
                <span class="field-error" data-error-for="instructions"></span></div>
                <fieldset class="group">
                <legend>Brain</legend>
                <div class="choice"><input type="radio" name="brain" id="brain-builtin" value="builtin" checked>
                <label for="brain-builtin"><strong>Built-in</strong> <span class="muted">answers from the FAQ, works offline</span></label></div>
                <div class="choice"><input type="radio" name="brain" id="brain-llm" value="llm">
                <label for="brain-llm"><strong>LLM</strong> <span class="muted">any OpenAI-compatible chat completions endpoint</span></label></div>
                <div class="stack" id="llm-fields" hidden>
                <div class="field"><label for="brain-base-url">Base URL</label>
                <input id="brain-base-url" name="brain.baseURL" type="url" placeholder="https://api.openai.com/v1">
                <span class="field-error" data-error-for="brain.baseURL"></span></div>
                <div class="field"><label for="brain-model">Model</label>
                <input id="brain-model" name="brain.model" placeholder="gpt-4o-mini">
                <span class="field-error" data-error-for="brain.model"></span></div>
                <div class="field"><label for="brain-api-key">API key</label>
                <input id="brain-api-key" name="brain.apiKey" type="password" autocomplete="off">
                <span class="hint" id="brain-api-key-hint">Leave empty to keep the stored key.</span></div>
                </div>
                <span class="field-error" data-error-for="brain"></span>
                </fieldset>
                <fieldset class="group">
                <legend>FAQ</legend>
                <ol class="faq-list" id="faq-list"></ol>
                <span class="field-error" data-error-for="faq"></span>
                <div><button type="button" id="faq-add">Add a question</button></div>
                </fieldset>
                <fieldset class="group">
                <legend>Support Handover</legend>
                <div class="choice"><input type="checkbox" id="handover-enabled" name="supportHandover">
                <label for="handover-enabled">This agent can hand conversations over to the team</label></div>
                <div class="stack" id="handover-fields" hidden>
                <div class="field"><label for="handover-when">When to use</label>
                <textarea id="handover-when" name="supportHandover.whenToUse" rows="2">\(defaults.whenToUse)</textarea>
                <span class="field-error" data-error-for="supportHandover.whenToUse"></span></div>
                <div class="row">
                <div class="field"><label for="handover-priority">Default priority</label>
                <select id="handover-priority" name="supportHandover.defaultPriority">\(priorities)</select></div>
                <div class="field"><label for="handover-threshold">Messages before the human button</label>
                <input id="handover-threshold" name="supportHandover.messageThreshold" type="number" min="0" value="0">
                <span class="field-error" data-error-for="supportHandover.messageThreshold"></span></div>
                </div>
                <div class="choice"><input type="checkbox" id="handover-button" name="supportHandover.humanButton" checked>
                <label for="handover-button">Show a “Talk to a human” button in the widget</label></div>
                <div class="field"><label for="handover-waiting">Waiting label</label>
                <input id="handover-waiting" name="supportHandover.waitingLabel" value="\(defaults.waitingLabel)">
                <span class="field-error" data-error-for="supportHandover.waitingLabel"></span></div>
                <div class="field"><label for="handover-connected">Connected label</label>
                <input id="handover-connected" name="supportHandover.connectedLabel" value="\(defaults.connectedLabel)">
                <span class="field-error" data-error-for="supportHandover.connectedLabel"></span></div>
                <div class="field"><label for="handover-auto-reply">Auto-reply when nobody is available</label>
                <textarea id="handover-auto-reply" name="supportHandover.autoReplyMessage" rows="2">\(defaults.autoReplyMessage)</textarea>
                <span class="field-error" data-error-for="supportHandover.autoReplyMessage"></span></div>
                <div class="field"><label for="handover-resolved">Message when a live chat's ticket is resolved</label>
                <textarea id="handover-resolved" name="supportHandover.resolvedMessage" rows="2">\(defaults.resolvedMessage)</textarea>
                <span class="field-error" data-error-for="supportHandover.resolvedMessage"></span></div>
                </div>
                </fieldset>
                <p class="error" id="agent-error" role="alert"></p>
                <div class="form-actions"><button type="submit" class="button-primary" id="agent-save">Save agent</button>
                <button type="button" id="agent-cancel">Cancel</button></div>
                </form>
                </section>
                """
        }
    }
}
