"""Generates Sources/HelpDeskServer/OpenAPIDocument.swift. Edit this, then run: python3 scripts/openapi/gen.py && python3 scripts/openapi/check.py"""
import json

def ref(name): return {"$ref": f"#/components/schemas/{name}"}
def nullable(schema):
    if "$ref" in schema:
        return {"oneOf": [schema, {"type": "null"}]}
    s = dict(schema); s["type"] = [schema["type"], "null"]; return s
def json_content(schema): return {"application/json": {"schema": schema}}
def resp(desc, schema): return {"description": desc, "content": json_content(schema)}
def err(*codes): return {str(c): {"$ref": f"#/components/responses/{ERR[c]}"} for c in codes}

ERR = {400: "BadRequest", 401: "Unauthorized", 403: "Forbidden", 404: "NotFound", 409: "Conflict",
       413: "PayloadTooLarge", 422: "UnprocessableContent", 429: "TooManyRequests", 503: "ServiceUnavailable"}
AUTH = [{"bearerAuth": []}, {"cookieAuth": []}]
PUBLIC = []
CSRF = {"$ref": "#/components/parameters/CsrfToken"}
NUMBER = {"$ref": "#/components/parameters/TicketNumber"}
MEMBER_ID = {"$ref": "#/components/parameters/MemberId"}
AGENT_ID = {"$ref": "#/components/parameters/AgentId"}
CHANNEL_ID = {"$ref": "#/components/parameters/ChannelConnectionId"}
WIDGET_CHANNEL = {"$ref": "#/components/parameters/WidgetChannelId"}
VISITOR = [{"visitorToken": []}]
CONFIGURE = "Owner or manager only (operators get 403)."

ROLE = {"type": "string", "enum": ["owner", "manager", "operator"]}
AVAIL = {"type": "string", "enum": ["online", "away", "busy", "offline"]}
STATUS = {"type": "string", "enum": ["open", "pending", "resolved"]}
PRIORITY = {"type": "string", "enum": ["low", "normal", "high", "urgent"]}
CHANNEL = {"type": "string", "enum": ["web", "telegram", "whatsapp", "email"]}
DT = {"type": "string", "format": "date-time"}
STR = {"type": "string"}
HHMM = {"type": "string", "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$", "examples": ["09:00"]}
PLAN = " Requires the Help Desk plan (pro or scale); other plans answer 403."

def body(schema, required=True):
    return {"required": required, "content": json_content(schema)}

def op(opid, summary, tag, security, responses, params=None, request=None, description=None):
    o = {"operationId": opid, "summary": summary, "tags": [tag]}
    if description: o["description"] = description
    o["security"] = security
    if params: o["parameters"] = params
    if request: o["requestBody"] = request
    o["responses"] = responses
    return o

HANDOVER_PROPS = {
    "whenToUse": {"type": "string", "maxLength": 2000, "description": "Guidance for the agent on when to escalate.",
                  "default": "The customer asks for a person, or you cannot resolve their request."},
    "defaultPriority": {**PRIORITY, "default": "normal", "description": "Priority of the tickets it opens."},
    "humanButton": {"type": "boolean", "default": True, "description": "Show a \"Talk to a human\" button in the widget."},
    "messageThreshold": {"type": "integer", "minimum": 0, "default": 0, "description": "Messages exchanged before the human button appears."},
    "waitingLabel": {"type": "string", "minLength": 1, "maxLength": 500, "description": "Shown to the customer while waiting for a person.",
                     "default": "Connecting you with our team. You can keep writing here meanwhile."},
    "connectedLabel": {"type": "string", "minLength": 1, "maxLength": 500, "description": "Shown once a person has joined.",
                       "default": "You are now chatting with our team."},
    "autoReplyMessage": {"type": "string", "minLength": 1, "maxLength": 500, "description": "Sent when nobody is available (nobody online, or outside business hours).",
                         "default": "Our team is not available right now. Leave us a message and we will get back to you."},
}

