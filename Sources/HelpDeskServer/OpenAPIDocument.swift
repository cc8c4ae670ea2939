/// The OpenAPI 3.1 description of the HTTP API, served at `GET /openapi.json`.
/// A test checks that every route the router serves is documented here and every documented route is served.
enum OpenAPIDocument {
    static let json: String = ##"""
    {
      "openapi": "3.1.0",
      "info": {
        "title": "HelpDesk API",
        "version": "1.0.0",
        "description": "The HTTP API of the HelpDesk server. Errors are application/problem+json (RFC 9457). Timestamps are RFC 3339 UTC with fractional seconds; ids are opaque strings."
      },
      "tags": [
        {
          "name": "Operations"
        },
        {
          "name": "Auth"
        },
        {
          "name": "Members"
        },
        {
          "name": "Settings"
        },
        {
          "name": "Tickets"
        }
      ],
      "security": [
        {
          "bearerAuth": []
        },
        {
          "cookieAuth": []
        }
      ],
      "paths": {
        "/health": {
          "get": {
            "operationId": "getHealth",
            "summary": "Liveness",
            "tags": [
              "Operations"
            ],
            "security": [],
            "responses": {
              "200": {
                "description": "The process is alive.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Health"
                    }
                  }
                }
              }
            }
          }
        },
        "/ready": {
          "get": {
            "operationId": "getReady",
            "summary": "Readiness",
            "tags": [
              "Operations"
            ],
            "security": [],
            "responses": {
              "200": {
                "description": "The database answers and migrations ran.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Ready"
                    }
                  }
                }
              },
              "503": {
                "$ref": "#/components/responses/ServiceUnavailable"
              }
            }
          }
        },
        "/metrics": {
          "get": {
            "operationId": "getMetrics",
            "summary": "Prometheus metrics",
            "tags": [
              "Operations"
            ],
            "security": [],
            "responses": {
              "200": {
                "description": "Metrics in the Prometheus text exposition format.",
                "content": {
                  "text/plain": {
                    "schema": {
                      "type": "string"
                    }
                  }
                }
              }
            }
          }
        },
        "/openapi.json": {
          "get": {
            "operationId": "getOpenAPIDocument",
            "summary": "This OpenAPI document",
            "tags": [
              "Operations"
            ],
            "security": [],
            "responses": {
              "200": {
                "description": "The OpenAPI 3.1 document.",
                "content": {
                  "application/json": {
                    "schema": {
                      "type": "object"
                    }
                  }
                }
              }
            }
          }
        },
        "/api/v1/auth/login": {
          "post": {
            "operationId": "login",
            "summary": "Sign in",
            "tags": [
              "Auth"
            ],
            "description": "Rate limited per account and per client address (429 with Retry-After). Wrong email or password answers 401.",
            "security": [],
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/LoginRequest"
                  }
                }
              }
            },
            "responses": {
              "200": {
                "description": "Signed in. Also sets the helpdesk_session cookie (HttpOnly) and the helpdesk_csrf cookie.",
                "headers": {
                  "Set-Cookie": {
                    "description": "helpdesk_session (HttpOnly) and helpdesk_csrf cookies.",
                    "schema": {
                      "type": "string"
                    }
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/LoginResponse"
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/BadRequest"
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "413": {
                "$ref": "#/components/responses/PayloadTooLarge"
              },
              "429": {
                "$ref": "#/components/responses/TooManyRequests"
              }
            }
          }
        },
        "/api/v1/auth/logout": {
          "post": {
            "operationId": "logout",
            "summary": "Sign out",
            "tags": [
              "Auth"
            ],
            "security": [
              {
                "bearerAuth": []
              },
              {
                "cookieAuth": []
              }
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/CsrfToken"
              }
            ],
            "responses": {
              "204": {
                "description": "The session ended and its token is revoked; the cookies are cleared."
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "403": {
                "$ref": "#/components/responses/Forbidden"
              }
            }
          }
        },
        "/api/v1/me": {
          "get": {
            "operationId": "getMe",
            "summary": "The caller",
            "tags": [
              "Members"
            ],
            "security": [
              {
                "bearerAuth": []
              },
              {
                "cookieAuth": []
              }
            ],
            "responses": {
              "200": {
                "description": "The calling member.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Me"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              }
            }
          },
          "patch": {
            "operationId": "updateMe",
            "summary": "Change own profile and availability",
            "tags": [
              "Members"
            ],
            "security": [
              {
                "bearerAuth": []
              },
              {
                "cookieAuth": []
              }
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/CsrfToken"
              }
            ],
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/MePatch"
                  }
                }
              }
            },
            "responses": {
              "200": {
                "description": "The updated member.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Me"
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/BadRequest"
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "403": {
                "$ref": "#/components/responses/Forbidden"
              },
              "413": {
                "$ref": "#/components/responses/PayloadTooLarge"
              }
            }
          }
        },
        "/api/v1/members": {
          "get": {
            "operationId": "listMembers",
            "summary": "Team members",
            "tags": [
              "Members"
            ],
            "security": [
              {
                "bearerAuth": []
              },
              {
                "cookieAuth": []
              }
            ],
            "responses": {
              "200": {
                "description": "Members with availability and unresolved ticket counts.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/MemberList"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              }
            }
          },
          "post": {
            "operationId": "createMember",
            "summary": "Add a member",
            "tags": [
              "Members"
            ],
            "description": "Owner or manager only. 409 when the email address is already taken.",
            "security": [
              {
                "bearerAuth": []
              },
              {
                "cookieAuth": []
              }
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/CsrfToken"
              }
            ],
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/MemberCreate"
                  }
                }
              }
            },
            "responses": {
              "201": {
                "description": "The new member.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Member"
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/BadRequest"
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "403": {
                "$ref": "#/components/responses/Forbidden"
              },
              "409": {
                "$ref": "#/components/responses/Conflict"
              },
              "413": {
                "$ref": "#/components/responses/PayloadTooLarge"
              }
            }
          }
        },
        "/api/v1/members/{id}": {
          "parameters": [
            {
              "$ref": "#/components/parameters/MemberId"
            }
          ],
          "patch": {
            "operationId": "updateMember",
            "summary": "Change a member",
            "tags": [
              "Members"
            ],
            "description": "Owner or manager; an operator may patch only their own availability and profile (not role).",
            "security": [
              {
                "bearerAuth": []
              },
              {
                "cookieAuth": []
              }
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/CsrfToken"
              }
            ],
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/MemberPatch"
                  }
                }
              }
            },
            "responses": {
              "200": {
                "description": "The updated member.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Member"
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/BadRequest"
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "403": {
                "$ref": "#/components/responses/Forbidden"
              },
              "404": {
                "$ref": "#/components/responses/NotFound"
              },
              "413": {
                "$ref": "#/components/responses/PayloadTooLarge"
              },
              "422": {
                "$ref": "#/components/responses/UnprocessableContent"
              }
            }
          }
        },
        "/api/v1/settings": {
          "get": {
            "operationId": "getSettings",
            "summary": "Team settings",
            "tags": [
              "Settings"
            ],
            "security": [
              {
                "bearerAuth": []
              },
              {
                "cookieAuth": []
              }
            ],
            "responses": {
              "200": {
                "description": "The team's settings.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Settings"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              }
            }
          },
          "put": {
            "operationId": "replaceSettings",
            "summary": "Replace team settings",
            "tags": [
              "Settings"
            ],
            "description": "Owner or manager only; the full object. 400 names invalid fields in errors[], e.g. businessHours.timeZone.",
            "security": [
              {
                "bearerAuth": []
              },
              {
                "cookieAuth": []
              }
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/CsrfToken"
              }
            ],
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/Settings"
                  }
                }
              }
            },
            "responses": {
              "200": {
                "description": "The stored settings.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Settings"
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/BadRequest"
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "403": {
                "$ref": "#/components/responses/Forbidden"
              },
              "413": {
                "$ref": "#/components/responses/PayloadTooLarge"
              }
            }
          }
        },
        "/api/v1/tickets": {
          "get": {
            "operationId": "listTickets",
            "summary": "Inbox",
            "tags": [
              "Tickets"
            ],
            "description": "400 on an unknown view, status, priority or channel, listing the allowed values. Requires the Help Desk plan (pro or scale); other plans answer 403.",
            "security": [
              {
                "bearerAuth": []
              },
              {
                "cookieAuth": []
              }
            ],
            "parameters": [
              {
                "name": "view",
                "in": "query",
                "required": false,
                "description": "mine: unresolved tickets assigned to the caller; all: every ticket, unresolved first, grouped by status (open, pending, resolved); unassigned: unresolved tickets with no assignee; resolved: resolved tickets. Each group is sorted by lastActivityAt, newest first.",
                "schema": {
                  "type": "string",
                  "enum": [
                    "mine",
                    "all",
                    "unassigned",
                    "resolved"
                  ],
                  "default": "all"
                }
              },
              {
                "name": "status",
                "in": "query",
                "required": false,
                "description": "Only tickets with this status.",
                "schema": {
                  "$ref": "#/components/schemas/TicketStatus"
                }
              },
              {
                "name": "priority",
                "in": "query",
                "required": false,
                "description": "Only tickets with this priority.",
                "schema": {
                  "$ref": "#/components/schemas/TicketPriority"
                }
              },
              {
                "name": "channel",
                "in": "query",
                "required": false,
                "description": "Only tickets from this channel.",
                "schema": {
                  "$ref": "#/components/schemas/Channel"
                }
              },
              {
                "name": "agentId",
                "in": "query",
                "required": false,
                "description": "Only tickets escalated by this agent.",
                "schema": {
                  "type": "string"
                }
              },
              {
                "name": "assigneeId",
                "in": "query",
                "required": false,
                "description": "Only tickets assigned to this member.",
                "schema": {
                  "type": "string"
                }
              },
              {
                "name": "q",
                "in": "query",
                "required": false,
                "description": "Text search over subject, requester and message text.",
                "schema": {
                  "type": "string",
                  "maxLength": 200
                }
              },
              {
                "name": "limit",
                "in": "query",
                "required": false,
                "description": "Page size.",
                "schema": {
                  "type": "integer",
                  "minimum": 1,
                  "maximum": 200,
                  "default": 50
                }
              },
              {
                "name": "cursor",
                "in": "query",
                "required": false,
                "description": "Opaque cursor from a previous page's nextCursor.",
                "schema": {
                  "type": "string"
                }
              }
            ],
            "responses": {
              "200": {
                "description": "A page of inbox rows.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/TicketList"
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/BadRequest"
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "403": {
                "$ref": "#/components/responses/Forbidden"
              }
            }
          },
          "post": {
            "operationId": "createTicket",
            "summary": "Open a ticket by hand",
            "tags": [
              "Tickets"
            ],
            "description": "Requires the Help Desk plan (pro or scale); other plans answer 403.",
            "security": [
              {
                "bearerAuth": []
              },
              {
                "cookieAuth": []
              }
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/CsrfToken"
              }
            ],
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/TicketCreate"
                  }
                }
              }
            },
            "responses": {
              "201": {
                "description": "The new ticket.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Ticket"
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/BadRequest"
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "403": {
                "$ref": "#/components/responses/Forbidden"
              },
              "413": {
                "$ref": "#/components/responses/PayloadTooLarge"
              }
            }
          }
        },
        "/api/v1/tickets/{number}": {
          "parameters": [
            {
              "$ref": "#/components/parameters/TicketNumber"
            }
          ],
          "get": {
            "operationId": "getTicket",
            "summary": "One ticket",
            "tags": [
              "Tickets"
            ],
            "description": "Requires the Help Desk plan (pro or scale); other plans answer 403.",
            "security": [
              {
                "bearerAuth": []
              },
              {
                "cookieAuth": []
              }
            ],
            "responses": {
              "200": {
                "description": "The ticket.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Ticket"
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/BadRequest"
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "403": {
                "$ref": "#/components/responses/Forbidden"
              },
              "404": {
                "$ref": "#/components/responses/NotFound"
              }
            }
          },
          "patch": {
            "operationId": "updateTicket",
            "summary": "Change status, priority, assignee or subject",
            "tags": [
              "Tickets"
            ],
            "description": "Requires the Help Desk plan (pro or scale); other plans answer 403.",
            "security": [
              {
                "bearerAuth": []
              },
              {
                "cookieAuth": []
              }
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/CsrfToken"
              }
            ],
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/TicketPatch"
                  }
                }
              }
            },
            "responses": {
              "200": {
                "description": "The updated ticket.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Ticket"
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/BadRequest"
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "403": {
                "$ref": "#/components/responses/Forbidden"
              },
              "404": {
                "$ref": "#/components/responses/NotFound"
              },
              "413": {
                "$ref": "#/components/responses/PayloadTooLarge"
              },
              "422": {
                "$ref": "#/components/responses/UnprocessableContent"
              }
            }
          }
        },
        "/api/v1/tickets/{number}/pickup": {
          "parameters": [
            {
              "$ref": "#/components/parameters/TicketNumber"
            }
          ],
          "post": {
            "operationId": "pickUpTicket",
            "summary": "Pick up an unassigned ticket",
            "tags": [
              "Tickets"
            ],
            "description": "Exactly one caller wins a race; the others get 409 with a detail naming who has it. Requires the Help Desk plan (pro or scale); other plans answer 403.",
            "security": [
              {
                "bearerAuth": []
              },
              {
                "cookieAuth": []
              }
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/CsrfToken"
              }
            ],
            "responses": {
              "200": {
                "description": "The ticket, now assigned to the caller.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Ticket"
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/BadRequest"
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "403": {
                "$ref": "#/components/responses/Forbidden"
              },
              "404": {
                "$ref": "#/components/responses/NotFound"
              },
              "409": {
                "$ref": "#/components/responses/Conflict"
              }
            }
          }
        },
        "/api/v1/tickets/{number}/timeline": {
          "parameters": [
            {
              "$ref": "#/components/parameters/TicketNumber"
            }
          ],
          "get": {
            "operationId": "getTicketTimeline",
            "summary": "Ticket timeline",
            "tags": [
              "Tickets"
            ],
            "description": "Requires the Help Desk plan (pro or scale); other plans answer 403.",
            "security": [
              {
                "bearerAuth": []
              },
              {
                "cookieAuth": []
              }
            ],
            "responses": {
              "200": {
                "description": "Messages, notes and events in order.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Timeline"
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/BadRequest"
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "403": {
                "$ref": "#/components/responses/Forbidden"
              },
              "404": {
                "$ref": "#/components/responses/NotFound"
              }
            }
          }
        },
        "/api/v1/tickets/{number}/notes": {
          "parameters": [
            {
              "$ref": "#/components/parameters/TicketNumber"
            }
          ],
          "post": {
            "operationId": "addTicketNote",
            "summary": "Add an internal note",
            "tags": [
              "Tickets"
            ],
            "description": "Requires the Help Desk plan (pro or scale); other plans answer 403.",
            "security": [
              {
                "bearerAuth": []
              },
              {
                "cookieAuth": []
              }
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/CsrfToken"
              }
            ],
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/NoteCreate"
                  }
                }
              }
            },
            "responses": {
              "201": {
                "description": "The stored note.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/TimelineEntry"
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/BadRequest"
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "403": {
                "$ref": "#/components/responses/Forbidden"
              },
              "404": {
                "$ref": "#/components/responses/NotFound"
              },
              "413": {
                "$ref": "#/components/responses/PayloadTooLarge"
              }
            }
          }
        }
      },
      "components": {
        "securitySchemes": {
          "bearerAuth": {
            "type": "http",
            "scheme": "bearer",
            "description": "The token from POST /api/v1/auth/login, sent as Authorization: Bearer <token>."
          },
          "cookieAuth": {
            "type": "apiKey",
            "in": "cookie",
            "name": "helpdesk_session",
            "description": "The web app's session cookie set by POST /api/v1/auth/login. Cookie-authenticated PATCH, POST, PUT and DELETE requests must also send the X-CSRF-Token header (the csrfToken from login, also in the helpdesk_csrf cookie); otherwise 403."
          }
        },
        "parameters": {
          "TicketNumber": {
            "name": "number",
            "in": "path",
            "required": true,
            "description": "The ticket number (per team, from 10001).",
            "schema": {
              "type": "integer",
              "minimum": 1
            }
          },
          "MemberId": {
            "name": "id",
            "in": "path",
            "required": true,
            "description": "The member id.",
            "schema": {
              "type": "string"
            }
          },
          "CsrfToken": {
            "name": "X-CSRF-Token",
            "in": "header",
            "required": false,
            "description": "Required when authenticating with the session cookie; ignored with a bearer token.",
            "schema": {
              "type": "string"
            }
          }
        },
        "headers": {
          "RetryAfter": {
            "description": "Seconds to wait before retrying.",
            "schema": {
              "type": "integer",
              "minimum": 0
            }
          }
        },
        "responses": {
          "BadRequest": {
            "description": "Malformed JSON, or a missing or invalid field or query parameter; errors[] names each field and the allowed values.",
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          },
          "Unauthorized": {
            "description": "No credentials, or invalid or expired credentials.",
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          },
          "Forbidden": {
            "description": "The caller's role or the team's plan forbids this, or the X-CSRF-Token header is missing or wrong on a cookie-authenticated unsafe request.",
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          },
          "NotFound": {
            "description": "Not found, or not visible to the caller.",
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          },
          "Conflict": {
            "description": "The request conflicts with the current state.",
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          },
          "PayloadTooLarge": {
            "description": "The request body is larger than 1 MiB.",
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          },
          "UnprocessableContent": {
            "description": "The request is well-formed but semantically invalid.",
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          },
          "TooManyRequests": {
            "description": "Rate limited; retry after the number of seconds in Retry-After.",
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            },
            "headers": {
              "Retry-After": {
                "$ref": "#/components/headers/RetryAfter"
              }
            }
          },
          "ServiceUnavailable": {
            "description": "Not ready: the database does not answer or migrations have not run.",
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          }
        },
        "schemas": {
          "Problem": {
            "type": "object",
            "description": "An RFC 9457 problem document, served as application/problem+json.",
            "required": [
              "type",
              "title",
              "status",
              "detail"
            ],
            "properties": {
              "type": {
                "type": "string",
                "format": "uri"
              },
              "title": {
                "type": "string"
              },
              "status": {
                "type": "integer",
                "minimum": 100,
                "maximum": 599
              },
              "detail": {
                "type": "string"
              },
              "errors": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/FieldError"
                }
              }
            }
          },
          "FieldError": {
            "type": "object",
            "required": [
              "field",
              "message"
            ],
            "properties": {
              "field": {
                "type": "string",
                "description": "Dotted path of the offending field, e.g. businessHours.timeZone."
              },
              "message": {
                "type": "string"
              }
            }
          },
          "Role": {
            "type": "string",
            "enum": [
              "owner",
              "manager",
              "operator"
            ]
          },
          "Availability": {
            "type": "string",
            "enum": [
              "online",
              "away",
              "busy",
              "offline"
            ]
          },
          "Member": {
            "type": "object",
            "required": [
              "id",
              "email",
              "role",
              "displayName",
              "sendingEmail",
              "signature",
              "availability",
              "teamId"
            ],
            "properties": {
              "id": {
                "type": "string"
              },
              "email": {
                "type": "string",
                "format": "email"
              },
              "role": {
                "$ref": "#/components/schemas/Role"
              },
              "displayName": {
                "type": "string"
              },
              "sendingEmail": {
                "type": [
                  "string",
                  "null"
                ],
                "format": "email"
              },
              "signature": {
                "type": [
                  "string",
                  "null"
                ]
              },
              "availability": {
                "$ref": "#/components/schemas/Availability"
              },
              "teamId": {
                "type": "string"
              }
            }
          },
          "Me": {
            "description": "The calling member.",
            "allOf": [
              {
                "$ref": "#/components/schemas/Member"
              }
            ]
          },
          "MemberSummary": {
            "description": "A member as listed by GET /api/v1/members.",
            "allOf": [
              {
                "$ref": "#/components/schemas/Member"
              },
              {
                "type": "object",
                "required": [
                  "openTickets"
                ],
                "properties": {
                  "openTickets": {
                    "type": "integer",
                    "minimum": 0,
                    "description": "Unresolved tickets assigned to this member."
                  }
                }
              }
            ]
          },
          "MemberList": {
            "type": "object",
            "required": [
              "items"
            ],
            "properties": {
              "items": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/MemberSummary"
                }
              }
            }
          },
          "LoginRequest": {
            "type": "object",
            "required": [
              "email",
              "password"
            ],
            "properties": {
              "email": {
                "type": "string"
              },
              "password": {
                "type": "string",
                "writeOnly": true
              }
            }
          },
          "LoginResponse": {
            "type": "object",
            "required": [
              "token",
              "csrfToken",
              "expiresAt",
              "member"
            ],
            "properties": {
              "token": {
                "type": "string",
                "description": "Bearer token for the Authorization header."
              },
              "csrfToken": {
                "type": "string",
                "description": "Value to send as X-CSRF-Token on cookie-authenticated unsafe requests."
              },
              "expiresAt": {
                "type": "string",
                "format": "date-time"
              },
              "member": {
                "$ref": "#/components/schemas/Me"
              }
            }
          },
          "MePatch": {
            "type": "object",
            "minProperties": 1,
            "properties": {
              "displayName": {
                "type": "string",
                "minLength": 1
              },
              "sendingEmail": {
                "type": [
                  "string",
                  "null"
                ],
                "format": "email"
              },
              "signature": {
                "type": [
                  "string",
                  "null"
                ]
              },
              "availability": {
                "$ref": "#/components/schemas/Availability"
              }
            }
          },
          "MemberCreate": {
            "type": "object",
            "required": [
              "email",
              "password",
              "role",
              "displayName"
            ],
            "properties": {
              "email": {
                "type": "string",
                "format": "email"
              },
              "password": {
                "type": "string",
                "minLength": 8,
                "writeOnly": true
              },
              "role": {
                "$ref": "#/components/schemas/Role"
              },
              "displayName": {
                "type": "string",
                "minLength": 1
              },
              "sendingEmail": {
                "type": [
                  "string",
                  "null"
                ],
                "format": "email"
              },
              "signature": {
                "type": [
                  "string",
                  "null"
                ]
              }
            }
          },
          "MemberPatch": {
            "type": "object",
            "minProperties": 1,
            "properties": {
              "role": {
                "$ref": "#/components/schemas/Role"
              },
              "displayName": {
                "type": "string",
                "minLength": 1
              },
              "sendingEmail": {
                "type": [
                  "string",
                  "null"
                ],
                "format": "email"
              },
              "signature": {
                "type": [
                  "string",
                  "null"
                ]
              },
              "availability": {
                "$ref": "#/components/schemas/Availability"
              }
            }
          },
          "Settings": {
            "type": "object",
            "required": [
              "businessHours",
              "emailNotifications",
              "assignment",
              "supportInbox"
            ],
            "properties": {
              "businessHours": {
                "type": "object",
                "required": [
                  "enabled",
                  "start",
                  "end",
                  "timeZone"
                ],
                "properties": {
                  "enabled": {
                    "type": "boolean"
                  },
                  "start": {
                    "type": "string",
                    "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$",
                    "examples": [
                      "09:00"
                    ]
                  },
                  "end": {
                    "type": "string",
                    "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$",
                    "examples": [
                      "17:00"
                    ]
                  },
                  "timeZone": {
                    "type": "string",
                    "description": "IANA time zone name.",
                    "examples": [
                      "Europe/Berlin"
                    ]
                  }
                }
              },
              "emailNotifications": {
                "type": "boolean",
                "description": "Email all team owners when a customer requests a human."
              },
              "assignment": {
                "type": "string",
                "enum": [
                  "manual",
                  "balanced",
                  "roundRobin"
                ]
              },
              "supportInbox": {
                "type": "object",
                "required": [
                  "enabled",
                  "address"
                ],
                "properties": {
                  "enabled": {
                    "type": "boolean"
                  },
                  "address": {
                    "type": [
                      "string",
                      "null"
                    ],
                    "format": "email"
                  }
                }
              }
            }
          },
          "TicketStatus": {
            "type": "string",
            "enum": [
              "open",
              "pending",
              "resolved"
            ]
          },
          "TicketPriority": {
            "type": "string",
            "enum": [
              "low",
              "normal",
              "high",
              "urgent"
            ]
          },
          "Channel": {
            "type": "string",
            "enum": [
              "web",
              "telegram",
              "whatsapp",
              "email"
            ]
          },
          "Requester": {
            "type": "object",
            "required": [
              "name",
              "email",
              "phone",
              "handle"
            ],
            "properties": {
              "name": {
                "type": "string"
              },
              "email": {
                "type": [
                  "string",
                  "null"
                ]
              },
              "phone": {
                "type": [
                  "string",
                  "null"
                ]
              },
              "handle": {
                "type": [
                  "string",
                  "null"
                ],
                "description": "The customer's handle on the ticket's channel (e.g. Telegram username)."
              }
            }
          },
          "Assignee": {
            "type": "object",
            "required": [
              "id",
              "displayName"
            ],
            "properties": {
              "id": {
                "type": "string"
              },
              "displayName": {
                "type": "string"
              }
            }
          },
          "AgentRef": {
            "type": "object",
            "required": [
              "id",
              "name"
            ],
            "properties": {
              "id": {
                "type": "string"
              },
              "name": {
                "type": "string"
              }
            }
          },
          "Ticket": {
            "type": "object",
            "description": "A ticket; also the row of the inbox list.",
            "required": [
              "number",
              "status",
              "priority",
              "subject",
              "requester",
              "assignee",
              "agent",
              "channel",
              "createdAt",
              "lastActivityAt",
              "resolvedAt"
            ],
            "properties": {
              "number": {
                "type": "integer",
                "minimum": 1,
                "examples": [
                  10001
                ]
              },
              "status": {
                "$ref": "#/components/schemas/TicketStatus"
              },
              "priority": {
                "$ref": "#/components/schemas/TicketPriority"
              },
              "subject": {
                "type": "string"
              },
              "requester": {
                "$ref": "#/components/schemas/Requester"
              },
              "assignee": {
                "oneOf": [
                  {
                    "$ref": "#/components/schemas/Assignee"
                  },
                  {
                    "type": "null"
                  }
                ]
              },
              "agent": {
                "oneOf": [
                  {
                    "$ref": "#/components/schemas/AgentRef"
                  },
                  {
                    "type": "null"
                  }
                ],
                "description": "The source agent; null for tickets opened by hand or by the support inbox."
              },
              "channel": {
                "$ref": "#/components/schemas/Channel"
              },
              "createdAt": {
                "type": "string",
                "format": "date-time"
              },
              "lastActivityAt": {
                "type": "string",
                "format": "date-time"
              },
              "resolvedAt": {
                "type": [
                  "string",
                  "null"
                ],
                "format": "date-time"
              }
            }
          },
          "TicketList": {
            "type": "object",
            "required": [
              "items",
              "nextCursor"
            ],
            "properties": {
              "items": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/Ticket"
                }
              },
              "nextCursor": {
                "type": [
                  "string",
                  "null"
                ],
                "description": "Pass as ?cursor= to fetch the next page; null on the last page."
              }
            }
          },
          "TicketCreate": {
            "type": "object",
            "required": [
              "subject",
              "requester"
            ],
            "properties": {
              "subject": {
                "type": "string",
                "minLength": 1,
                "maxLength": 500
              },
              "requester": {
                "type": "object",
                "required": [
                  "name"
                ],
                "properties": {
                  "name": {
                    "type": "string",
                    "minLength": 1
                  },
                  "email": {
                    "type": [
                      "string",
                      "null"
                    ],
                    "format": "email"
                  },
                  "phone": {
                    "type": [
                      "string",
                      "null"
                    ]
                  }
                }
              },
              "priority": {
                "type": "string",
                "enum": [
                  "low",
                  "normal",
                  "high",
                  "urgent"
                ],
                "default": "normal"
              },
              "channel": {
                "type": "string",
                "enum": [
                  "web",
                  "telegram",
                  "whatsapp",
                  "email"
                ],
                "default": "email"
              },
              "body": {
                "type": "string",
                "description": "The customer's first message, recorded on the timeline."
              }
            }
          },
          "TicketPatch": {
            "type": "object",
            "minProperties": 1,
            "properties": {
              "status": {
                "$ref": "#/components/schemas/TicketStatus"
              },
              "priority": {
                "$ref": "#/components/schemas/TicketPriority"
              },
              "assigneeId": {
                "type": [
                  "string",
                  "null"
                ],
                "description": "Member id to assign; null unassigns."
              },
              "subject": {
                "type": "string",
                "minLength": 1,
                "maxLength": 500
              }
            }
          },
          "Actor": {
            "type": "object",
            "required": [
              "id",
              "name"
            ],
            "properties": {
              "id": {
                "type": "string"
              },
              "name": {
                "type": "string"
              }
            }
          },
          "Delivery": {
            "type": "object",
            "required": [
              "state"
            ],
            "properties": {
              "state": {
                "type": "string",
                "enum": [
                  "queued",
                  "sent",
                  "failed"
                ]
              },
              "error": {
                "type": "string",
                "description": "Why delivery failed (state failed)."
              }
            }
          },
          "TimelineMessage": {
            "type": "object",
            "required": [
              "id",
              "kind",
              "at",
              "author",
              "channel",
              "body"
            ],
            "properties": {
              "id": {
                "type": "string"
              },
              "kind": {
                "type": "string",
                "enum": [
                  "message"
                ]
              },
              "at": {
                "type": "string",
                "format": "date-time"
              },
              "author": {
                "type": "object",
                "required": [
                  "kind",
                  "name"
                ],
                "properties": {
                  "kind": {
                    "type": "string",
                    "enum": [
                      "customer",
                      "ai",
                      "operator",
                      "system"
                    ]
                  },
                  "id": {
                    "type": "string"
                  },
                  "name": {
                    "type": "string"
                  }
                }
              },
              "channel": {
                "$ref": "#/components/schemas/Channel"
              },
              "body": {
                "type": "string"
              },
              "delivery": {
                "$ref": "#/components/schemas/Delivery"
              }
            }
          },
          "TimelineNote": {
            "type": "object",
            "description": "An internal note; never sent to the customer.",
            "required": [
              "id",
              "kind",
              "at",
              "author",
              "body"
            ],
            "properties": {
              "id": {
                "type": "string"
              },
              "kind": {
                "type": "string",
                "enum": [
                  "note"
                ]
              },
              "at": {
                "type": "string",
                "format": "date-time"
              },
              "author": {
                "$ref": "#/components/schemas/Actor"
              },
              "body": {
                "type": "string"
              }
            }
          },
          "TimelineEvent": {
            "type": "object",
            "required": [
              "id",
              "kind",
              "at",
              "event",
              "actor"
            ],
            "properties": {
              "id": {
                "type": "string"
              },
              "kind": {
                "type": "string",
                "enum": [
                  "event"
                ]
              },
              "at": {
                "type": "string",
                "format": "date-time"
              },
              "event": {
                "type": "string",
                "enum": [
                  "created",
                  "assigned",
                  "unassigned",
                  "takenOver",
                  "released",
                  "statusChanged",
                  "priorityChanged",
                  "subjectChanged",
                  "resolved",
                  "reopened",
                  "escalationRepeated"
                ]
              },
              "actor": {
                "oneOf": [
                  {
                    "$ref": "#/components/schemas/Actor"
                  },
                  {
                    "type": "null"
                  }
                ],
                "description": "Who caused the event; null for the system or the customer."
              },
              "from": {
                "type": "string"
              },
              "to": {
                "type": "string"
              },
              "detail": {
                "type": "string"
              }
            }
          },
          "TimelineEntry": {
            "oneOf": [
              {
                "$ref": "#/components/schemas/TimelineMessage"
              },
              {
                "$ref": "#/components/schemas/TimelineNote"
              },
              {
                "$ref": "#/components/schemas/TimelineEvent"
              }
            ],
            "discriminator": {
              "propertyName": "kind",
              "mapping": {
                "message": "#/components/schemas/TimelineMessage",
                "note": "#/components/schemas/TimelineNote",
                "event": "#/components/schemas/TimelineEvent"
              }
            }
          },
          "Timeline": {
            "type": "object",
            "required": [
              "items"
            ],
            "properties": {
              "items": {
                "type": "array",
                "description": "Entries in chronological order.",
                "items": {
                  "$ref": "#/components/schemas/TimelineEntry"
                }
              }
            }
          },
          "NoteCreate": {
            "type": "object",
            "required": [
              "body"
            ],
            "properties": {
              "body": {
                "type": "string",
                "minLength": 1,
                "maxLength": 20000
              }
            }
          },
          "Health": {
            "type": "object",
            "required": [
              "status"
            ],
            "properties": {
              "status": {
                "type": "string",
                "enum": [
                  "ok"
                ]
              }
            }
          },
          "Ready": {
            "type": "object",
            "required": [
              "status"
            ],
            "properties": {
              "status": {
                "type": "string",
                "enum": [
                  "ready"
                ]
              }
            }
          }
        }
      }
    }
    """##
}
