import Foundation

/// A Cloud API webhook notification, as Meta posts it: entries of changes,
/// each change's `value` holding the customer's `messages`, the `contacts`
/// who wrote them and the `statuses` of messages the business sent. Only the
/// fields the help desk reads are declared; decoding is lenient, so one
/// message of an unknown shape never loses the others.
public struct WhatsAppNotification: Decodable, Sendable {
    public var object: String?
    public var entry: [Entry]

    public struct Entry: Decodable, Sendable {
        public var changes: [Change]

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            changes =
                (try? container.decodeIfPresent([Lenient<Change>].self, forKey: .changes))?
                .compactMap(\.value) ?? []
        }
        enum CodingKeys: String, CodingKey { case changes }
    }

    public struct Change: Decodable, Sendable {
        public var field: String?
        public var value: Value?
    }

    public struct Value: Decodable, Sendable {
        public var metadata: Metadata?
        public var contacts: [Contact]
        public var messages: [Message]
        public var statuses: [Status]

        enum CodingKeys: String, CodingKey { case metadata, contacts, messages, statuses }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            metadata = try? container.decodeIfPresent(Metadata.self, forKey: .metadata)
            contacts = Self.lenientList(container, .contacts)
            messages = Self.lenientList(container, .messages)
            statuses = Self.lenientList(container, .statuses)
        }

        static func lenientList<T: Decodable>(_ container: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys)
            -> [T]
        {
            ((try? container.decodeIfPresent([Lenient<T>].self, forKey: key)) ?? nil)?.compactMap(\.value) ?? []
        }
    }

    public struct Metadata: Decodable, Sendable {
        public var phoneNumberID: String?
        enum CodingKeys: String, CodingKey { case phoneNumberID = "phone_number_id" }
    }

    public struct Contact: Decodable, Sendable {
        public var profile: Profile?
        public var waID: String?
        public struct Profile: Decodable, Sendable {
            public var name: String?
        }
        enum CodingKeys: String, CodingKey {
            case profile
            case waID = "wa_id"
        }
    }

    /// A customer's message. The type-specific object is under the key named by `type`.
    public struct Message: Decodable, Sendable {
        public var from: String
        public var id: String
        public var type: String?
        public var text: Text?
        public var image: Media?
        public var video: Media?
        public var audio: Media?
        public var sticker: Media?
        public var document: Media?
        public var location: Location?
        public var contacts: [Card]?
        public var interactive: Interactive?
        public var button: Button?
        public var reaction: Reaction?

        public struct Text: Decodable, Sendable {
            public var body: String?
        }
        public struct Media: Decodable, Sendable {
            public var id: String?
            public var caption: String?
            public var filename: String?
            public var voice: Bool?
            public var mimeType: String?
            enum CodingKeys: String, CodingKey {
                case id, caption, filename, voice
                case mimeType = "mime_type"
            }
        }
        public struct Location: Decodable, Sendable {
            public var latitude: Double?
            public var longitude: Double?
            public var name: String?
            public var address: String?
        }
        public struct Card: Decodable, Sendable {
            public var name: Name?
            public var phones: [Phone]?
            public struct Name: Decodable, Sendable {
                public var formattedName: String?
                enum CodingKeys: String, CodingKey { case formattedName = "formatted_name" }
            }
            public struct Phone: Decodable, Sendable {
                public var phone: String?
            }
        }
        public struct Interactive: Decodable, Sendable {
            public var buttonReply: Reply?
            public var listReply: Reply?
            public struct Reply: Decodable, Sendable {
                public var title: String?
            }
            enum CodingKeys: String, CodingKey {
                case buttonReply = "button_reply"
                case listReply = "list_reply"
            }
        }
        public struct Button: Decodable, Sendable {
            public var text: String?
        }
        public struct Reaction: Decodable, Sendable {
            public var emoji: String?
        }
    }

    /// A receipt for a message the business sent.
    public struct Status: Decodable, Sendable {
        /// The id of the sent message (a wamid).
        public var id: String
        /// `sent`, `delivered`, `read`, `failed` (and `played` for voice).
        public var status: String
        public var errors: [StatusError]?

        public struct StatusError: Decodable, Sendable {
            public var code: Int?
            public var title: String?
            public var message: String?
            public var errorData: ErrorData?
            public struct ErrorData: Decodable, Sendable {
                public var details: String?
            }
            enum CodingKeys: String, CodingKey {
                case code, title, message
                case errorData = "error_data"
            }
        }
    }
}

/// A list element that decodes to nil instead of failing its list.
struct Lenient<T: Decodable>: Decodable {
    var value: T?
    init(from decoder: any Decoder) throws { value = try? T(from: decoder) }
}