schemas = {
    "Problem": {
        "type": "object",
        "description": "An RFC 9457 problem document, served as application/problem+json.",
        "required": ["type", "title", "status", "detail"],
        "properties": {
            "type": {"type": "string", "format": "uri"},
            "title": STR,
            "status": {"type": "integer", "minimum": 100, "maximum": 599},
            "detail": STR,
            "errors": {"type": "array", "items": ref("FieldError")},
        },
    },
    "FieldError": {
        "type": "object",
        "required": ["field", "message"],
        "properties": {
            "field": {"type": "string", "description": "Dotted path of the offending field, e.g. businessHours.timeZone."},
            "message": STR,
        },
    },
    "Role": ROLE,
    "Availability": AVAIL,
    "Member": {
        "type": "object",
        "required": ["id", "email", "role", "displayName", "sendingEmail", "signature", "availability", "teamId"],
        "properties": {
            "id": STR,
            "email": {"type": "string", "format": "email"},
            "role": ref("Role"),
            "displayName": STR,
            "sendingEmail": {"type": ["string", "null"], "format": "email"},
            "signature": {"type": ["string", "null"]},
            "availability": ref("Availability"),
            "teamId": STR,
        },
    },
    "Me": {"description": "The calling member.", "allOf": [ref("Member")]},
    "MemberSummary": {
        "description": "A member as listed by GET /api/v1/members.",
        "allOf": [ref("Member"), {
            "type": "object",
            "required": ["openTickets"],
            "properties": {"openTickets": {"type": "integer", "minimum": 0, "description": "Unresolved tickets assigned to this member."}},
        }],
    },
    "MemberList": {
        "type": "object", "required": ["items"],
        "properties": {"items": {"type": "array", "items": ref("MemberSummary")}},
    },
    "LoginRequest": {
        "type": "object", "required": ["email", "password"],
        "properties": {"email": STR, "password": {"type": "string", "writeOnly": True}},
    },
    "LoginResponse": {
        "type": "object", "required": ["token", "csrfToken", "expiresAt", "member"],
        "properties": {
            "token": {"type": "string", "description": "Bearer token for the Authorization header."},
            "csrfToken": {"type": "string", "description": "Value to send as X-CSRF-Token on cookie-authenticated unsafe requests."},
            "expiresAt": DT,
            "member": ref("Me"),
        },
    },
    "MePatch": {
        "type": "object", "minProperties": 1,
        "properties": {
            "displayName": {"type": "string", "minLength": 1},
            "sendingEmail": {"type": ["string", "null"], "format": "email"},
            "signature": {"type": ["string", "null"]},
            "availability": ref("Availability"),
        },
    },
    "MemberCreate": {
        "type": "object", "required": ["email", "password", "role", "displayName"],
        "properties": {
            "email": {"type": "string", "format": "email"},
            "password": {"type": "string", "minLength": 8, "writeOnly": True},
            "role": ref("Role"),
            "displayName": {"type": "string", "minLength": 1},
            "sendingEmail": {"type": ["string", "null"], "format": "email"},
            "signature": {"type": ["string", "null"]},
        },
    },
    "MemberPatch": {
        "type": "object", "minProperties": 1,
        "properties": {
            "role": ref("Role"),
            "displayName": {"type": "string", "minLength": 1},
            "sendingEmail": {"type": ["string", "null"], "format": "email"},
            "signature": {"type": ["string", "null"]},
            "availability": ref("Availability"),
        },
    },
    "Settings": {
        "type": "object",
        "required": ["businessHours", "emailNotifications", "assignment", "supportInbox"],
        "properties": {
            "businessHours": {
                "type": "object", "required": ["enabled", "start", "end", "timeZone"],
                "properties": {
                    "enabled": {"type": "boolean"},
                    "start": HHMM,
                    "end": {**HHMM, "examples": ["17:00"]},
                    "timeZone": {"type": "string", "description": "IANA time zone name.", "examples": ["Europe/Berlin"]},
                },
            },
            "emailNotifications": {"type": "boolean", "description": "Email all team owners when a customer requests a human."},
            "assignment": {"type": "string", "enum": ["manual", "balanced", "roundRobin"]},
            "supportInbox": {
                "type": "object", "required": ["enabled", "address"],
                "properties": {"enabled": {"type": "boolean"}, "address": {"type": ["string", "null"], "format": "email"}},
            },
        },
    },
    "TicketStatus": STATUS,
    "TicketPriority": PRIORITY,
    "Channel": CHANNEL,
    "Requester": {
        "type": "object", "required": ["name", "email", "phone", "handle"],
        "properties": {
            "name": STR,
            "email": {"type": ["string", "null"]},
            "phone": {"type": ["string", "null"]},
            "handle": {"type": ["string", "null"], "description": "The customer's handle on the ticket's channel (e.g. Telegram username)."},
        },
    },
    "Assignee": {
        "type": "object", "required": ["id", "displayName"],
        "properties": {"id": STR, "displayName": STR},
    },
    "AgentRef": {
        "type": "object", "required": ["id", "name"],
        "properties": {"id": STR, "name": STR},
    },
    "Ticket": {
        "type": "object",
        "description": "A ticket; also the row of the inbox list.",
        "required": ["number", "status", "priority", "subject", "requester", "assignee", "agent", "channel",
                     "createdAt", "lastActivityAt", "resolvedAt"],
        "properties": {
            "number": {"type": "integer", "minimum": 1, "examples": [10001]},
            "status": ref("TicketStatus"),
            "priority": ref("TicketPriority"),
            "subject": STR,
            "requester": ref("Requester"),
            "assignee": nullable(ref("Assignee")),
            "agent": {"oneOf": [ref("AgentRef"), {"type": "null"}], "description": "The source agent; null for tickets opened by hand or by the support inbox."},
            "channel": ref("Channel"),
            "createdAt": DT,
            "lastActivityAt": DT,
            "resolvedAt": {"type": ["string", "null"], "format": "date-time"},
        },
    },
    "TicketList": {
        "type": "object", "required": ["items", "nextCursor"],
        "properties": {
            "items": {"type": "array", "items": ref("Ticket")},
            "nextCursor": {"type": ["string", "null"], "description": "Pass as ?cursor= to fetch the next page; null on the last page."},
        },
    },
    "TicketCreate": {
        "type": "object", "required": ["subject", "requester"],
        "properties": {
            "subject": {"type": "string", "minLength": 1, "maxLength": 500},
            "requester": {
                "type": "object", "required": ["name"],
                "properties": {
                    "name": {"type": "string", "minLength": 1},
                    "email": {"type": ["string", "null"], "format": "email"},
                    "phone": {"type": ["string", "null"]},
                },
            },
            "priority": {**PRIORITY, "default": "normal"},
            "channel": {**CHANNEL, "default": "email"},
            "body": {"type": "string", "description": "The customer's first message, recorded on the timeline."},
        },
    },
    "TicketPatch": {
        "type": "object", "minProperties": 1,
        "properties": {
            "status": ref("TicketStatus"),
            "priority": ref("TicketPriority"),
            "assigneeId": {"type": ["string", "null"], "description": "Member id to assign; null unassigns."},
            "subject": {"type": "string", "minLength": 1, "maxLength": 500},
        },
    },
    "Actor": {
        "type": "object", "required": ["id", "name"],
        "properties": {"id": STR, "name": STR},
    },
    "Delivery": {
        "type": "object", "required": ["state"],
        "properties": {
            "state": {"type": "string", "enum": ["queued", "sent", "failed"]},
            "error": {"type": "string", "description": "Why delivery failed (state failed)."},
        },
    },
    "TimelineMessage": {
        "type": "object",
        "required": ["id", "kind", "at", "author", "channel", "body"],
        "properties": {
            "id": STR,
            "kind": {"type": "string", "enum": ["message"]},
            "at": DT,
            "author": {
                "type": "object", "required": ["kind", "name"],
                "properties": {
                    "kind": {"type": "string", "enum": ["customer", "ai", "operator", "system"]},
                    "id": STR,
                    "name": STR,
                },
            },
            "channel": ref("Channel"),
            "body": STR,
            "delivery": ref("Delivery"),
        },
    },
    "TimelineNote": {
        "type": "object",
        "description": "An internal note; never sent to the customer.",
        "required": ["id", "kind", "at", "author", "body"],
        "properties": {
            "id": STR,
            "kind": {"type": "string", "enum": ["note"]},
            "at": DT,
            "author": ref("Actor"),
            "body": STR,
        },
    },
    "TimelineEvent": {
        "type": "object",
        "required": ["id", "kind", "at", "event", "actor"],
        "properties": {
            "id": STR,
            "kind": {"type": "string", "enum": ["event"]},
            "at": DT,
            "event": {"type": "string", "enum": ["created", "assigned", "unassigned", "takenOver", "released",
                                                  "statusChanged", "priorityChanged", "subjectChanged", "resolved",
                                                  "reopened", "escalationRepeated"]},
            "actor": {"oneOf": [ref("Actor"), {"type": "null"}], "description": "Who caused the event; null for the system or the customer."},
            "from": STR,
            "to": STR,
            "detail": {"type": "string", "description": "Human words on why, e.g. the assignment reason; on the created event, the handoff summary."},
        },
    },
    "TimelineEntry": {
        "oneOf": [ref("TimelineMessage"), ref("TimelineNote"), ref("TimelineEvent")],
        "discriminator": {"propertyName": "kind", "mapping": {
            "message": "#/components/schemas/TimelineMessage",
            "note": "#/components/schemas/TimelineNote",
            "event": "#/components/schemas/TimelineEvent",
        }},
    },
    "Timeline": {
        "type": "object", "required": ["items"],
        "properties": {"items": {"type": "array", "description": "The created event first (it carries the handoff summary in detail), then every other entry in the order it happened.", "items": ref("TimelineEntry")}},
    },
    "NoteCreate": {
        "type": "object", "required": ["body"],
        "properties": {"body": {"type": "string", "minLength": 1, "maxLength": 20000}},
    },
    "ReplyCreate": {
        "type": "object", "required": ["body"],
        "properties": {
            "body": {"type": "string", "minLength": 1, "maxLength": 20000, "description": "Trimmed; must not be empty."},
            "channel": {**CHANNEL, "description": "The channel to reply on. Default: the conversation's live channel when the caller has taken over the chat, else email when the requester has an address (the first available option of GET /api/v1/tickets/{number}/channels)."},
        },
    },
    "ReplyChannelOption": {
        "type": "object", "required": ["channel", "available"],
        "properties": {
            "channel": ref("Channel"),
            "available": {"type": "boolean"},
            "reason": {"type": "string", "description": "Why the channel cannot be used now, in words for the composer (e.g. \"take over the chat to reply live\", \"no email address on file\"). Present only when available is false."},
        },
    },
    "ReplyChannels": {
        "type": "object", "required": ["items", "default"],
        "properties": {
            "items": {"type": "array", "description": "The conversation's live channel (if it has one), then email.", "items": ref("ReplyChannelOption")},
            "default": {"oneOf": [ref("Channel"), {"type": "null"}], "description": "The composer's default: the first available option; null when no channel can reach the customer."},
        },
    },
    # Agents
    "FAQEntry": {
        "type": "object", "required": ["question", "answer"],
        "description": "One question-and-answer pair; question and answer must not be empty and are at most 10000 characters together.",
        "properties": {"question": {"type": "string", "minLength": 1}, "answer": {"type": "string", "minLength": 1}},
    },
    "SupportHandover": {
        "type": "object",
        "description": "The agent's Support Handover action: when and how a conversation is handed to people.",
        "required": list(HANDOVER_PROPS),
        "properties": {k: {kk: vv for kk, vv in v.items() if kk != "default"} for k, v in HANDOVER_PROPS.items()},
    },
    "SupportHandoverWrite": {
        "type": "object",
        "description": "A Support Handover as written: every field is optional, missing fields take the defaults shown. Labels (trimmed) must not be empty and are at most 500 characters; 400 names fields like supportHandover.messageThreshold.",
        "properties": HANDOVER_PROPS,
    },
    "BuiltinBrain": {
        "type": "object", "required": ["kind"],
        "description": "Offline FAQ matching and human-request detection.",
        "properties": {"kind": {"type": "string", "enum": ["builtin"]}},
    },
    "LLMBrainWrite": {
        "type": "object", "required": ["kind", "baseURL", "model"],
        "description": "Any OpenAI-compatible chat-completions endpoint.",
        "properties": {
            "kind": {"type": "string", "enum": ["llm"]},
            "baseURL": {"type": "string", "format": "uri", "description": "An http(s) URL such as https://api.openai.com/v1."},
            "model": {"type": "string", "minLength": 1},
            "apiKey": {"type": "string", "writeOnly": True, "description": "Write-only; never returned. Omitted on PUT, the stored key is kept."},
        },
    },
    "LLMBrain": {
        "type": "object", "required": ["kind", "baseURL", "model", "apiKeySet"],
        "properties": {
            "kind": {"type": "string", "enum": ["llm"]},
            "baseURL": STR,
            "model": STR,
            "apiKeySet": {"type": "string", "enum": ["true", "false"], "description": "Whether an API key is stored (the key itself is never returned). A string, not a boolean."},
        },
    },
    "BrainWrite": {
        "oneOf": [ref("BuiltinBrain"), ref("LLMBrainWrite")],
        "discriminator": {"propertyName": "kind", "mapping": {
            "builtin": "#/components/schemas/BuiltinBrain", "llm": "#/components/schemas/LLMBrainWrite"}},
    },
    "Brain": {
        "oneOf": [ref("BuiltinBrain"), ref("LLMBrain")],
        "discriminator": {"propertyName": "kind", "mapping": {
            "builtin": "#/components/schemas/BuiltinBrain", "llm": "#/components/schemas/LLMBrain"}},
    },
    "AgentWrite": {
        "type": "object", "required": ["name"],
        "description": "An agent as created or replaced (PUT replaces the whole agent: omitted fields take the values shown as defaults). 400 names each invalid field in errors[], e.g. name, brain.kind, brain.baseURL, brain.model, faq[0].question, supportHandover.messageThreshold, supportHandover.waitingLabel.",
        "properties": {
            "name": {"type": "string", "minLength": 1, "maxLength": 200, "description": "Trimmed; must not be empty."},
            "instructions": {"type": ["string", "null"], "maxLength": 20000, "default": "", "description": "The system prompt."},
            "brain": {"oneOf": [ref("BrainWrite"), {"type": "null"}], "description": "Default (omitted or null): the builtin brain."},
            "faq": {"type": ["array", "null"], "maxItems": 5000, "default": [], "items": ref("FAQEntry")},
            "supportHandover": {"oneOf": [ref("SupportHandoverWrite"), {"type": "null"}],
                                "description": "null or omitted: the agent cannot escalate to people."},
        },
    },
    "Agent": {
        "type": "object",
        "required": ["id", "name", "instructions", "brain", "faq", "supportHandover", "createdAt", "updatedAt"],
        "properties": {
            "id": STR,
            "name": STR,
            "instructions": STR,
            "brain": ref("Brain"),
            "faq": {"type": "array", "items": ref("FAQEntry")},
            "supportHandover": {"oneOf": [ref("SupportHandover"), {"type": "null"}], "description": "null when the agent cannot escalate."},
            "createdAt": DT,
            "updatedAt": DT,
        },
    },
    "AgentList": {
        "type": "object", "required": ["items"],
        "properties": {"items": {"type": "array", "items": ref("Agent")}},
    },
    # Channels
    "WebChannelConfig": {
        "type": "object", "required": ["allowedOrigins"],
        "properties": {
            "allowedOrigins": {"type": "array", "minItems": 1,
                               "description": "The page origins allowed to call the widget API (CORS): \"*\" or scheme://host[:port] with http or https, no path or query. 400 names each bad entry as config.allowedOrigins[i].",
                               "items": {"type": "string", "examples": ["https://www.example.com"]}},
        },
    },
    "ChannelCreate": {
        "type": "object", "required": ["kind", "agentId", "config"],
        "properties": {
            "kind": {**CHANNEL, "description": "Only web is in this build; telegram, whatsapp and email answer 422."},
            "agentId": {"type": "string", "description": "An agent of the caller's team; otherwise 400 naming agentId."},
            "config": ref("WebChannelConfig"),
        },
    },
    "ChannelConnection": {
        "type": "object", "required": ["id", "kind", "agentId", "config", "createdAt"],
        "properties": {
            "id": STR,
            "kind": ref("Channel"),
            "agentId": STR,
            "config": ref("WebChannelConfig"),
            "createdAt": DT,
        },
    },
    "ChannelConnectionList": {
        "type": "object", "required": ["items"],
        "properties": {"items": {"type": "array", "items": ref("ChannelConnection")}},
    },
    # Widget
    "WidgetSessionCreate": {
        "type": "object",
        "properties": {
            "visitorToken": {"type": "string", "description": "A token from an earlier session, to resume it; forged, expired or another channel's tokens answer 401."},
            "name": {"type": "string", "maxLength": 200, "description": "Defaults to \"Visitor\". Ignored when resuming."},
            "email": {"type": "string", "format": "email", "description": "Ignored when resuming."},
        },
    },
    "WidgetSession": {
        "type": "object", "required": ["visitorToken", "conversationId", "config"],
        "properties": {
            "visitorToken": {"type": "string", "description": "Signed; send it as Authorization: Bearer <visitorToken> on every other widget call."},
            "conversationId": STR,
            "config": ref("WidgetConfig"),
        },
    },
    "WidgetConfig": {
        "type": "object", "required": ["humanButton", "labels", "state", "agentName"],
        "properties": {
            "humanButton": {
                "type": "object", "required": ["visible"],
                "properties": {
                    "visible": {"type": "boolean"},
                    "reason": {"type": "string", "enum": ["planExcludesHelpDesk", "buttonDisabled", "belowMessageThreshold", "outsideBusinessHours", "alreadyConnected"],
                               "description": "Why the button is hidden (the first failing condition, in this order); absent when visible."},
                },
            },
            "labels": {
                "type": "object", "required": ["waiting", "connected"],
                "properties": {"waiting": STR, "connected": STR},
                "description": "The agent's Support Handover labels (defaults when it has none).",
            },
            "state": {"type": "string", "enum": ["ai", "waiting", "connected"],
                      "description": "ai: the AI answers; waiting: a ticket is open and the AI still answers; connected: a person holds the chat."},
            "agentName": STR,
        },
    },
    "VisitorMessage": {
        "type": "object", "required": ["id", "at", "author", "body"],
        "properties": {
            "id": {"type": "string", "description": "Pass as ?after= to fetch only later messages."},
            "at": DT,
            "author": {
                "type": "object", "required": ["kind", "name"],
                "properties": {"kind": {"type": "string", "enum": ["customer", "ai", "operator", "system"]}, "name": STR},
            },
            "body": STR,
        },
    },
    "VisitorMessageList": {
        "type": "object", "required": ["items"],
        "properties": {"items": {"type": "array", "description": "In order, oldest first.", "items": ref("VisitorMessage")}},
    },
    "VisitorMessageCreate": {
        "type": "object", "required": ["body"],
        "properties": {"body": {"type": "string", "minLength": 1, "maxLength": 4000, "description": "Trimmed; must not be empty."}},
    },
    "VisitorReply": {
        "type": "object", "required": ["escalated"],
        "properties": {
            "reply": {"allOf": [ref("VisitorMessage")], "description": "The last message stored for the customer (AI answer, waiting label or auto-reply); absent when nothing was said (e.g. a person holds the chat)."},
            "escalated": {"type": "boolean"},
            "ticketNumber": {"type": "integer", "minimum": 1, "description": "The ticket the conversation was escalated to; present when escalated."},
        },
    },
    "VisitorTicket": {
        "type": "object", "required": ["number", "subject", "status", "createdAt", "lastActivityAt"],
        "properties": {
            "number": {"type": "integer", "minimum": 1},
            "subject": STR,
            "status": ref("TicketStatus"),
            "createdAt": DT,
            "lastActivityAt": DT,
        },
    },
    "VisitorTicketList": {
        "type": "object", "required": ["items"],
        "properties": {"items": {"type": "array", "description": "Newest first.", "items": ref("VisitorTicket")}},
    },
    "Health": {
        "type": "object", "required": ["status"],
        "properties": {"status": {"type": "string", "enum": ["ok"]}},
    },
    "Ready": {
        "type": "object", "required": ["status"],
        "properties": {"status": {"type": "string", "enum": ["ready"]}},
    },
}

