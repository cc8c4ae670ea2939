import Foundation
import Testing

@testable import HelpDeskCore

/// The audit log's pure parts: secrets hidden (saying whether they changed),
/// the readable diff, the query's parameters and the spreadsheet-safe CSV.
@Suite struct AuditTests {
    static func telegram(token: String, secret: String, base: String = "https://api.telegram.org") -> AuditValue {
        .object([
            "kind": .string("telegram"),
            "config": .object([
                "botToken": .secret(token), "secretToken": .secret(secret), "apiBaseURL": .string(base),
            ]),
        ])
    }

    static func record(before: AuditValue?, after: AuditValue?) -> AuditRecord {
        AuditRecord(
            teamID: "tm_1", at: Timestamp(microseconds: 1_000_000), actor: .commandLine, action: .channelUpdated,
            subject: AuditSubject(type: .channel, id: "ch_1", name: "telegram channel"), before: before, after: after)
    }

    @Test func secretsAreHiddenAndSayWhetherTheyChanged() {
        let record = Self.record(
            before: Self.telegram(token: "123:OLD-TOKEN", secret: "s3cret"),
            after: Self.telegram(token: "123:NEW-TOKEN", secret: "s3cret"))
        let text = (record.before?.json ?? "") + (record.after?.json ?? "")
        for raw in ["OLD-TOKEN", "NEW-TOKEN", "s3cret"] { #expect(!text.contains(raw), "\(raw) in \(text)") }
        let changes = AuditDiff.changes(before: record.before, after: record.after)
        #expect(
            changes == [
                AuditChange(
                    field: "config.botToken", before: .string(AuditRedaction.hidden),
                    after: .string(AuditRedaction.hiddenChanged))
            ])
    }

    @Test func aCreatedSecretIsChangedAndAnUnsetOneIsNull() {
        let redacted = AuditRedaction.redact(
            before: nil, after: .object(["apiKey": .secret("sk-live-1"), "other": .secret(nil)]))
        #expect(redacted.after == .object(["apiKey": .string(AuditRedaction.hiddenChanged), "other": .null]))
        #expect(redacted.before == nil)
    }

    @Test func aSecretThatEscapedRedactionStillNeverEncodes() {
        #expect(AuditValue.object(["password": .secret("hunter2")]).json == "{\"password\":\"••••\"}")
    }

    @Test func theDiffWalksObjectsAndComparesListsWhole() {
        let before: AuditValue = .object([
            "assignment": .string("balanced"),
            "calendar": .object(["timeZone": .string("UTC"), "holidays": .array([])]),
            "same": .int(1),
        ])
        let after: AuditValue = .object([
            "assignment": .string("manual"),
            "calendar": .object(["timeZone": .string("Europe/Berlin"), "holidays": .array([.string("2026-12-25")])]),
            "same": .int(1), "added": .bool(true),
        ])
        #expect(
            AuditDiff.changes(before: before, after: after) == [
                AuditChange(field: "added", before: nil, after: .bool(true)),
                AuditChange(field: "assignment", before: .string("balanced"), after: .string("manual")),
                AuditChange(field: "calendar.holidays", before: .array([]), after: .array([.string("2026-12-25")])),
                AuditChange(field: "calendar.timeZone", before: .string("UTC"), after: .string("Europe/Berlin")),
            ])
        // A creation lists every field as new; a removal every field as gone.
        #expect(
            AuditDiff.changes(before: nil, after: .object(["a": .int(1)])) == [
                AuditChange(field: "a", before: nil, after: .int(1))
            ])
        #expect(
            AuditDiff.changes(before: .object(["a": .int(1)]), after: nil) == [
                AuditChange(field: "a", before: .int(1), after: nil)
            ])
        #expect(AuditDiff.changes(before: after, after: after).isEmpty)
    }

    @Test func valuesRoundTripThroughStoredJSON() {
        let value: AuditValue = .object([
            "n": .int(587), "x": .double(1.5), "b": .bool(false), "s": .string("a\"b"), "l": .array([.null]),
        ])
        #expect(AuditValue(json: value.json) == value)
        #expect(
            AuditValue(encoding: FieldError(field: "f", message: "m"))
                == .object(["field": .string("f"), "message": .string("m")]))
    }

    @Test func csvQuotesAndNeutralisesFormulas() {
        #expect(
            AuditCSV.line(["plain", "a,b", "say \"hi\"", "two\nlines"])
                == "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n")
        for formula in ["=SUM(A1)", "+1", "-1", "@cmd", "\tx", "\rx"] {
            #expect(CSV.neutralised(formula) == "'" + formula)
        }
        #expect(AuditCSV.line(["=HYPERLINK(\"http://x\",\"y\")"]) == "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"\r\n")
        #expect(CSV.neutralised("safe=1") == "safe=1")
        #expect(AuditCSV.headerLine.hasPrefix("id,at,actorKind,"))
    }

    @Test func theQueryNamesEachBadParameter() {
        func fields(_ parameters: [String: String]) -> [String] {
            do {
                _ = try AuditQuery.parse { parameters[$0] }
                return []
            } catch {
                if case .invalid(let errors) = error { return errors.map(\.field) }
                return ["?"]
            }
        }
        #expect(fields(["since": "yesterday"]) == ["since"])
        #expect(fields(["until": "2026-13-01T00:00:00Z"]) == ["until"])
        #expect(fields(["action": "ticket.created", "subjectType": "ticket"]) == ["action", "subjectType"])
        #expect(fields(["limit": "0", "cursor": "nope"]) == ["limit", "cursor"])
        #expect(fields(["action": "", "since": "", "subjectType": ""]) == [])
        let query = try? AuditQuery.parse {
            ["since": "2026-11-28T09:00:00Z", "action": "member.role_changed", "cursor": AuditQuery.cursor(after: 42)][
                $0]
        }
        #expect(query?.action == .memberRoleChanged)
        #expect(query?.before == 42)
        #expect(query?.since == Timestamp(rfc3339: "2026-11-28T09:00:00Z"))
    }

    @Test func everyWebhookActionIsThereForTheWebhooksToRecord() {
        #expect(AuditAction(rawValue: "webhook.created")?.subjectType == .webhook)
        #expect(AuditAction(rawValue: "webhook.updated") != nil)
        #expect(AuditAction(rawValue: "webhook.deleted") != nil)
    }
}
