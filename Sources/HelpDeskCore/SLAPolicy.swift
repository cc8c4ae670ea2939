/// How quickly a ticket of one priority should be answered and resolved, in
/// minutes of open calendar time.
///
/// Either target may be left out, and then that clock does not run.
public struct SLATarget: Sendable, Equatable, Codable {
    /// Minutes until the first operator reply is due.
    public var firstResponseMinutes: Int?
    /// Minutes until resolution is due.
    public var resolutionMinutes: Int?

    /// Creates a target.
    public init(firstResponseMinutes: Int? = nil, resolutionMinutes: Int? = nil) {
        self.firstResponseMinutes = firstResponseMinutes
        self.resolutionMinutes = resolutionMinutes
    }

    private enum CodingKeys: String, CodingKey { case firstResponseMinutes, resolutionMinutes }

    /// Decodes `{firstResponseMinutes?, resolutionMinutes?}`; each may be left
    /// out (no target) but not sent as `null`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        firstResponseMinutes = try container.decodeUnlessAbsent(Int.self, forKey: .firstResponseMinutes)
        resolutionMinutes = try container.decodeUnlessAbsent(Int.self, forKey: .resolutionMinutes)
    }

    /// Encodes the targets that are set.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(firstResponseMinutes, forKey: .firstResponseMinutes)
        try container.encodeIfPresent(resolutionMinutes, forKey: .resolutionMinutes)
    }
}

/// A team's service-level targets per ticket priority, and how early to warn
/// before one is missed.
///
/// Encoded as `{warningMinutes, targets: {low|normal|high|urgent:
/// {firstResponseMinutes?, resolutionMinutes?}}}`. A priority without a target
/// has no SLA clock; ``SLAClock`` measures the rest.
public struct SLAPolicy: Sendable, Equatable, Codable {
    /// How many minutes of open time before a due time a running clock warns.
    /// 0 turns warnings off.
    public var warningMinutes: Int
    /// The target of each priority that has one.
    public var targets: [Priority: SLATarget]

    /// Creates a policy.
    public init(warningMinutes: Int = 30, targets: [Priority: SLATarget] = [:]) {
        self.warningMinutes = warningMinutes
        self.targets = targets
    }

    /// The default for a new team: no targets (no clocks), and a 30-minute
    /// warning once targets are set.
    public static let standard = SLAPolicy()

    /// The largest number of minutes any target or the warning may be: a
    /// year, which also bounds the work of finding a due time.
    public static let minutesLimit = 525_600

    /// Every problem with this policy, each naming its field under `sla.`;
    /// empty when valid.
    public func validationErrors() -> [FieldError] {
        var errors: [FieldError] = []
        if !(0...Self.minutesLimit).contains(warningMinutes) {
            errors.append(
                FieldError(
                    field: "sla.warningMinutes",
                    message: "must be a whole number of minutes from 0 (no warning) to \(Self.minutesLimit)"))
        }
        for priority in Priority.allCases {
            guard let target = targets[priority] else { continue }
            let minutes = [
                ("firstResponseMinutes", target.firstResponseMinutes), ("resolutionMinutes", target.resolutionMinutes),
            ]
            for (name, value) in minutes {
                guard let value, !(1...Self.minutesLimit).contains(value) else { continue }
                errors.append(
                    FieldError(
                        field: "sla.targets.\(priority.rawValue).\(name)",
                        message:
                            "must be a whole number of minutes from 1 to \(Self.minutesLimit); leave it out for no target"
                    ))
            }
        }
        return errors
    }

    private enum CodingKeys: String, CodingKey { case warningMinutes, targets }

    private struct PriorityKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Decodes `{warningMinutes?, targets?}`: a missing warning is 30 minutes,
    /// missing targets are none, and neither may be `null`. An unknown priority
    /// among the targets (such as `critical`) fails, naming the four there are.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        warningMinutes = try container.decodeUnlessAbsent(Int.self, forKey: .warningMinutes) ?? 30
        targets = [:]
        guard container.contains(.targets) else { return }
        let byPriority = try container.nestedContainer(keyedBy: PriorityKey.self, forKey: .targets)
        for key in byPriority.allKeys {
            guard let priority = Priority(rawValue: key.stringValue) else {
                throw DecodingError.dataCorruptedError(
                    forKey: key, in: byPriority,
                    debugDescription:
                        "Unknown priority \"\(key.stringValue)\": the priorities are \(Priority.allowedValues).")
            }
            targets[priority] = try byPriority.decode(SLATarget.self, forKey: key)
        }
    }

    /// Encodes the warning and the targets that are set, by priority.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(warningMinutes, forKey: .warningMinutes)
        var byPriority = container.nestedContainer(keyedBy: PriorityKey.self, forKey: .targets)
        for priority in Priority.allCases {
            guard let target = targets[priority] else { continue }
            try byPriority.encode(target, forKey: PriorityKey(stringValue: priority.rawValue))
        }
    }
}