def problem_response(desc, headers=None):
    r = {"description": desc, "content": {"application/problem+json": {"schema": ref("Problem")}}}
    if headers: r["headers"] = headers
    return r

responses = {
    "BadRequest": problem_response("Malformed JSON, or a missing or invalid field or query parameter; errors[] names each field and the allowed values."),
    "Unauthorized": problem_response("No credentials, or invalid or expired credentials."),
    "Forbidden": problem_response("The caller's role or the team's plan forbids this, or the X-CSRF-Token header is missing or wrong on a cookie-authenticated unsafe request."),
    "NotFound": problem_response("Not found, or not visible to the caller."),
    "Conflict": problem_response("The request conflicts with the current state."),
    "PayloadTooLarge": problem_response("The request body is larger than 1 MiB."),
    "UnprocessableContent": problem_response("The request is well-formed but semantically invalid."),
    "TooManyRequests": problem_response("Rate limited; retry after the number of seconds in Retry-After.",
                                        {"Retry-After": {"$ref": "#/components/headers/RetryAfter"}}),
    "ServiceUnavailable": problem_response("Not ready: the database does not answer or migrations have not run."),
}

components = {
    "securitySchemes": {
        "bearerAuth": {"type": "http", "scheme": "bearer", "description": "The token from POST /api/v1/auth/login, sent as Authorization: Bearer <token>."},
        "cookieAuth": {"type": "apiKey", "in": "cookie", "name": "helpdesk_session",
                       "description": "The web app's session cookie set by POST /api/v1/auth/login. Cookie-authenticated PATCH, POST, PUT and DELETE requests must also send the X-CSRF-Token header (the csrfToken from login, also in the helpdesk_csrf cookie); otherwise 403."},
        "visitorToken": {"type": "http", "scheme": "bearer", "description": "The widget's signed visitor token from POST /widget/v1/{channelId}/sessions, sent as Authorization: Bearer <visitorToken>. It scopes every widget call to one conversation on one channel; a missing, forged or expired token, or one for another channel, answers 401."},
    },
    "parameters": {
        "TicketNumber": {"name": "number", "in": "path", "required": True, "description": "The ticket number (per team, from 10001).",
                         "schema": {"type": "integer", "minimum": 1}},
        "MemberId": {"name": "id", "in": "path", "required": True, "description": "The member id.", "schema": STR},
        "AgentId": {"name": "id", "in": "path", "required": True, "description": "The agent id.", "schema": STR},
        "ChannelConnectionId": {"name": "id", "in": "path", "required": True, "description": "The channel id.", "schema": STR},
        "WidgetChannelId": {"name": "channelId", "in": "path", "required": True, "description": "The web widget channel's id (from POST /api/v1/channels); unknown ids answer 404.", "schema": STR},
        "CsrfToken": {"name": "X-CSRF-Token", "in": "header", "required": False,
                      "description": "Required when authenticating with the session cookie; ignored with a bearer token.",
                      "schema": STR},
    },
    "headers": {
        "RetryAfter": {"description": "Seconds to wait before retrying.", "schema": {"type": "integer", "minimum": 0}},
    },
    "responses": responses,
    "schemas": schemas,
}

