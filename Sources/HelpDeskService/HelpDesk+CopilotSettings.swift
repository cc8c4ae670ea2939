import HelpDeskCore
import HelpDeskStore

/// The copilot settings as an owner or manager writes them (a full replace).
public struct CopilotSettingsDraft: Sendable {
    public var mode: CopilotMode
    public var baseURL: String?
    public var model: String?
    /// nil keeps the stored key; an empty string removes it (a local server needs none).
    public var apiKey: String?
    /// nil is the default, 20 seconds.
    public var timeoutSeconds: Int?

    public init(
        mode: CopilotMode, baseURL: String? = nil, model: String? = nil, apiKey: String? = nil,
        timeoutSeconds: Int? = nil
    ) {
        self.mode = mode
        self.baseURL = baseURL
        self.model = model
        self.apiKey = apiKey
        self.timeoutSeconds = timeoutSeconds
    }
}

extension HelpDesk {
    /// The team's copilot settings; the API key stays inside (callers show
    /// whether one is set, never the key). Owners and managers only: the
    /// endpoint is configuration, like an agent's brain.
    public func copilotSettings(_ caller: Caller) async throws -> CopilotSettings {
        try caller.requireHelpDesk()
        try caller.requireConfigure("read the copilot settings")
        return try await store.copilotSettings(teamID: caller.team.id)
    }

    /// Replaces the team's copilot settings, every problem named by its field.
    ///
    /// A stored API key is kept when none is sent, but only for the base URL it
    /// was stored with: pointing the copilot at another address needs the key
    /// again, so whoever can change settings cannot send someone else's key to
    /// a server of their choosing (the key is write-only: they never saw it).
    public func updateCopilotSettings(_ caller: Caller, _ draft: CopilotSettingsDraft) async throws
        -> CopilotSettings
    {
        try caller.requireHelpDesk()
        try caller.requireConfigure("change the copilot settings")
        let stored = try await store.copilotSettings(teamID: caller.team.id)
        var settings = CopilotSettings(
            mode: draft.mode, baseURL: draft.baseURL, model: draft.model, apiKey: draft.apiKey ?? stored.apiKey,
            timeoutSeconds: draft.timeoutSeconds ?? CopilotSettings.defaultTimeoutSeconds)
        var errors = settings.validationErrors(outbound: outbound)
        if draft.apiKey == nil, stored.apiKey != nil, let baseURL = settings.baseURL, baseURL != stored.baseURL {
            errors.append(
                FieldError(
                    field: "apiKey",
                    message:
                        "send the API key again when the base URL changes (the stored key is only sent to the "
                        + "address it was stored with), or an empty one for an endpoint without a key"))
        }
        guard errors.isEmpty else { throw HelpDeskError.invalid(errors) }
        if settings.baseURL == nil { settings.apiKey = draft.apiKey.flatMap { $0.isEmpty ? nil : $0 } }
        let before = AuditSnapshot.copilot(stored)
        let after = AuditSnapshot.copilot(settings)
        let audit =
            before == after
            ? AuditTrail.none
            : auditTrail(
                caller, .copilotSettingsUpdated, subject: .copilotSettings(caller.team), before: before, after: after)
        try await store.saveCopilotSettings(teamID: caller.team.id, settings, audit: audit)
        return settings
    }
}
