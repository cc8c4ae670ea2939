import Foundation
import HelpDeskCore
import Testing

@testable import HelpDeskChannels

@Suite struct TelegramInboundTests {
    static func update(_ json: String) throws -> TelegramUpdate {
        try JSONDecoder().decode(TelegramUpdate.self, from: Data(json.utf8))
    }

    static let from =
        #""from": {"id": 42, "is_bot": false, "first_name": "Ana", "last_name": "Silva", "username": "anasilva"}"#
    static let chat = #""chat": {"id": 42, "type": "private"}"#

    @Test func aTextMessageTakesTheContactFromFrom() throws {
        let update = try Self.update(
            #"{"update_id": 7, "message": {"message_id": 1, \#(Self.from), \#(Self.chat), "date": 1700000000, "text": "Where is my order?"}, "unknown_key": {"x": 1}}"#
        )
        let inbound = try #require(TelegramInbound(update))
        #expect(inbound.updateID == 7)
        #expect(inbound.chatID == 42)
        #expect(inbound.body == "Where is my order?")
        #expect(inbound.contact.name == "Ana Silva")
        #expect(inbound.contact.handle == "@anasilva")
        #expect(!inbound.isStart && !inbound.isEdit)
    }

    @Test func startIsRecognisedWithAPayloadOrTheBotsName() throws {
        for text in ["/start", "/start ref-42", "/start@ShopBot"] {
            let update = try Self.update(
                #"{"update_id": 8, "message": {"message_id": 2, \#(Self.from), \#(Self.chat), "text": "\#(text)"}}"#)
            #expect(TelegramInbound(update)?.isStart == true, "\(text)")
        }
        let other = try Self.update(
            #"{"update_id": 9, "message": {"message_id": 3, \#(Self.from), \#(Self.chat), "text": "/started"}}"#)
        #expect(TelegramInbound(other)?.isStart == false)
    }

    @Test func mediaBecomeAPlaceholderWithTheFileReference() throws {
        let cases: [(String, String)] = [
            (
                #""photo": [{"file_id": "small", "width": 90, "height": 90}, {"file_id": "big", "width": 1280, "height": 960}], "caption": "the damage""#,
                "[Photo] the damage\nTelegram file: big"
            ),
            (
                #""document": {"file_id": "doc1", "file_name": "invoice.pdf", "mime_type": "application/pdf"}"#,
                "[Document: invoice.pdf]\nTelegram file: doc1"
            ),
            (#""voice": {"file_id": "v1", "duration": 7}"#, "[Voice message, 7 s]\nTelegram file: v1"),
            (#""sticker": {"file_id": "s1", "emoji": "👍"}"#, "[Sticker 👍]\nTelegram file: s1"),
            (#""location": {"latitude": 48.5, "longitude": 2.25}"#, "[Location: 48.5, 2.25]"),
            (#""poll": {"id": "1"}"#, "[A kind of Telegram message this help desk does not show]"),
        ]
        for (content, body) in cases {
            let update = try Self.update(
                #"{"update_id": 10, "message": {"message_id": 4, \#(Self.from), \#(Self.chat), \#(content)}}"#)
            #expect(TelegramInbound(update)?.body == body)
        }
    }

    @Test func anEditIsMarkedAndOwesNoAnswer() throws {
        let update = try Self.update(
            #"{"update_id": 11, "edited_message": {"message_id": 1, \#(Self.from), \#(Self.chat), "edit_date": 1700000100, "text": "Where is order 42?"}}"#
        )
        let inbound = try #require(TelegramInbound(update))
        #expect(inbound.isEdit)
        #expect(inbound.body == "[Edited] Where is order 42?")
    }

    @Test func groupsBotsAndOtherUpdatesAreNotTaken() throws {
        let group = try Self.update(
            #"{"update_id": 12, "message": {"message_id": 1, \#(Self.from), "chat": {"id": -100, "type": "group"}, "text": "hi"}}"#
        )
        #expect(TelegramInbound(group) == nil)
        let bot = try Self.update(
            #"{"update_id": 13, "message": {"message_id": 1, "from": {"id": 9, "is_bot": true, "first_name": "B"}, \#(Self.chat), "text": "hi"}}"#
        )
        #expect(TelegramInbound(bot) == nil)
        let button = try Self.update(#"{"update_id": 14, "callback_query": {"id": "1", "data": "x"}}"#)
        #expect(TelegramInbound(button) == nil)
    }

    @Test func aUserWithoutANameIsCalledByTheirHandleOrChat() throws {
        let handle = try Self.update(
            #"{"update_id": 15, "message": {"message_id": 1, "from": {"id": 5, "username": "zed"}, \#(Self.chat), "text": "hi"}}"#
        )
        #expect(TelegramInbound(handle)?.contact == Requester(name: "@zed", handle: "@zed"))
        let nothing = try Self.update(#"{"update_id": 16, "message": {"message_id": 1, \#(Self.chat), "text": "hi"}}"#)
        #expect(TelegramInbound(nothing)?.contact == Requester(name: "Telegram user 42", handle: nil))
    }
}
