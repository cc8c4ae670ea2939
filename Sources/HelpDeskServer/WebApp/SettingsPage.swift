import HelpDeskCore
import HelpDeskService

extension WebApp {
    /// Team settings in tabs: General (business calendar, SLA targets, email notifications),
    /// Assignment (method, support inbox), the per-agent Support Handover and,
    /// for owners and managers on Help Desk plans, the Copilot (built-in
    /// interpreter or a language model). `app.js` saves them with
    /// `PUT /api/v1/settings` (and `PUT /api/v1/settings/copilot`) and puts each
    /// field error next to its field.
    enum SettingsPage {
        /// Whether and how customers are asked to rate a resolved ticket.
        static func csatFields(_ csat: CSATSettings) -> HTML {
            """
            <fieldset class="group" id="csat-fields">
            <legend>Satisfaction ratings</legend>
            <div class="choice"><input type="checkbox" id="csat-enabled" name="csat.enabled"\(HTML.flag("checked", csat.enabled))>
            <label for="csat-enabled">Ask customers to rate the help once a ticket is resolved (on the channel they used)</label></div>
            <div class="field"><label for="csat-question">Question</label>
            <input id="csat-question" name="csat.question" maxlength="\(CSATSettings.questionLimit)" value="\(csat.question)">
            <span class="field-error" data-error-for="csat.question"></span></div>
            <div class="field"><label for="csat-delay">Ask after (minutes)</label>
            <input id="csat-delay" name="csat.delayMinutes" type="number" min="0" max="\(CSATSettings.delayLimit)" value="\(csat.delayMinutes)">
            <span class="field-error" data-error-for="csat.delayMinutes"></span></div>
            </fieldset>
            """
        }

        static func render(chrome: Layout.Chrome, helpDesk: HelpDesk) async throws -> HTML {
            let caller = chrome.caller
            let settings = try await helpDesk.settings(caller)
            let agents = try await helpDesk.agents(caller)
            let canConfigure = caller.member.role.canConfigure
            // Only those who may change the copilot's endpoint see it: its settings are configuration.
            let copilot =
                canConfigure && caller.team.plan.includesHelpDesk ? try await helpDesk.copilotSettings(caller) : nil

            let methods = AssignmentMethod.allCases.map { method -> HTML in
                let words = Words.assignment(method)
                return """
                    <div class="choice"><input type="radio" name="assignment" id="assignment-\(method)" value="\(method)"\
                    \(HTML.flag("checked", method == settings.assignment))>
                    <label for="assignment-\(method)"><strong>\(words.title)</strong> <span class="muted">\(words.explanation)</span></label></div>
                    """
            }
            let agentRows = agents.map { agent -> HTML in
                let state =
                    agent.supportHandover.map {
                        "on — default priority \(Words.priority($0.defaultPriority).lowercased())"
                    }
                    ?? "off: this agent never hands over"
                return
                    "<li><a href=\"/app/agents#agent-\(agent.id)\">\(agent.name)</a> <span class=\"muted\">Support Handover \(state)</span></li>"
            }
            let agentList: HTML =
                agents.isEmpty ? "<p class=\"muted\">No agents yet.</p>" : "<ul class=\"plain-list\">\(agentRows)</ul>"

            let main: HTML = """
                <div class="page-head"><h1>Settings</h1></div>
                \(HTML.when(!canConfigure, "<p class=\"notice\">Only owners and managers can change settings; you can read them here.</p>"))
                <div class="tablist" role="tablist" aria-label="Settings sections" id="settings-tabs">
                <button type="button" role="tab" id="tab-general" aria-controls="panel-general" aria-selected="true">General</button>
                <button type="button" role="tab" id="tab-assignment" aria-controls="panel-assignment" aria-selected="false" tabindex="-1">Assignment</button>
                <button type="button" role="tab" id="tab-handover" aria-controls="panel-handover" aria-selected="false" tabindex="-1">Support Handover</button>
                \(HTML.when(copilot != nil, "<button type=\"button\" role=\"tab\" id=\"tab-copilot\" aria-controls=\"panel-copilot\" aria-selected=\"false\" tabindex=\"-1\">Copilot</button>"))
                </div>
                <form id="settings-form" class="stack" novalidate>
                <fieldset class="plain"\(HTML.flag("disabled", !canConfigure))>
                <section role="tabpanel" id="panel-general" aria-labelledby="tab-general" class="stack">
                \(calendarFields(settings.calendar))
                \(slaFields(settings.sla))
                <fieldset class="group">
                <legend>Email notifications</legend>
                <div class="choice"><input type="checkbox" id="email-notifications" name="emailNotifications"\(HTML.flag("checked", settings.emailNotifications))>
                <label for="email-notifications">Email all team owners when a customer asks for a person</label></div>
                <span class="field-error" data-error-for="emailNotifications"></span>
                </fieldset>
                \(csatFields(settings.csat))
                </section>
                <section role="tabpanel" id="panel-assignment" aria-labelledby="tab-assignment" class="stack" hidden>
                <fieldset class="group">
                <legend>How new tickets are assigned</legend>
                \(methods)
                <span class="field-error" data-error-for="assignment"></span>
                </fieldset>
                <fieldset class="group">
                <legend>Support inbox</legend>
                <div class="choice"><input type="checkbox" id="support-inbox-enabled" name="supportInbox.enabled"\(HTML.flag("checked", settings.supportInboxEnabled))>
                <label for="support-inbox-enabled">Open a ticket directly (no AI) for every email to the support address</label></div>
                <div class="field"><label for="support-inbox-address">Support address</label>
                <input type="email" id="support-inbox-address" name="supportInbox.address" value="\(settings.supportInboxAddress ?? "")" placeholder="support@example.com">
                <span class="field-error" data-error-for="supportInbox.address"></span></div>
                </fieldset>
                </section>
                <section role="tabpanel" id="panel-handover" aria-labelledby="tab-handover" class="stack" hidden>
                <p>Each agent has its own Support Handover: when to hand over, the default priority, the human button and \
                what the customer reads while waiting. Change them on the <a href="/app/agents">Agents page</a>.</p>
                \(agentList)
                </section>
                \(copilot.map(copilotPanel) ?? .empty)
                <p class="error" id="settings-error" role="alert"></p>
                <div class="form-actions"><button type="submit" class="button-primary" id="settings-save" data-testid="settings-save">Save settings</button>
                <span class="saved" id="settings-status" role="status"></span></div>
                </fieldset>
                </form>
                """
            return Layout.page(title: "Settings", page: "settings", section: .settings, chrome: chrome, main: main)
        }