def q(name, schema, desc):
    return {"name": name, "in": "query", "required": False, "description": desc, "schema": schema}

paths = {
    "/health": {"get": op("getHealth", "Liveness", "Operations", PUBLIC,
                          {"200": resp("The process is alive.", ref("Health"))})},
    "/ready": {"get": op("getReady", "Readiness", "Operations", PUBLIC,
                         {"200": resp("The database answers and migrations ran.", ref("Ready")), **err(503)})},
    "/metrics": {"get": op("getMetrics", "Prometheus metrics", "Operations", PUBLIC,
                           {"200": {"description": "Metrics in the Prometheus text exposition format.",
                                    "content": {"text/plain": {"schema": STR}}}})},
    "/openapi.json": {"get": op("getOpenAPIDocument", "This OpenAPI document", "Operations", PUBLIC,
                                {"200": resp("The OpenAPI 3.1 document.", {"type": "object"})})},
    "/api/v1/auth/login": {"post": op(
        "login", "Sign in", "Auth", PUBLIC,
        {"200": {"description": "Signed in. Also sets the helpdesk_session cookie (HttpOnly) and the helpdesk_csrf cookie.",
                 "headers": {"Set-Cookie": {"description": "helpdesk_session (HttpOnly) and helpdesk_csrf cookies.", "schema": STR}},
                 "content": json_content(ref("LoginResponse"))},
         **err(400, 401, 413, 429)},
        request=body(ref("LoginRequest")),
        description="Rate limited per account and per client address (429 with Retry-After). Wrong email or password answers 401.")},
    "/api/v1/auth/logout": {"post": op(
        "logout", "Sign out", "Auth", AUTH,
        {"204": {"description": "The session ended and its token is revoked; the cookies are cleared."}, **err(401, 403)},
        params=[CSRF])},
    "/api/v1/me": {
        "get": op("getMe", "The caller", "Members", AUTH, {"200": resp("The calling member.", ref("Me")), **err(401)}),
        "patch": op("updateMe", "Change own profile and availability", "Members", AUTH,
                    {"200": resp("The updated member.", ref("Me")), **err(400, 401, 403, 413)},
                    params=[CSRF], request=body(ref("MePatch"))),
    },
    "/api/v1/members": {
        "get": op("listMembers", "Team members", "Members", AUTH,
                  {"200": resp("Members with availability and unresolved ticket counts.", ref("MemberList")), **err(401)}),
        "post": op("createMember", "Add a member", "Members", AUTH,
                   {"201": resp("The new member.", ref("Member")), **err(400, 401, 403, 409, 413)},
                   params=[CSRF], request=body(ref("MemberCreate")),
                   description="Owner or manager only. 409 when the email address is already taken."),
    },
    "/api/v1/members/{id}": {
        "parameters": [MEMBER_ID],
        "patch": op("updateMember", "Change a member", "Members", AUTH,
                    {"200": resp("The updated member.", ref("Member")), **err(400, 401, 403, 404, 413, 422)},
                    params=[CSRF], request=body(ref("MemberPatch")),
                    description="Owner or manager; an operator may patch only their own availability and profile (not role)."),
    },
    "/api/v1/settings": {
        "get": op("getSettings", "Team settings", "Settings", AUTH,
                  {"200": resp("The team's settings.", ref("Settings")), **err(401)}),
        "put": op("replaceSettings", "Replace team settings", "Settings", AUTH,
                  {"200": resp("The stored settings.", ref("Settings")), **err(400, 401, 403, 413)},
                  params=[CSRF], request=body(ref("Settings")),
                  description="Owner or manager only; the full object. 400 names invalid fields in errors[], e.g. businessHours.timeZone."),
    },
    "/api/v1/tickets": {
        "get": op("listTickets", "Inbox", "Tickets", AUTH,
                  {"200": resp("A page of inbox rows.", ref("TicketList")), **err(400, 401, 403)},
                  params=[
                      q("view", {"type": "string", "enum": ["mine", "all", "unassigned", "resolved"], "default": "all"},
                        "mine: unresolved tickets assigned to the caller; all: every ticket, unresolved first, grouped by status (open, pending, resolved); unassigned: unresolved tickets with no assignee; resolved: resolved tickets. Each group is sorted by lastActivityAt, newest first."),
                      q("status", ref("TicketStatus"), "Only tickets with this status."),
                      q("priority", ref("TicketPriority"), "Only tickets with this priority."),
                      q("channel", ref("Channel"), "Only tickets from this channel."),
                      q("agentId", STR, "Only tickets escalated by this agent."),
                      q("assigneeId", STR, "Only tickets assigned to this member."),
                      q("q", {"type": "string", "maxLength": 200}, "Text search over subject, requester and message text."),
                      q("limit", {"type": "integer", "minimum": 1, "maximum": 200, "default": 50}, "Page size."),
                      q("cursor", STR, "Opaque cursor from a previous page's nextCursor."),
                  ],
                  description=("400 on an unknown view, status, priority or channel, listing the allowed values." + PLAN)),
        "post": op("createTicket", "Open a ticket by hand", "Tickets", AUTH,
                   {"201": resp("The new ticket.", ref("Ticket")), **err(400, 401, 403, 413)},
                   params=[CSRF], request=body(ref("TicketCreate")), description=PLAN.strip()),
    },
    "/api/v1/tickets/{number}": {
        "parameters": [NUMBER],
        "get": op("getTicket", "One ticket", "Tickets", AUTH,
                  {"200": resp("The ticket.", ref("Ticket")), **err(400, 401, 403, 404)}, description=PLAN.strip()),
        "patch": op("updateTicket", "Change status, priority, assignee or subject", "Tickets", AUTH,
                    {"200": resp("The updated ticket.", ref("Ticket")), **err(400, 401, 403, 404, 413, 422)},
                    params=[CSRF], request=body(ref("TicketPatch")), description=PLAN.strip()),
    },
    "/api/v1/tickets/{number}/pickup": {
        "parameters": [NUMBER],
        "post": op("pickUpTicket", "Pick up an unassigned ticket", "Tickets", AUTH,
                   {"200": resp("The ticket, now assigned to the caller.", ref("Ticket")), **err(400, 401, 403, 404, 409)},
                   params=[CSRF],
                   description="Exactly one caller wins a race; the others get 409 with a detail naming who has it." + PLAN),
    },
    "/api/v1/tickets/{number}/timeline": {
        "parameters": [NUMBER],
        "get": op("getTicketTimeline", "Ticket timeline", "Tickets", AUTH,
                  {"200": resp("Messages, notes and events: the created event first, then the rest in order.", ref("Timeline")), **err(400, 401, 403, 404)},
                  description="The created event comes first (it carries the handoff summary in detail), then everything else in the order it happened." + PLAN),
    },
    "/api/v1/tickets/{number}/notes": {
        "parameters": [NUMBER],
        "post": op("addTicketNote", "Add an internal note", "Tickets", AUTH,
                   {"201": resp("The stored note.", ref("TimelineEntry")), **err(400, 401, 403, 404, 413)},
                   params=[CSRF], request=body(ref("NoteCreate")), description=PLAN.strip()),
    },
}

