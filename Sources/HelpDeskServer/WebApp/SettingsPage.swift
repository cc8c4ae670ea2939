import HelpDeskCore
import HelpDeskService

extension WebApp {
    /// Team settings in tabs: General (business hours, email notifications),
    /// Assignment (method, support inbox) and the per-agent Support Handover.
    /// `app.js` saves them with `PUT /api/v1/settings` and puts each field error
    /// next to its field.
    enum SettingsPage {
        static func render(chrome: Layout.Chrome, helpDesk: HelpDesk) async throws -> HTML {
            let caller = chrome.caller
            let settings = try await helpDesk.settings(caller)
            let agents = try await helpDesk.agents(caller)
            let canConfigure = caller.member.role.canConfigure
            let hours = settings.businessHours

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
                </div>
                <form id="settings-form" class="stack" novalidate>
                <fieldset class="plain"\(HTML.flag("disabled", !canConfigure))>
                <section role="tabpanel" id="panel-general" aria-labelledby="tab-general" class="stack">
                <fieldset class="group">
                <legend>Business hours</legend>
                <div class="choice"><input type="checkbox" id="bh-enabled" name="businessHours.enabled"\(HTML.flag("checked", hours.enabled))>
                <label for="bh-enabled">Show the human button only Monday–Friday during business hours</label></div>
                <div class="row">
                <div class="field"><label for="bh-start">Start</label>
                <input type="time" id="bh-start" name="businessHours.start" value="\(hours.start.description)" required>
                <span class="field-error" data-error-for="businessHours.start"></span></div>
                <div class="field"><label for="bh-end">End</label>
                <input type="time" id="bh-end" name="businessHours.end" value="\(hours.end.description)" required>
                <span class="field-error" data-error-for="businessHours.end"></span></div>
                <div class="field field-grow"><label for="bh-timezone">Time zone</label>
                <input type="text" id="bh-timezone" name="businessHours.timeZone" value="\(hours.timeZone)" list="timezones" autocomplete="off" spellcheck="false" placeholder="Europe/Berlin" required>
                <datalist id="timezones"></datalist>
                <span class="hint">An IANA name such as Europe/Berlin or America/New_York.</span>
                <span class="field-error" data-error-for="businessHours.timeZone"></span></div>
                </div>
                <span class="field-error" data-error-for="businessHours"></span>
                </fieldset>
                <fieldset class="group">
                <legend>Email notifications</legend>
                <div class="choice"><input type="checkbox" id="email-notifications" name="emailNotifications"\(HTML.flag("checked", settings.emailNotifications))>
                <label for="email-notifications">Email all team owners when a customer asks for a person</label></div>
                <span class="field-error" data-error-for="emailNotifications"></span>
                </fieldset>
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
                <p class="error" id="settings-error" role="alert"></p>
                <div class="form-actions"><button type="submit" class="button-primary" id="settings-save" data-testid="settings-save">Save settings</button>
                <span class="saved" id="settings-status" role="status"></span></div>
                </fieldset>
                </form>
                """
            return Layout.page(title: "Settings", page: "settings", section: .settings, chrome: chrome, main: main)
        }
    }
}
