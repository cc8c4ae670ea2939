import Foundation
import HTTPTypes
import HelpDeskCore
import HummingbirdTesting
import Testing

@testable import HelpDeskServer

/// The ticket page's day-one tools as the server renders them: avatars,
/// same-name authors told apart in the timeline, the mention and emoji pickers.
@Suite struct TicketPageToolsTests {
    @Test func timelineAuthorsHaveAvatarsAndSameNamesAreToldApart() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        var sams: [(member: Member, token: String)] = []
        for email in ["sam.lee@acme.test", "sam.l@acme.test"] {
            let member = try await desk.helpDesk.createMember(
                teamID: acme.team.id, email: email, password: TestHelpDesk.password, role: .operator,
                displayName: "Sam Lee", availability: .online)
            let signIn = try await desk.helpDesk.login(
                email: email, password: TestHelpDesk.password, clientAddress: "test")
            sams.append((member, signIn.token))
        }
        let (first, second) = (sams[0], sams[1])
        try await desk.test { client in
            let number = try await openTicket(client, token: acme.ownerToken)
            for (token, text) in [(first.token, "first note"), (second.token, "second note")] {
                let note = try await client.call(
                    .post, "/api/v1/tickets/\(number)/notes", token: token, json: json(["body": text]))
                #expect(note.status == .created)
            }
            let owner = try await WebAppTests.signIn(client, email: acme.owner.email)
            let page = try await client.call(.get, "/app/tickets/\(number)", headers: owner).text
            #expect(page.contains("<span class=\"author\">Sam Lee (\(first.member.email))</span>"))
            #expect(page.contains("<span class=\"author\">Sam Lee (\(second.member.email))</span>"))
            #expect(page.contains("aria-hidden=\"true\">SL</span>"), "initials")
            #expect(page.contains("aria-hidden=\"true\">AO</span><span class=\"me-name\""), "the header: Acme Owner")
        }
    }

    @Test func theComposerOffersTeammatesToMentionAndEmoji() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        _ = try await acme.member("Riley <b>Quinn</b>")
        try await desk.test { client in
            let number = try await openTicket(client, token: acme.ownerToken)
            let owner = try await WebAppTests.signIn(client, email: acme.owner.email)
            let page = try await client.call(.get, "/app/tickets/\(number)", headers: owner).text
            #expect(page.contains("id=\"composer-mention\""))
            #expect(page.contains("<option value=\"Riley &lt;b&gt;Quinn&lt;/b&gt;\">"), "escaped")
            #expect(page.contains("data-emoji=\"👍\" aria-label=\"thumbs up\""))
        }
    }

    @Test(arguments: [
        ("Olivia Owner", "OO"), ("bo", "B"), ("Jean-Luc Picard", "JL"), ("  ", "?"), ("Émile Zola", "ÉZ"),
    ])
    func initials(name: String, expected: String) {
        #expect(WebApp.Words.initials(name) == expected)
    }
}