# Widget: public, CORS limited to the channel's allowedOrigins; errors are problems too.
WIDGET_NOTE = ("The web widget's public API. Every call but session start sends the visitor token as Authorization: Bearer <visitorToken>. "
               "Browsers may call it only from the channel's allowedOrigins: a request whose Origin is not allowed answers 403; "
               "allowed origins get Access-Control-Allow-Origin (and Vary: Origin) on every response except 403 problems. "
               "OPTIONS preflights are answered for allowed origins (methods GET, POST, OPTIONS; headers Authorization, Content-Type). "
               "All errors are problems: 400 invalid input, 401 missing or bad visitor token, 403 origin not allowed, 404 unknown channel.")
WIDGET_ORIGIN_403 = problem_response("The request's Origin is not among the channel's allowedOrigins.")
WIDGET_404 = problem_response("No web widget channel with this id.")
WIDGET_401 = problem_response("No visitor token, or a forged or expired one, or one for another channel; start a new session.")
def werr(*codes):
    out = {}
    for c in codes:
        out[str(c)] = {401: WIDGET_401, 403: WIDGET_ORIGIN_403, 404: WIDGET_404}.get(c) or {"$ref": f"#/components/responses/{ERR[c]}"}
    return out

AGENT_DELETE_NOTE = "Also removes the agent's channels. "

