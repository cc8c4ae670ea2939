import Foundation
import HelpDeskCore
import HelpDeskStore

extension HelpDesk {
    // MARK: - Reports

    /// The days a report covers when none are asked for: the last 30, today included.
    static let defaultReportDays = 30

    /// The owners' report over whole days in the team's time zone (owners and managers, on plans
    /// with the Help Desk). `from` and `to` default to the last ``defaultReportDays`` days; an
    /// agent or operator the team does not have is a field error rather than an empty report.
    public func report(_ caller: Caller, from: LocalDate?, to: LocalDate?, filter: ReportFilter) async throws
        -> Report
    {
        try caller.requireHelpDesk()
        guard caller.member.role.canConfigure else {
            throw HelpDeskError.forbidden("only owners and managers can read reports; you are an operator")
        }
        let teamID = caller.team.id
        let settings = try await store.settings(teamID: teamID)
        let now = clock()
        let zone = settings.calendar.timeZone
        let last = to ?? ReportPeriod.day(of: now.date, timeZone: zone)
        let period = ReportPeriod(from: from ?? last.adding(days: 1 - Self.defaultReportDays), to: last, timeZone: zone)
        var errors = period.validationErrors()
        if let agentID = filter.agentID, try await store.agents(teamID: teamID).allSatisfy({ $0.id != agentID }) {
            errors.append(FieldError(field: "agentId", message: "the team has no agent \"\(agentID)\""))
        }
        if let operatorID = filter.operatorID,
            try await store.members(teamID: teamID).allSatisfy({ $0.member.id != operatorID })
        {
            errors.append(FieldError(field: "operatorId", message: "the team has no member \"\(operatorID)\""))
        }
        guard errors.isEmpty else { throw HelpDeskError.invalid(errors) }
        let facts = try await store.reportFacts(
            teamID: teamID, start: Timestamp(period.start), end: Timestamp(period.end), filter: filter)
        return Report.compute(
            period: period, conversations: facts.conversations, tickets: facts.tickets,
            quietBacklog: facts.quietBacklog, calendar: settings.calendar, policy: settings.sla, now: now.date)
    }
}
