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
          "name": "Agents"
        },
        {
          "name": "Channels"
        },
        {
          "name": "Tickets"
        },
        {
          "name": "Widget",
          "description": "The web widget's public API. Every call but session start sends the visitor token as Authorization: Bearer <visitorToken>. Browsers may call it only from the channel's allowedOrigins: a request whose Origin is not allowed answers 403; allowed origins get Access-Control-Allow-Origin (and Vary: Origin) on every response except 403 problems. OPTIONS preflights are answered for allowed origins (methods GET, POST, OPTIONS; headers Authorization, Content-Type). All errors are problems: 400 invalid input, 401 missing or bad visitor token, 403 origin not allowed, 404 unknown channel."
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
            "description": "The created event comes first (it carries the handoff summary in detail), then everything else in the order it happened. Requires the Help Desk plan (pro or scale); other plans answer 403.",
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
                "description": "Messages, notes and events: the created event first, then the rest in order.",
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
        },
        "/api/v1/agents": {
          "get": {
            "operationId": "listAgents",
            "summary": "The team's agents",
            "tags": [
              "Agents"
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
                "description": "Every agent of the team, oldest first.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/AgentList"
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
            "operationId": "createAgent",
            "summary": "Create an agent",
            "tags": [
              "Agents"
            ],
            "description": "Owner or manager only (operators get 403). 400 names each invalid field in errors[], e.g. supportHandover.messageThreshold, faq[0].question, brain.baseURL.",
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
                    "$ref": "#/components/schemas/AgentWrite"
                  }
                }
              }
            },
            "responses": {
              "201": {
                "description": "The new agent.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Agent"
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
        "/api/v1/agents/{id}": {
          "parameters": [
            {
              "$ref": "#/components/parameters/AgentId"
            }
          ],
          "get": {
            "operationId": "getAgent",
            "summary": "One agent",
            "tags": [
              "Agents"
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
                "description": "The agent; an LLM API key is never returned (see brain.apiKeySet).",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Agent"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "404": {
                "$ref": "#/components/responses/NotFound"
              }
            }
          },
          "put": {
            "operationId": "replaceAgent",
            "summary": "Replace an agent",
            "tags": [
              "Agents"
            ],
            "description": "Owner or manager only (operators get 403). The full agent: omitted instructions, faq, brain and supportHandover take their defaults (empty, empty, builtin, none). An LLM brain without apiKey keeps the stored key. 400 names each invalid field in errors[].",
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
                    "$ref": "#/components/schemas/AgentWrite"
                  }
                }
              }
            },
            "responses": {
              "200": {
                "description": "The stored agent.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Agent"
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
          },
          "delete": {
            "operationId": "deleteAgent",
            "summary": "Delete an agent",
            "tags": [
              "Agents"
            ],
            "description": "Also removes the agent's channels. Owner or manager only (operators get 403).",
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
                "description": "Deleted, together with its channels."
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
        "/api/v1/channels": {
          "get": {
            "operationId": "listChannels",
            "summary": "The team's channels",
            "tags": [
              "Channels"
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
                "description": "Every channel of the team, oldest first. Secrets are never returned.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/ChannelConnectionList"
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
            "operationId": "createChannel",
            "summary": "Connect a channel to an agent",
            "tags": [
              "Channels"
            ],
            "description": "Owner or manager only (operators get 403). Only web (the widget) in this build. 400 names agentId when no such agent is in the team, and config.allowedOrigins or config.allowedOrigins[i] for a missing list or a bad origin.",
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
                    "$ref": "#/components/schemas/ChannelCreate"
                  }
                }
              }
            },
            "responses": {
              "201": {
                "description": "The new channel.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/ChannelConnection"
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
              },
              "422": {
                "description": "The kind is not in this build: only web channels can be created (telegram, whatsapp and email answer 422).",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              }
            }
          }
        },
        "/api/v1/channels/{id}": {
          "parameters": [
            {
              "$ref": "#/components/parameters/ChannelConnectionId"
            }
          ],
          "delete": {
            "operationId": "deleteChannel",
            "summary": "Remove a channel",
            "tags": [
              "Channels"
            ],
            "description": "Owner or manager only (operators get 403).",
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
                "description": "Removed."
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
        "/api/v1/tickets/{number}/replies": {
          "parameters": [
            {
              "$ref": "#/components/parameters/TicketNumber"
            }
          ],
          "post": {
            "operationId": "replyToTicket",
            "summary": "Reply to the customer",
            "tags": [
              "Tickets"
            ],
            "description": "Without channel: the conversation's live channel when the caller has taken over the chat, else email when the requester has an address. Requires the Help Desk plan (pro or scale); other plans answer 403.",
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
                    "$ref": "#/components/schemas/ReplyCreate"
                  }
                }
              }
            },
            "responses": {
              "201": {
                "description": "The stored message (kind message, author kind operator) with delivery: sent on the web widget, queued on external channels (later sent or failed, with error).",
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
              },
              "422": {
                "description": "No channel can reach the customer now (or the chosen one cannot); the detail says why and how to fix it. Nothing is stored or sent.",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              }
            }
          }
        },
        "/api/v1/tickets/{number}/takeover": {
          "parameters": [
            {
              "$ref": "#/components/parameters/TicketNumber"
            }
          ],
          "post": {
            "operationId": "takeOverTicket",
            "summary": "Take over the live chat",
            "tags": [
              "Tickets"
            ],
            "description": "Pauses the AI: the caller becomes the live operator, and the assignee if there is none; the customer gets the agent's connected label. Taking over a chat the caller already holds changes nothing. Requires the Help Desk plan (pro or scale); other plans answer 403.",
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
                "description": "The ticket; the caller is now the live operator (and the assignee if it had none).",
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
                "description": "Another operator has already taken over this chat, or the ticket is resolved.",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "422": {
                "description": "The conversation came by email: there is no live chat to take over.",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              }
            }
          }
        },
        "/api/v1/tickets/{number}/release": {
          "parameters": [
            {
              "$ref": "#/components/parameters/TicketNumber"
            }
          ],
          "post": {
            "operationId": "releaseTicket",
            "summary": "Hand the chat back to the AI",
            "tags": [
              "Tickets"
            ],
            "description": "The operator holding the chat releases it; owners and managers may release anyone's. Requires the Help Desk plan (pro or scale); other plans answer 403.",
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
                "description": "The ticket; the AI answers the conversation again.",
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
                "description": "Nobody has taken over this chat, or someone else holds it (only they, an owner or a manager can release it).",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              }
            }
          }
        },
        "/api/v1/tickets/counts": {
          "get": {
            "operationId": "getTicketCounts",
            "summary": "Counts for the inbox tabs",
            "tags": [
              "Tickets"
            ],
            "description": "For the live counts on the inbox tabs. Requires the Help Desk plan (pro or scale); other plans answer 403.",
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
                "description": "Unresolved tickets assigned to the caller (mine), unresolved unassigned, all unresolved, and resolved; each count stops at 10000.",
                "content": {
                  "application/json": {
                    "schema": {
                      "type": "object",
                      "required": [
                        "mine",
                        "unassigned",
                        "all",
                        "resolved"
                      ],
                      "properties": {
                        "mine": {
                          "type": "integer",
                          "minimum": 0,
                          "maximum": 10000
                        },
                        "unassigned": {
                          "type": "integer",
                          "minimum": 0,
                          "maximum": 10000
                        },
                        "all": {
                          "type": "integer",
                          "minimum": 0,
                          "maximum": 10000
                        },
                        "resolved": {
                          "type": "integer",
                          "minimum": 0,
                          "maximum": 10000
                        }
                      }
                    }
                  }
                }
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
        "/api/v1/live": {
          "get": {
            "operationId": "live",
            "summary": "Live inbox and ticket events (WebSocket)",
            "tags": [
              "Tickets"
            ],
            "description": "Read from the database, so any instance serves it and a reconnect with ?after=<last id> misses nothing. Requires the Help Desk plan (pro or scale); other plans answer 403.",
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
                "name": "token",
                "in": "query",
                "required": false,
                "description": "A bearer token, for clients that cannot send headers on a WebSocket; otherwise the session cookie (same-origin pages only).",
                "schema": {
                  "type": "string"
                }
              },
              {
                "name": "after",
                "in": "query",
                "required": false,
                "description": "Resume: replay every entry after this id, then stream. Without it the stream starts now.",
                "schema": {
                  "type": "integer",
                  "minimum": 0
                }
              }
            ],
            "responses": {
              "101": {
                "description": "Switching to WebSocket. Server messages: {\"type\":\"entry\",\"id\":int,\"ticket\":Ticket,\"entry\":TimelineEntry} for every new timeline entry of the team's tickets (a new ticket arrives as its created entry), and {\"type\":\"presence\",\"ticketNumber\":int,\"members\":[{\"id\",\"displayName\",\"typing\"}]}. Client messages: {\"type\":\"presence\",\"ticketNumber\":int|null,\"typing\":bool}."
              },
              "426": {
                "description": "A plain GET with valid credentials: connect with Upgrade: websocket.",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
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
        "/api/v1/tickets/{number}/channels": {
          "parameters": [
            {
              "$ref": "#/components/parameters/TicketNumber"
            }
          ],
          "get": {
            "operationId": "getTicketReplyChannels",
            "summary": "Reply channels available now",
            "tags": [
              "Tickets"
            ],
            "description": "The conversation's live channel (available once the caller has taken over the chat) and email (available when the requester has an address); default is the first available one. Requires the Help Desk plan (pro or scale); other plans answer 403.",
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
                "description": "What the composer's channel selector shows.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/ReplyChannels"
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
        "/widget/v1/{channelId}/sessions": {
          "parameters": [
            {
              "$ref": "#/components/parameters/WidgetChannelId"
            }
          ],
          "post": {
            "operationId": "startWidgetSession",
            "summary": "Start or resume a visitor session",
            "tags": [
              "Widget"
            ],
            "description": "Send {} to start a new conversation, or {visitorToken} to resume one (a new token is issued). A sent token that is forged, expired or for another channel answers 401.",
            "security": [],
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/WidgetSessionCreate"
                  }
                }
              }
            },
            "responses": {
              "200": {
                "description": "The session: a fresh visitor token, the conversation and the widget's config.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/WidgetSession"
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/BadRequest"
              },
              "401": {
                "description": "No visitor token, or a forged or expired one, or one for another channel; start a new session.",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "403": {
                "description": "The request's Origin is not among the channel's allowedOrigins.",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "404": {
                "description": "No web widget channel with this id.",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "413": {
                "$ref": "#/components/responses/PayloadTooLarge"
              }
            }
          }
        },
        "/widget/v1/{channelId}/config": {
          "parameters": [
            {
              "$ref": "#/components/parameters/WidgetChannelId"
            }
          ],
          "get": {
            "operationId": "getWidgetConfig",
            "summary": "The widget's config for this visitor now",
            "tags": [
              "Widget"
            ],
            "security": [
              {
                "visitorToken": []
              }
            ],
            "responses": {
              "200": {
                "description": "Human button visibility, labels and state.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/WidgetConfig"
                    }
                  }
                }
              },
              "401": {
                "description": "No visitor token, or a forged or expired one, or one for another channel; start a new session.",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "403": {
                "description": "The request's Origin is not among the channel's allowedOrigins.",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "404": {
                "description": "No web widget channel with this id.",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              }
            }
          }
        },
        "/widget/v1/{channelId}/messages": {
          "parameters": [
            {
              "$ref": "#/components/parameters/WidgetChannelId"
            }
          ],
          "post": {
            "operationId": "sendVisitorMessage",
            "summary": "Send a visitor message",
            "tags": [
              "Widget"
            ],
            "security": [
              {
                "visitorToken": []
              }
            ],
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/VisitorMessageCreate"
                  }
                }
              }
            },
            "responses": {
              "200": {
                "description": "The agent's answer, if any, and whether the conversation was escalated to a ticket.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/VisitorReply"
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/BadRequest"
              },
              "401": {
                "description": "No visitor token, or a forged or expired one, or one for another channel; start a new session.",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "403": {
                "description": "The request's Origin is not among the channel's allowedOrigins.",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "404": {
                "description": "No web widget channel with this id.",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "413": {
                "$ref": "#/components/responses/PayloadTooLarge"
              }
            }
          },
          "get": {
            "operationId": "listVisitorMessages",
            "summary": "The visitor's conversation",
            "tags": [
              "Widget"
            ],
            "security": [
              {
                "visitorToken": []
              }
            ],
            "parameters": [
              {
                "name": "after",
                "in": "query",
                "required": false,
                "description": "A message id: only later messages are returned. 400 when it is not a message id.",
                "schema": {
                  "type": "integer",
                  "format": "int64",
                  "minimum": 0
                }
              }
            ],
            "responses": {
              "200": {
                "description": "The conversation's messages in order.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/VisitorMessageList"
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/BadRequest"
              },
              "401": {
                "description": "No visitor token, or a forged or expired one, or one for another channel; start a new session.",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "403": {
                "description": "The request's Origin is not among the channel's allowedOrigins.",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "404": {
                "description": "No web widget channel with this id.",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              }
            }
          }
        },
        "/widget/v1/{channelId}/human": {
          "parameters": [
            {
              "$ref": "#/components/parameters/WidgetChannelId"
            }
          ],
          "post": {
            "operationId": "pressHumanButton",
            "summary": "The human button",
            "tags": [
              "Widget"
            ],
            "description": "Escalates the conversation to a ticket when the button is shown now (see config.humanButton).",
            "security": [
              {
                "visitorToken": []
              }
            ],
            "responses": {
              "200": {
                "description": "Escalated: the waiting label or auto-reply, and the ticket number.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/VisitorReply"
                    }
                  }
                }
              },
              "401": {
                "description": "No visitor token, or a forged or expired one, or one for another channel; start a new session.",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "403": {
                "description": "The human button is not available now (the detail names the reason, as in config.humanButton.reason), or the Origin is not allowed.",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "404": {
                "description": "No web widget channel with this id.",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              }
            }
          }
        },
        "/widget/v1/{channelId}/live": {
          "parameters": [
            {
              "$ref": "#/components/parameters/WidgetChannelId"
            }
          ],
          "get": {
            "operationId": "widgetLive",
            "summary": "Live replies and widget state (WebSocket)",
            "tags": [
              "Widget"
            ],
            "description": "Resumable: reconnect with ?after=<last message id> and nothing is missed. The Origin must be one of the channel's allowed origins.",
            "security": [],
            "parameters": [
              {
                "name": "visitorToken",
                "in": "query",
                "required": true,
                "description": "The signed visitor token (browsers cannot set headers on a WebSocket).",
                "schema": {
                  "type": "string"
                }
              },
              {
                "name": "after",
                "in": "query",
                "required": false,
                "description": "Resume: only messages after this message id.",
                "schema": {
                  "type": "integer",
                  "minimum": 0
                }
              }
            ],
            "responses": {
              "101": {
                "description": "Switching to WebSocket. Server messages: {\"type\":\"message\",\"message\":VisitorMessage} for each new message and {\"type\":\"config\",\"config\":WidgetConfig} when the state or human button changes."
              },
              "426": {
                "description": "A plain GET with a valid visitor token: connect with Upgrade: websocket.",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "401": {
                "description": "No visitor token, or a forged or expired one, or one for another channel; start a new session.",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "403": {
                "description": "The request's Origin is not among the channel's allowedOrigins.",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "404": {
                "description": "No web widget channel with this id.",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              }
            }
          }
        },
        "/widget/v1/{channelId}/tickets": {
          "parameters": [
            {
              "$ref": "#/components/parameters/WidgetChannelId"
            }
          ],
          "get": {
            "operationId": "listVisitorTickets",
            "summary": "The visitor's own tickets",
            "tags": [
              "Widget"
            ],
            "security": [
              {
                "visitorToken": []
              }
            ],
            "responses": {
              "200": {
                "description": "The visitor's tickets, newest first.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/VisitorTicketList"
                    }
                  }
                }
              },
              "401": {
                "description": "No visitor token, or a forged or expired one, or one for another channel; start a new session.",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "403": {
                "description": "The request's Origin is not among the channel's allowedOrigins.",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "404": {
                "description": "No web widget channel with this id.",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
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
          },
          "visitorToken": {
            "type": "http",
            "scheme": "bearer",
            "description": "The widget's signed visitor token from POST /widget/v1/{channelId}/sessions, sent as Authorization: Bearer <visitorToken>. It scopes every widget call to one conversation on one channel; a missing, forged or expired token, or one for another channel, answers 401."
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
          "AgentId": {
            "name": "id",
            "in": "path",
            "required": true,
            "description": "The agent id.",
            "schema": {
              "type": "string"
            }
          },
          "ChannelConnectionId": {
            "name": "id",
            "in": "path",
            "required": true,
            "description": "The channel id.",
            "schema": {
              "type": "string"
            }
          },
          "WidgetChannelId": {
            "name": "channelId",
            "in": "path",
            "required": true,
            "description": "The web widget channel's id (from POST /api/v1/channels); unknown ids answer 404.",
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
                "type": "string",
                "description": "Human words on why, e.g. the assignment reason; on the created event, the handoff summary."
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
                "description": "The created event first (it carries the handoff summary in detail), then every other entry in the order it happened.",
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
          "ReplyCreate": {
            "type": "object",
            "required": [
              "body"
            ],
            "properties": {
              "body": {
                "type": "string",
                "minLength": 1,
                "maxLength": 20000,
                "description": "Trimmed; must not be empty."
              },
              "channel": {
                "type": "string",
                "enum": [
                  "web",
                  "telegram",
                  "whatsapp",
                  "email"
                ],
                "description": "The channel to reply on. Default: the conversation's live channel when the caller has taken over the chat, else email when the requester has an address (the first available option of GET /api/v1/tickets/{number}/channels)."
              }
            }
          },
          "ReplyChannelOption": {
            "type": "object",
            "required": [
              "channel",
              "available"
            ],
            "properties": {
              "channel": {
                "$ref": "#/components/schemas/Channel"
              },
              "available": {
                "type": "boolean"
              },
              "reason": {
                "type": "string",
                "description": "Why the channel cannot be used now, in words for the composer (e.g. \"take over the chat to reply live\", \"no email address on file\"). Present only when available is false."
              }
            }
          },
          "ReplyChannels": {
            "type": "object",
            "required": [
              "items",
              "default"
            ],
            "properties": {
              "items": {
                "type": "array",
                "description": "The conversation's live channel (if it has one), then email.",
                "items": {
                  "$ref": "#/components/schemas/ReplyChannelOption"
                }
              },
              "default": {
                "oneOf": [
                  {
                    "$ref": "#/components/schemas/Channel"
                  },
                  {
                    "type": "null"
                  }
                ],
                "description": "The composer's default: the first available option; null when no channel can reach the customer."
              }
            }
          },
          "FAQEntry": {
            "type": "object",
            "required": [
              "question",
              "answer"
            ],
            "description": "One question-and-answer pair; question and answer must not be empty and are at most 10000 characters together.",
            "properties": {
              "question": {
                "type": "string",
                "minLength": 1
              },
              "answer": {
                "type": "string",
                "minLength": 1
              }
            }
          },
          "SupportHandover": {
            "type": "object",
            "description": "The agent's Support Handover action: when and how a conversation is handed to people.",
            "required": [
              "whenToUse",
              "defaultPriority",
              "humanButton",
              "messageThreshold",
              "waitingLabel",
              "connectedLabel",
              "autoReplyMessage"
            ],
            "properties": {
              "whenToUse": {
                "type": "string",
                "maxLength": 2000,
                "description": "Guidance for the agent on when to escalate."
              },
              "defaultPriority": {
                "type": "string",
                "enum": [
                  "low",
                  "normal",
                  "high",
                  "urgent"
                ],
                "description": "Priority of the tickets it opens."
              },
              "humanButton": {
                "type": "boolean",
                "description": "Show a \"Talk to a human\" button in the widget."
              },
              "messageThreshold": {
                "type": "integer",
                "minimum": 0,
                "description": "Messages exchanged before the human button appears."
              },
              "waitingLabel": {
                "type": "string",
                "minLength": 1,
                "maxLength": 500,
                "description": "Shown to the customer while waiting for a person."
              },
              "connectedLabel": {
                "type": "string",
                "minLength": 1,
                "maxLength": 500,
                "description": "Shown once a person has joined."
              },
              "autoReplyMessage": {
                "type": "string",
                "minLength": 1,
                "maxLength": 500,
                "description": "Sent when nobody is available (nobody online, or outside business hours)."
              }
            }
          },
          "SupportHandoverWrite": {
            "type": "object",
            "description": "A Support Handover as written: every field is optional, missing fields take the defaults shown. Labels (trimmed) must not be empty and are at most 500 characters; 400 names fields like supportHandover.messageThreshold.",
            "properties": {
              "whenToUse": {
                "type": "string",
                "maxLength": 2000,
                "description": "Guidance for the agent on when to escalate.",
                "default": "The customer asks for a person, or you cannot resolve their request."
              },
              "defaultPriority": {
                "type": "string",
                "enum": [
                  "low",
                  "normal",
                  "high",
                  "urgent"
                ],
                "default": "normal",
                "description": "Priority of the tickets it opens."
              },
              "humanButton": {
                "type": "boolean",
                "default": true,
                "description": "Show a \"Talk to a human\" button in the widget."
              },
              "messageThreshold": {
                "type": "integer",
                "minimum": 0,
                "default": 0,
                "description": "Messages exchanged before the human button appears."
              },
              "waitingLabel": {
                "type": "string",
                "minLength": 1,
                "maxLength": 500,
                "description": "Shown to the customer while waiting for a person.",
                "default": "Connecting you with our team. You can keep writing here meanwhile."
              },
              "connectedLabel": {
                "type": "string",
                "minLength": 1,
                "maxLength": 500,
                "description": "Shown once a person has joined.",
                "default": "You are now chatting with our team."
              },
              "autoReplyMessage": {
                "type": "string",
                "minLength": 1,
                "maxLength": 500,
                "description": "Sent when nobody is available (nobody online, or outside business hours).",
                "default": "Our team is not available right now. Leave us a message and we will get back to you."
              }
            }
          },
          "BuiltinBrain": {
            "type": "object",
            "required": [
              "kind"
            ],
            "description": "Offline FAQ matching and human-request detection.",
            "properties": {
              "kind": {
                "type": "string",
                "enum": [
                  "builtin"
                ]
              }
            }
          },
          "LLMBrainWrite": {
            "type": "object",
            "required": [
              "kind",
              "baseURL",
              "model"
            ],
            "description": "Any OpenAI-compatible chat-completions endpoint.",
            "properties": {
              "kind": {
                "type": "string",
                "enum": [
                  "llm"
                ]
              },
              "baseURL": {
                "type": "string",
                "format": "uri",
                "description": "An http(s) URL such as https://api.openai.com/v1."
              },
              "model": {
                "type": "string",
                "minLength": 1
              },
              "apiKey": {
                "type": "string",
                "writeOnly": true,
                "description": "Write-only; never returned. Omitted on PUT, the stored key is kept."
              }
            }
          },
          "LLMBrain": {
            "type": "object",
            "required": [
              "kind",
              "baseURL",
              "model",
              "apiKeySet"
            ],
            "properties": {
              "kind": {
                "type": "string",
                "enum": [
                  "llm"
                ]
              },
              "baseURL": {
                "type": "string"
              },
              "model": {
                "type": "string"
              },
              "apiKeySet": {
                "type": "string",
                "enum": [
                  "true",
                  "false"
                ],
                "description": "Whether an API key is stored (the key itself is never returned). A string, not a boolean."
              }
            }
          },
          "BrainWrite": {
            "oneOf": [
              {
                "$ref": "#/components/schemas/BuiltinBrain"
              },
              {
                "$ref": "#/components/schemas/LLMBrainWrite"
              }
            ],
            "discriminator": {
              "propertyName": "kind",
              "mapping": {
                "builtin": "#/components/schemas/BuiltinBrain",
                "llm": "#/components/schemas/LLMBrainWrite"
              }
            }
          },
          "Brain": {
            "oneOf": [
              {
                "$ref": "#/components/schemas/BuiltinBrain"
              },
              {
                "$ref": "#/components/schemas/LLMBrain"
              }
            ],
            "discriminator": {
              "propertyName": "kind",
              "mapping": {
                "builtin": "#/components/schemas/BuiltinBrain",
                "llm": "#/components/schemas/LLMBrain"
              }
            }
          },
          "AgentWrite": {
            "type": "object",
            "required": [
              "name"
            ],
            "description": "An agent as created or replaced (PUT replaces the whole agent: omitted fields take the values shown as defaults). 400 names each invalid field in errors[], e.g. name, brain.kind, brain.baseURL, brain.model, faq[0].question, supportHandover.messageThreshold, supportHandover.waitingLabel.",
            "properties": {
              "name": {
                "type": "string",
                "minLength": 1,
                "maxLength": 200,
                "description": "Trimmed; must not be empty."
              },
              "instructions": {
                "type": [
                  "string",
                  "null"
                ],
                "maxLength": 20000,
                "default": "",
                "description": "The system prompt."
              },
              "brain": {
                "oneOf": [
                  {
                    "$ref": "#/components/schemas/BrainWrite"
                  },
                  {
                    "type": "null"
                  }
                ],
                "description": "Default (omitted or null): the builtin brain."
              },
              "faq": {
                "type": [
                  "array",
                  "null"
                ],
                "maxItems": 5000,
                "default": [],
                "items": {
                  "$ref": "#/components/schemas/FAQEntry"
                }
              },
              "supportHandover": {
                "oneOf": [
                  {
                    "$ref": "#/components/schemas/SupportHandoverWrite"
                  },
                  {
                    "type": "null"
                  }
                ],
                "description": "null or omitted: the agent cannot escalate to people."
              }
            }
          },
          "Agent": {
            "type": "object",
            "required": [
              "id",
              "name",
              "instructions",
              "brain",
              "faq",
              "supportHandover",
              "createdAt",
              "updatedAt"
            ],
            "properties": {
              "id": {
                "type": "string"
              },
              "name": {
                "type": "string"
              },
              "instructions": {
                "type": "string"
              },
              "brain": {
                "$ref": "#/components/schemas/Brain"
              },
              "faq": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/FAQEntry"
                }
              },
              "supportHandover": {
                "oneOf": [
                  {
                    "$ref": "#/components/schemas/SupportHandover"
                  },
                  {
                    "type": "null"
                  }
                ],
                "description": "null when the agent cannot escalate."
              },
              "createdAt": {
                "type": "string",
                "format": "date-time"
              },
              "updatedAt": {
                "type": "string",
                "format": "date-time"
              }
            }
          },
          "AgentList": {
            "type": "object",
            "required": [
              "items"
            ],
            "properties": {
              "items": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/Agent"
                }
              }
            }
          },
          "WebChannelConfig": {
            "type": "object",
            "required": [
              "allowedOrigins"
            ],
            "properties": {
              "allowedOrigins": {
                "type": "array",
                "minItems": 1,
                "description": "The page origins allowed to call the widget API (CORS): \"*\" or scheme://host[:port] with http or https, no path or query. 400 names each bad entry as config.allowedOrigins[i].",
                "items": {
                  "type": "string",
                  "examples": [
                    "https://www.example.com"
                  ]
                }
              }
            }
          },
          "ChannelCreate": {
            "type": "object",
            "required": [
              "kind",
              "agentId",
              "config"
            ],
            "properties": {
              "kind": {
                "type": "string",
                "enum": [
                  "web",
                  "telegram",
                  "whatsapp",
                  "email"
                ],
                "description": "Only web is in this build; telegram, whatsapp and email answer 422."
              },
              "agentId": {
                "type": "string",
                "description": "An agent of the caller's team; otherwise 400 naming agentId."
              },
              "config": {
                "$ref": "#/components/schemas/WebChannelConfig"
              }
            }
          },
          "ChannelConnection": {
            "type": "object",
            "required": [
              "id",
              "kind",
              "agentId",
              "config",
              "createdAt"
            ],
            "properties": {
              "id": {
                "type": "string"
              },
              "kind": {
                "$ref": "#/components/schemas/Channel"
              },
              "agentId": {
                "type": "string"
              },
              "config": {
                "$ref": "#/components/schemas/WebChannelConfig"
              },
              "createdAt": {
                "type": "string",
                "format": "date-time"
              }
            }
          },
          "ChannelConnectionList": {
            "type": "object",
            "required": [
              "items"
            ],
            "properties": {
              "items": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/ChannelConnection"
                }
              }
            }
          },
          "WidgetSessionCreate": {
            "type": "object",
            "properties": {
              "visitorToken": {
                "type": "string",
                "description": "A token from an earlier session, to resume it; forged, expired or another channel's tokens answer 401."
              },
              "name": {
                "type": "string",
                "maxLength": 200,
                "description": "Defaults to \"Visitor\". Ignored when resuming."
              },
              "email": {
                "type": "string",
                "format": "email",
                "description": "Ignored when resuming."
              }
            }
          },
          "WidgetSession": {
            "type": "object",
            "required": [
              "visitorToken",
              "conversationId",
              "config"
            ],
            "properties": {
              "visitorToken": {
                "type": "string",
                "description": "Signed; send it as Authorization: Bearer <visitorToken> on every other widget call."
              },
              "conversationId": {
                "type": "string"
              },
              "config": {
                "$ref": "#/components/schemas/WidgetConfig"
              }
            }
          },
          "WidgetConfig": {
            "type": "object",
            "required": [
              "humanButton",
              "labels",
              "state",
              "agentName"
            ],
            "properties": {
              "humanButton": {
                "type": "object",
                "required": [
                  "visible"
                ],
                "properties": {
                  "visible": {
                    "type": "boolean"
                  },
                  "reason": {
                    "type": "string",
                    "enum": [
                      "planExcludesHelpDesk",
                      "buttonDisabled",
                      "belowMessageThreshold",
                      "outsideBusinessHours",
                      "alreadyConnected"
                    ],
                    "description": "Why the button is hidden (the first failing condition, in this order); absent when visible."
                  }
                }
              },
              "labels": {
                "type": "object",
                "required": [
                  "waiting",
                  "connected"
                ],
                "properties": {
                  "waiting": {
                    "type": "string"
                  },
                  "connected": {
                    "type": "string"
                  }
                },
                "description": "The agent's Support Handover labels (defaults when it has none)."
              },
              "state": {
                "type": "string",
                "enum": [
                  "ai",
                  "waiting",
                  "connected"
                ],
                "description": "ai: the AI answers; waiting: a ticket is open and the AI still answers; connected: a person holds the chat."
              },
              "agentName": {
                "type": "string"
              }
            }
          },
          "VisitorMessage": {
            "type": "object",
            "required": [
              "id",
              "at",
              "author",
              "body"
            ],
            "properties": {
              "id": {
                "type": "string",
                "description": "Pass as ?after= to fetch only later messages."
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
                  "name": {
                    "type": "string"
                  }
                }
              },
              "body": {
                "type": "string"
              }
            }
          },
          "VisitorMessageList": {
            "type": "object",
            "required": [
              "items"
            ],
            "properties": {
              "items": {
                "type": "array",
                "description": "In order, oldest first.",
                "items": {
                  "$ref": "#/components/schemas/VisitorMessage"
                }
              }
            }
          },
          "VisitorMessageCreate": {
            "type": "object",
            "required": [
              "body"
            ],
            "properties": {
              "body": {
                "type": "string",
                "minLength": 1,
                "maxLength": 4000,
                "description": "Trimmed; must not be empty."
              }
            }
          },
          "VisitorReply": {
            "type": "object",
            "required": [
              "escalated"
            ],
            "properties": {
              "reply": {
                "allOf": [
                  {
                    "$ref": "#/components/schemas/VisitorMessage"
                  }
                ],
                "description": "The last message stored for the customer (AI answer, waiting label or auto-reply); absent when nothing was said (e.g. a person holds the chat)."
              },
              "escalated": {
                "type": "boolean"
              },
              "ticketNumber": {
                "type": "integer",
                "minimum": 1,
                "description": "The ticket the conversation was escalated to; present when escalated."
              }
            }
          },
          "VisitorTicket": {
            "type": "object",
            "required": [
              "number",
              "subject",
              "status",
              "createdAt",
              "lastActivityAt"
            ],
            "properties": {
              "number": {
                "type": "integer",
                "minimum": 1
              },
              "subject": {
                "type": "string"
              },
              "status": {
                "$ref": "#/components/schemas/TicketStatus"
              },
              "createdAt": {
                "type": "string",
                "format": "date-time"
              },
              "lastActivityAt": {
                "type": "string",
                "format": "date-time"
              }
            }
          },
          "VisitorTicketList": {
            "type": "object",
            "required": [
              "items"
            ],
            "properties": {
              "items": {
                "type": "array",
                "description": "Newest first.",
                "items": {
                  "$ref": "#/components/schemas/VisitorTicket"
                }
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