paths.update({
    "/api/v1/agents": {
        "get": op("listAgents", "The team's agents", "Agents", AUTH,
                  {"200": resp("Every agent of the team, oldest first.", ref("AgentList")), **err(401)}),
        "post": op("createAgent", "Create an agent", "Agents", AUTH,
                   {"201": resp("The new agent.", ref("Agent")), **err(400, 401, 403, 413)},
                   params=[CSRF], request=body(ref("AgentWrite")),
                   description=CONFIGURE + " 400 names each invalid field in errors[], e.g. supportHandover.messageThreshold, faq[0].question, brain.baseURL."),
    },
    "/api/v1/agents/{id}": {
        "parameters": [AGENT_ID],
        "get": op("getAgent", "One agent", "Agents", AUTH,
                  {"200": resp("The agent; an LLM API key is never returned (see brain.apiKeySet).", ref("Agent")), **err(401, 404)}),
        "put": op("replaceAgent", "Replace an agent", "Agents", AUTH,
                  {"200": resp("The stored agent.", ref("Agent")), **err(400, 401, 403, 404, 413)},
                  params=[CSRF], request=body(ref("AgentWrite")),
                  description=CONFIGURE + " The full agent: omitted instructions, faq, brain and supportHandover take their defaults (empty, empty, builtin, none). An LLM brain without apiKey keeps the stored key. 400 names each invalid field in errors[]."),
        "delete": op("deleteAgent", "Delete an agent", "Agents", AUTH,
                     {"204": {"description": "Deleted, together with its channels."}, **err(401, 403, 404)},
                     params=[CSRF], description=AGENT_DELETE_NOTE + CONFIGURE),
    },
    "/api/v1/channels": {
        "get": op("listChannels", "The team's channels", "Channels", AUTH,
                  {"200": resp("Every channel of the team, oldest first. Secrets are never returned.", ref("ChannelConnectionList")), **err(401)}),
        "post": op("createChannel", "Connect a channel to an agent", "Channels", AUTH,
                   {"201": resp("The new channel.", ref("ChannelConnection")),
                    **err(400, 401, 403, 413),
                    "422": problem_response("The kind is not in this build: only web channels can be created (telegram, whatsapp and email answer 422).")},
                   params=[CSRF], request=body(ref("ChannelCreate")),
                   description=CONFIGURE + " Only web (the widget) in this build. 400 names agentId when no such agent is in the team, and config.allowedOrigins or config.allowedOrigins[i] for a missing list or a bad origin."),
    },
    "/api/v1/channels/{id}": {
        "parameters": [CHANNEL_ID],
        "delete": op("deleteChannel", "Remove a channel", "Channels", AUTH,
                     {"204": {"description": "Removed."}, **err(401, 403, 404)},
                     params=[CSRF], description=CONFIGURE),
    },
    "/api/v1/tickets/{number}/replies": {
        "parameters": [NUMBER],
        "post": op("replyToTicket", "Reply to the customer", "Tickets", AUTH,
                   {"201": resp("The stored message (kind message, author kind operator) with delivery: sent on the web widget, queued on external channels (later sent or failed, with error).", ref("TimelineEntry")),
                    **err(400, 401, 403, 404, 413),
                    "422": problem_response("No channel can reach the customer now (or the chosen one cannot); the detail says why and how to fix it. Nothing is stored or sent.")},
                   params=[CSRF], request=body(ref("ReplyCreate")),
                   description="Without channel: the conversation's live channel when the caller has taken over the chat, else email when the requester has an address." + PLAN),
    },
    "/api/v1/tickets/{number}/takeover": {
        "parameters": [NUMBER],
        "post": op("takeOverTicket", "Take over the live chat", "Tickets", AUTH,
                   {"200": resp("The ticket; the caller is now the live operator (and the assignee if it had none).", ref("Ticket")),
                    **err(400, 401, 403, 404),
                    "409": problem_response("Another operator has already taken over this chat, or the ticket is resolved."),
                    "422": problem_response("The conversation came by email: there is no live chat to take over.")},
                   params=[CSRF],
                   description="Pauses the AI: the caller becomes the live operator, and the assignee if there is none; the customer gets the agent's connected label. Taking over a chat the caller already holds changes nothing." + PLAN),
    },
    "/api/v1/tickets/{number}/release": {
        "parameters": [NUMBER],
        "post": op("releaseTicket", "Hand the chat back to the AI", "Tickets", AUTH,
                   {"200": resp("The ticket; the AI answers the conversation again.", ref("Ticket")),
                    **err(400, 401, 403, 404),
                    "409": problem_response("Nobody has taken over this chat, or someone else holds it (only they, an owner or a manager can release it).")},
                   params=[CSRF],
                   description="The operator holding the chat releases it; owners and managers may release anyone's." + PLAN),
    },
    "/api/v1/tickets/counts": {
        "get": op("getTicketCounts", "Counts for the inbox tabs", "Tickets", AUTH,
                  {"200": resp("Unresolved tickets assigned to the caller (mine), unresolved unassigned, all unresolved, and resolved; each count stops at 10000.",
                               {"type": "object", "required": ["mine", "unassigned", "all", "resolved"],
                                "properties": {k: {"type": "integer", "minimum": 0, "maximum": 10000} for k in ["mine", "unassigned", "all", "resolved"]}}),
                   **err(401, 403)},
                  description="For the live counts on the inbox tabs." + PLAN),
    },
    "/api/v1/live": {
        "get": op("live", "Live inbox and ticket events (WebSocket)", "Tickets", AUTH,
                  {"101": {"description": "Switching to WebSocket. Server messages: {\"type\":\"entry\",\"id\":int,\"ticket\":Ticket,\"entry\":TimelineEntry} for every new timeline entry of the team's tickets (a new ticket arrives as its created entry), and {\"type\":\"presence\",\"ticketNumber\":int,\"members\":[{\"id\",\"displayName\",\"typing\"}]}. Client messages: {\"type\":\"presence\",\"ticketNumber\":int|null,\"typing\":bool}."},
                   "426": {"description": "A plain GET with valid credentials: connect with Upgrade: websocket.", "content": {"application/problem+json": {"schema": ref("Problem")}}},
                   **err(401, 403)},
                  params=[{"name": "token", "in": "query", "required": False, "description": "A bearer token, for clients that cannot send headers on a WebSocket; otherwise the session cookie (same-origin pages only).", "schema": STR},
                          {"name": "after", "in": "query", "required": False, "description": "Resume: replay every entry after this id, then stream. Without it the stream starts now.", "schema": {"type": "integer", "minimum": 0}}],
                  description="Read from the database, so any instance serves it and a reconnect with ?after=<last id> misses nothing." + PLAN),
    },
    "/api/v1/tickets/{number}/channels": {
        "parameters": [NUMBER],
        "get": op("getTicketReplyChannels", "Reply channels available now", "Tickets", AUTH,
                  {"200": resp("What the composer's channel selector shows.", ref("ReplyChannels")), **err(400, 401, 403, 404)},
                  description="The conversation's live channel (available once the caller has taken over the chat) and email (available when the requester has an address); default is the first available one." + PLAN),
    },
    "/widget/v1/{channelId}/sessions": {
        "parameters": [WIDGET_CHANNEL],
        "post": op("startWidgetSession", "Start or resume a visitor session", "Widget", PUBLIC,
                   {"200": resp("The session: a fresh visitor token, the conversation and the widget's config.", ref("WidgetSession")),
                    **werr(400, 401, 403, 404, 413)},
                   request=body(ref("WidgetSessionCreate")),
                   description="Send {} to start a new conversation, or {visitorToken} to resume one (a new token is issued). A sent token that is forged, expired or for another channel answers 401."),
    },
    "/widget/v1/{channelId}/config": {
        "parameters": [WIDGET_CHANNEL],
        "get": op("getWidgetConfig", "The widget's config for this visitor now", "Widget", VISITOR,
                  {"200": resp("Human button visibility, labels and state.", ref("WidgetConfig")), **werr(401, 403, 404)}),
    },
    "/widget/v1/{channelId}/messages": {
        "parameters": [WIDGET_CHANNEL],
        "post": op("sendVisitorMessage", "Send a visitor message", "Widget", VISITOR,
                   {"200": resp("The agent's answer, if any, and whether the conversation was escalated to a ticket.", ref("VisitorReply")),
                    **werr(400, 401, 403, 404, 413)},
                   request=body(ref("VisitorMessageCreate"))),
        "get": op("listVisitorMessages", "The visitor's conversation", "Widget", VISITOR,
                  {"200": resp("The conversation's messages in order.", ref("VisitorMessageList")), **werr(400, 401, 403, 404)},
                  params=[q("after", {"type": "integer", "format": "int64", "minimum": 0},
                            "A message id: only later messages are returned. 400 when it is not a message id.")]),
    },
    "/widget/v1/{channelId}/human": {
        "parameters": [WIDGET_CHANNEL],
        "post": op("pressHumanButton", "The human button", "Widget", VISITOR,
                   {"200": resp("Escalated: the waiting label or auto-reply, and the ticket number.", ref("VisitorReply")),
                    **werr(401),
                    "403": problem_response("The human button is not available now (the detail names the reason, as in config.humanButton.reason), or the Origin is not allowed."),
                    **werr(404)},
                   description="Escalates the conversation to a ticket when the button is shown now (see config.humanButton)."),
    },
    "/widget/v1/{channelId}/live": {
        "parameters": [WIDGET_CHANNEL],
        "get": op("widgetLive", "Live replies and widget state (WebSocket)", "Widget", PUBLIC,
                  {"101": {"description": "Switching to WebSocket. Server messages: {\"type\":\"message\",\"message\":VisitorMessage} for each new message and {\"type\":\"config\",\"config\":WidgetConfig} when the state or human button changes."},
                   "426": {"description": "A plain GET with a valid visitor token: connect with Upgrade: websocket.", "content": {"application/problem+json": {"schema": ref("Problem")}}},
                   **werr(401, 403, 404)},
                  params=[{"name": "visitorToken", "in": "query", "required": True, "description": "The signed visitor token (browsers cannot set headers on a WebSocket).", "schema": STR},
                          {"name": "after", "in": "query", "required": False, "description": "Resume: only messages after this message id.", "schema": {"type": "integer", "minimum": 0}}],
                  description="Resumable: reconnect with ?after=<last message id> and nothing is missed. The Origin must be one of the channel's allowed origins."),
    },
    "/widget/v1/{channelId}/tickets": {
        "parameters": [WIDGET_CHANNEL],
        "get": op("listVisitorTickets", "The visitor's own tickets", "Widget", VISITOR,
                  {"200": resp("The visitor's tickets, newest first.", ref("VisitorTicketList")), **werr(401, 403, 404)}),
    },
})

doc = {
    "openapi": "3.1.0",
    "info": {
        "title": "HelpDesk API",
        "version": "1.0.0",
        "description": "The HTTP API of the HelpDesk server. Errors are application/problem+json (RFC 9457). Timestamps are RFC 3339 UTC with fractional seconds; ids are opaque strings.",
    },
    "tags": [{"name": n} for n in ["Operations", "Auth", "Members", "Settings", "Agents", "Channels", "Tickets"]]
            + [{"name": "Widget", "description": WIDGET_NOTE}],
    "security": AUTH,
    "paths": paths,
    "components": components,
}

text = json.dumps(doc, indent=2, ensure_ascii=False)
indented = "\n".join(("    " + line) for line in text.split("\n"))
swift = f'''/// The OpenAPI 3.1 description of the HTTP API, served at `GET /openapi.json`.
/// A test checks that every route the router serves is documented here and every documented route is served.
enum OpenAPIDocument {{
    static let json: String = ##"""
{indented}
    """##
}}
'''
open(__import__("os").path.join(__import__("os").path.dirname(__import__("os").path.abspath(__file__)), "../../Sources/HelpDeskServer/OpenAPIDocument.swift"), "w").write(swift)
