import Foundation

// Wire types of the OpenAI-compatible Chat Completions API
// (`POST {base}/chat/completions`), as OpenAI, Ollama, llama.cpp server and vLLM
// speak it. Field names are the exact JSON names; decoding is lenient where
// servers are known to differ, so one odd field never loses a whole answer.

/// An OpenAI-compatible endpoint as a member configured it: the base URL
/// (`{base}/chat/completions` is called), the model and the optional API key.
public struct ChatEndpoint: Sendable, Equatable {
    public var baseURL: String
    public var model: String
    /// Sent as `Authorization: Bearer <key>`; never logged.
    public var apiKey: String?

    public init(baseURL: String, model: String, apiKey: String?) {
        self.baseURL = baseURL
        self.model = model
        self.apiKey = apiKey
    }
}

/// The body of `POST {base}/chat/completions`.
public struct ChatCompletionRequest: Sendable, Equatable, Codable {
    public var model: String
    public var messages: [ChatMessage]
    /// Omitted when the agent has no tools; several servers reject an empty array.
    public var tools: [ChatTool]?
    /// `"auto"` when tools are given, otherwise omitted.
    public var toolChoice: String?
    public var temperature: Double?
    /// Always false: the brain needs the whole answer before it can decide.
    public var stream: Bool?

    public init(
        model: String, messages: [ChatMessage], tools: [ChatTool]? = nil, toolChoice: String? = nil,
        temperature: Double? = nil, stream: Bool? = false
    ) {
        self.model = model
        self.messages = messages
        self.tools = tools
        self.toolChoice = toolChoice
        self.temperature = temperature
        self.stream = stream
    }

    enum CodingKeys: String, CodingKey {
        case model, messages, tools, temperature, stream
        case toolChoice = "tool_choice"
    }
}

/// Who wrote a chat message, in the API's words.
public enum ChatRole: String, Sendable, Equatable, Codable {
    case system, developer, user, assistant, tool
}

/// One message of the conversation sent to (or returned by) the model.
public struct ChatMessage: Sendable, Equatable, Codable {
    public var role: ChatRole
    /// nil for an assistant message that only calls tools.
    public var content: String?
    public var toolCalls: [ChatToolCall]?
    /// Set on `tool` messages: the id of the call this result answers.
    public var toolCallID: String?

    public init(role: ChatRole, content: String?, toolCalls: [ChatToolCall]? = nil, toolCallID: String? = nil) {
        self.role = role
        self.content = content
        self.toolCalls = toolCalls
        self.toolCallID = toolCallID
    }

    public static func system(_ text: String) -> ChatMessage { ChatMessage(role: .system, content: text) }
    public static func user(_ text: String) -> ChatMessage { ChatMessage(role: .user, content: text) }
    public static func assistant(_ text: String) -> ChatMessage { ChatMessage(role: .assistant, content: text) }

    enum CodingKeys: String, CodingKey {
        case role, content
        case toolCalls = "tool_calls"
        case toolCallID = "tool_call_id"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        // Unknown roles (a server's own extensions) read as assistant rather than failing the answer.
        role = (try? container.decode(ChatRole.self, forKey: .role)) ?? .assistant
        content = try container.decodeIfPresent(String.self, forKey: .content)
        toolCalls = try container.decodeIfPresent([ChatToolCall].self, forKey: .toolCalls)
        toolCallID = try container.decodeIfPresent(String.self, forKey: .toolCallID)
    }
}

/// A tool the model may call. Only functions exist in this API.
public struct ChatTool: Sendable, Equatable, Codable {
    public var type: String
    public var function: ChatFunction

    public init(function: ChatFunction) {
        self.type = "function"
        self.function = function
    }
}

/// A function the model may call: its name, when to call it and its arguments.
public struct ChatFunction: Sendable, Equatable, Codable {
    /// `[a-zA-Z0-9_-]`, at most 64 characters.
    public var name: String
    /// What the function does and when to call it; the model reads this.
    public var description: String
    public var parameters: ChatFunctionParameters
    public var strict: Bool?

    public init(name: String, description: String, parameters: ChatFunctionParameters, strict: Bool? = false) {
        self.name = name
        self.description = description
        self.parameters = parameters
        self.strict = strict
    }
}

/// The JSON Schema of a function's arguments: an object of named scalar properties.
public struct ChatFunctionParameters: Sendable, Equatable, Codable {
    public var type: String
    public var properties: [String: ChatFunctionProperty]
    public var required: [String]

    public init(properties: [String: ChatFunctionProperty], required: [String]) {
        self.type = "object"
        self.properties = properties
        self.required = required
    }
}

/// One property of a function's argument schema: a string, integer or
/// boolean, optionally held to a list of values, a range or a format. Unset
/// keywords are left out of the JSON, since some servers reject nulls in a schema.
public struct ChatFunctionProperty: Sendable, Equatable, Codable {
    public var type: String
    public var description: String
    /// The only values allowed (JSON Schema `enum`).
    public var allowed: [String]?
    public var minimum: Int?
    public var maximum: Int?
    /// A JSON Schema format, such as `date`.
    public var format: String?

