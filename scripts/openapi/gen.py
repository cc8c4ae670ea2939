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
            "detail": STR,
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
        "properties": {"items": {"type": "array", "description": "Entries in chronological order.", "items": ref("TimelineEntry")}},
    },
    "NoteCreate": {
        "type": "object", "required": ["body"],
        "properties": {"body": {"type": "string", "minLength": 1, "maxLength": 20000}},
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
    },
    "parameters": {
        "TicketNumber": {"name": "number", "in": "path", "required": True, "description": "The ticket number (per team, from 10001).",
                         "schema": {"type": "integer", "minimum": 1}},
        "MemberId": {"name": "id", "in": "path", "required": True, "description": "The member id.", "schema": STR},
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
                  {"200": resp("Messages, notes and events in order.", ref("Timeline")), **err(400, 401, 403, 404)},
                  description=PLAN.strip()),
    },
    "/api/v1/tickets/{number}/notes": {
        "parameters": [NUMBER],
        "post": op("addTicketNote", "Add an internal note", "Tickets", AUTH,
                   {"201": resp("The stored note.", ref("TimelineEntry")), **err(400, 401, 403, 404, 413)},
                   params=[CSRF], request=body(ref("NoteCreate")), description=PLAN.strip()),
    },
}

doc = {
    "openapi": "3.1.0",
    "info": {
        "title": "HelpDesk API",
        "version": "1.0.0",
        "description": "The HTTP API of the HelpDesk server. Errors are application/problem+json (RFC 9457). Timestamps are RFC 3339 UTC with fractional seconds; ids are opaque strings.",
    },
    "tags": [{"name": n} for n in ["Operations", "Auth", "Members", "Settings", "Tickets"]],
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
