import HelpDeskCore
import Testing

@Suite struct MentionsTests {
    let ann = MemberRef(id: "m-ann", displayName: "Ann")
    let annLee = MemberRef(id: "m-annlee", displayName: "Ann Lee")
    let bo = MemberRef(id: "m-bo", displayName: "Bo Chen")
    let otherBo = MemberRef(id: "m-bo2", displayName: "bo chen")
    var team: [MemberRef] { [ann, annLee, bo, otherBo] }

    @Test func theLongestNameAfterTheAtWinsIgnoringCase() {
        #expect(Mentions.members(in: "@Ann Lee can you check?", among: team) == ["m-annlee"])
        #expect(Mentions.members(in: "@ann, then @ANN LEE.", among: team) == ["m-ann", "m-annlee"])
        #expect(Mentions.members(in: "(@Ann) and @Ann again", among: team) == ["m-ann"], "each once")
    }

    @Test func addressesAndLongerWordsMentionNobody() {
        #expect(Mentions.members(in: "write to ann@example.com", among: team).isEmpty)
        #expect(Mentions.members(in: "@Anna knows", among: team).isEmpty)
        #expect(Mentions.members(in: "@ nobody, @", among: team).isEmpty)
        #expect(Mentions.members(in: "", among: []).isEmpty)
    }

    @Test func membersSharingANameAreAllMentioned() {
        #expect(Mentions.members(in: "cc @Bo Chen", among: team) == ["m-bo", "m-bo2"])
    }
}