    public init(
        type: String = "string", description: String, allowed: [String]? = nil, minimum: Int? = nil,
        maximum: Int? = nil, format: String? = nil
    ) {
        self.type = type
        self.description = description
        self.allowed = allowed
        self.minimum = minimum
        self.maximum = maximum
        self.format = format
    }

    enum CodingKeys: String, CodingKey {
        case type, description, minimum, maximum, format
        case allowed = "enum"
    }
}

/// A call the model asks the client to make.
public struct ChatToolCall: Sendable, Equatable, Codable {
    public var id: String?
    public var type: String?
    public var function: ChatFunctionCall

    public init(id: String?, type: String? = "function", function: ChatFunctionCall) {
        self.id = id
        self.type = type
        self.function = function
    }
}

/// The function a tool call names, and the arguments the model wrote for it.
public struct ChatFunctionCall: Sendable, Equatable, Codable {
    public var name: String
    /// A JSON document *as a string*, written by the model: it may be invalid.
    public var arguments: String

    public init(name: String, arguments: String) {
        self.name = name
        self.arguments = arguments
    }

    enum CodingKeys: String, CodingKey { case name, arguments }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        if let text = try? container.decodeIfPresent(String.self, forKey: .arguments) {
            arguments = text
        } else if let object = try? container.decodeIfPresent(ChatJSONValue.self, forKey: .arguments) {
            // Some servers send the arguments as a JSON object instead of a string.
            let data = try JSONEncoder().encode(object)
            arguments = String(decoding: data, as: UTF8.self)
        } else {
            arguments = ""
        }
    }
}

/// The body of a successful completion (`object: "chat.completion"`).
public struct ChatCompletionResponse: Sendable, Equatable, Codable {
    public var id: String?
    public var object: String?
    public var model: String?
    public var choices: [ChatChoice]
    public var usage: ChatUsage?

    public init(
        id: String? = nil, object: String? = "chat.completion", model: String? = nil, choices: [ChatChoice],
        usage: ChatUsage? = nil
    ) {
        self.id = id
        self.object = object
        self.model = model
        self.choices = choices
        self.usage = usage
    }
}

/// One candidate answer. The brain reads the first.
public struct ChatChoice: Sendable, Equatable, Codable {
    public var index: Int?
    /// `stop`, `length`, `tool_calls`, `content_filter`… informative only: tool calls
    /// are decided by `message.toolCalls`, since several servers send them with `stop`.
    public var finishReason: String?
    public var message: ChatMessage

    public init(index: Int? = 0, finishReason: String?, message: ChatMessage) {
        self.index = index
        self.finishReason = finishReason
        self.message = message
    }

    enum CodingKeys: String, CodingKey {
        case index, message
        case finishReason = "finish_reason"
    }
}

/// Token counts of one completion.
public struct ChatUsage: Sendable, Equatable, Codable {
    public var promptTokens: Int?
    public var completionTokens: Int?
    public var totalTokens: Int?

    public init(promptTokens: Int?, completionTokens: Int?, totalTokens: Int?) {
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.totalTokens = totalTokens
    }

    enum CodingKeys: String, CodingKey {
        case promptTokens = "prompt_tokens"
        case completionTokens = "completion_tokens"
        case totalTokens = "total_tokens"
    }
}

/// The body of a failed call: `{"error": {"message": …, "type": …, "param": …, "code": …}}`.
public struct ChatErrorEnvelope: Sendable, Equatable, Codable {
    public var error: ChatErrorDetail

    public init(error: ChatErrorDetail) { self.error = error }
}

/// What went wrong, as the server tells it.
public struct ChatErrorDetail: Sendable, Equatable, Codable {
    public var message: String?
    public var type: String?
    public var param: String?
    /// A string at OpenAI; some servers send a number, kept here as its text.
    public var code: String?

    public init(message: String?, type: String? = nil, param: String? = nil, code: String? = nil) {
        self.message = message
        self.type = type
        self.param = param
        self.code = code
    }

    enum CodingKeys: String, CodingKey { case message, type, param, code }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        message = try? container.decodeIfPresent(String.self, forKey: .message)
        type = try? container.decodeIfPresent(String.self, forKey: .type)
        param = try? container.decodeIfPresent(String.self, forKey: .param)
        if let text = try? container.decodeIfPresent(String.self, forKey: .code) {
            code = text
        } else if let number = try? container.decodeIfPresent(Int.self, forKey: .code) {
            code = String(number)
        } else {
            code = nil
        }
    }
}

/// Any JSON value; used to re-encode arguments a server sent as an object.
enum ChatJSONValue: Sendable, Equatable, Codable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case null
    case array([ChatJSONValue])
    case object([String: ChatJSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([ChatJSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: ChatJSONValue].self))
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .bool(let value): try container.encode(value)
        case .null: try container.encodeNil()
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }
}
