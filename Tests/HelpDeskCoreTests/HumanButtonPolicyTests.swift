import Foundation
import Testing

@testable import HelpDeskCore

/// Wednesday 2026-06-17 10:00 UTC: 12:00 in Berlin (open 09:00–17:00).
private let wednesdayNoonBerlin = Date(timeIntervalSince1970: 1_781_690_400)
/// Saturday 2026-06-20 10:00 UTC: 12:00 in Berlin, a weekend.
private let saturdayNoonBerlin = Date(timeIntervalSince1970: 1_781_949_600)

private let berlinHours = BusinessHours(
    enabled: true, start: ClockTime("09:00")!, end: ClockTime("17:00")!, timeZone: "Europe/Berlin")

private func evaluate(
    enabled: Bool = true,
    threshold: Int = 3,
    count: Int = 3,
    hours: BusinessHours = berlinHours,
    plan: Plan = .pro,
    now: Date = wednesdayNoonBerlin
) -> HumanButtonVisibility {
    HumanButtonPolicy.evaluate(
        humanButtonEnabled: enabled,
        messageThreshold: threshold,
        messageCount: count,
        calendar: .from(hours),
        plan: plan,
        now: now)
}

@Suite("HumanButtonPolicy")
struct HumanButtonPolicyTests {
    @Test func theFixedInstantsAreWhatTheyClaim() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Berlin")!
        let wednesday = calendar.dateComponents([.weekday, .hour, .minute], from: wednesdayNoonBerlin)
        #expect(wednesday.weekday == 4 && wednesday.hour == 12 && wednesday.minute == 0)
        let saturday = calendar.dateComponents([.weekday, .hour, .minute], from: saturdayNoonBerlin)
        #expect(saturday.weekday == 7 && saturday.hour == 12 && saturday.minute == 0)
    }

    @Test(arguments: [Plan.pro, .scale])
    func visibleWhenEveryConditionHolds(plan: Plan) {
        #expect(evaluate(plan: plan) == HumanButtonVisibility(visible: true, reason: nil))
    }

    @Test(arguments: [Plan.free, .hobby])
    func hiddenOnPlansWithoutTheHelpDesk(plan: Plan) {
        #expect(evaluate(plan: plan) == HumanButtonVisibility(visible: false, reason: .planExcludesHelpDesk))
        // The plan is checked first, whatever else fails too.
        let everythingFails = evaluate(
            enabled: false, threshold: 10, count: 0, plan: plan, now: saturdayNoonBerlin)
        #expect(everythingFails.reason == .planExcludesHelpDesk)
    }

    @Test func hiddenWhenTheButtonIsDisabled() {
        #expect(evaluate(enabled: false) == HumanButtonVisibility(visible: false, reason: .buttonDisabled))
        let alsoBelowAndClosed = evaluate(enabled: false, threshold: 10, count: 0, now: saturdayNoonBerlin)
        #expect(alsoBelowAndClosed.reason == .buttonDisabled)
    }

    @Test func hiddenBelowTheMessageThreshold() {
        #expect(
            evaluate(threshold: 3, count: 2)
                == HumanButtonVisibility(visible: false, reason: .belowMessageThreshold))
        #expect(evaluate(threshold: 3, count: 2, now: saturdayNoonBerlin).reason == .belowMessageThreshold)
        // Reaching or passing the threshold shows it.
        #expect(evaluate(threshold: 3, count: 3).visible)
        #expect(evaluate(threshold: 3, count: 4).visible)
        #expect(evaluate(threshold: 0, count: 0).visible)
    }

    @Test func hiddenOutsideBusinessHours() {
        #expect(
            evaluate(now: saturdayNoonBerlin)
                == HumanButtonVisibility(visible: false, reason: .outsideBusinessHours))
        // 08:59 and 17:00 Berlin time on the Wednesday.
        #expect(evaluate(now: wednesdayNoonBerlin - 3 * 3600 - 60).reason == .outsideBusinessHours)
        #expect(evaluate(now: wednesdayNoonBerlin + 5 * 3600).reason == .outsideBusinessHours)
        #expect(evaluate(now: wednesdayNoonBerlin + 5 * 3600 - 60).visible)
    }

    @Test func disabledBusinessHoursNeverHideTheButton() {
        var hours = berlinHours
        hours.enabled = false
        #expect(evaluate(hours: hours, now: saturdayNoonBerlin).visible)
    }
}