        /// The Copilot tab: the mode, and the model's endpoint (its key write-only: the field stays empty).
        static func copilotPanel(_ copilot: CopilotSettings) -> HTML {
            let keyHint =
                copilot.apiKey == nil
                ? "No key stored. Local servers such as Ollama need none."
                : "A key is stored. Leave empty to keep it (a new base URL needs the key again)."
            return """
                <section role="tabpanel" id="panel-copilot" aria-labelledby="tab-copilot" class="stack" hidden>
                <fieldset class="group">
                <legend>How the copilot reads questions</legend>
                <div class="choice"><input type="radio" name="copilot.mode" id="copilot-builtin" value="builtin"\(HTML.flag("checked", copilot.mode == .builtin))>
                <label for="copilot-builtin"><strong>Built-in interpreter</strong> <span class="muted">offline, in English, German, French and Spanish</span></label></div>
                <div class="choice"><input type="radio" name="copilot.mode" id="copilot-llm" value="llm"\(HTML.flag("checked", copilot.mode == .llm))>
                <label for="copilot-llm"><strong>Language model</strong> <span class="muted">any OpenAI-compatible chat completions endpoint with tool calling; the built-in interpreter answers when it fails</span></label></div>
                <span class="field-error" data-error-for="mode"></span>
                <div class="stack" id="copilot-llm-fields"\(HTML.flag("hidden", copilot.mode != .llm))>
                <div class="field"><label for="copilot-base-url">Base URL</label>
                <input id="copilot-base-url" name="copilot.baseURL" type="url" value="\(copilot.baseURL ?? "")" placeholder="https://api.openai.com/v1" spellcheck="false">
                <span class="field-error" data-error-for="baseURL"></span></div>
                <div class="field"><label for="copilot-model">Model</label>
                <input id="copilot-model" name="copilot.model" value="\(copilot.model ?? "")" placeholder="gpt-4o-mini" spellcheck="false">
                <span class="field-error" data-error-for="model"></span></div>
                <div class="field"><label for="copilot-api-key">API key</label>
                <input id="copilot-api-key" name="copilot.apiKey" type="password" autocomplete="off">
                <span class="hint" id="copilot-api-key-hint">\(keyHint)</span>
                <span class="field-error" data-error-for="apiKey"></span></div>
                \(HTML.when(copilot.apiKey != nil, "<div class=\"choice\"><input type=\"checkbox\" id=\"copilot-api-key-remove\" name=\"copilot.apiKeyRemove\"><label for=\"copilot-api-key-remove\">Remove the stored key</label></div>"))
                <div class="field"><label for="copilot-timeout">Timeout (seconds)</label>
                <input id="copilot-timeout" name="copilot.timeoutSeconds" type="number" min="1" max="120" step="1" value="\(String(copilot.timeoutSeconds))" required>
                <span class="hint">How long to wait for the model before the built-in interpreter answers (1–120).</span>
                <span class="field-error" data-error-for="timeoutSeconds"></span></div>
                </div>
                </fieldset>
                <p class="muted">Either way the copilot only reads, and an operator's questions only ever read the tickets assigned to them.</p>
                </section>
                """
        }
    }
}
