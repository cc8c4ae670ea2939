import json, re, sys
src = open(__import__("os").path.join(__import__("os").path.dirname(__import__("os").path.abspath(__file__)), "../../Sources/HelpDeskServer/OpenAPIDocument.swift")).read()
m = re.search(r'static let json: String = (#+)"""\n(.*?)\n( *)"""\1\n', src, re.S)
delim, body, closing_indent = m.group(1), m.group(2), m.group(3)
print("delimiter:", delim, "closing indent:", len(closing_indent))
lines = body.split("\n")
assert all(l.startswith(closing_indent) or l == "" for l in lines), "under-indented line"
assert ('"' + delim) not in body, "terminator-like sequence in body"
assert "\\" + delim not in body, "escape sequence in raw string"
print('contains "# (harmless with ## delimiter):', '"#' in body)
doc = json.loads("\n".join(l[len(closing_indent):] for l in lines))
from openapi_spec_validator import validate
validate(doc)
print("openapi-spec-validator: valid")
ops = [(meth.upper(), p) for p, item in doc["paths"].items() for meth in item if meth in ("get","post","put","patch","delete")]
for o in ops: print(*o)
expected = """GET /health · GET /ready · GET /metrics · GET /openapi.json · POST /api/v1/auth/login · POST /api/v1/auth/logout · GET /api/v1/me · PATCH /api/v1/me · GET /api/v1/members · POST /api/v1/members · PATCH /api/v1/members/{id} · GET /api/v1/settings · PUT /api/v1/settings · GET /api/v1/tickets · POST /api/v1/tickets · GET /api/v1/tickets/{number} · PATCH /api/v1/tickets/{number} · POST /api/v1/tickets/{number}/pickup · GET /api/v1/tickets/{number}/timeline · POST /api/v1/tickets/{number}/notes · POST /api/v1/tickets/{number}/replies · POST /api/v1/tickets/{number}/takeover · POST /api/v1/tickets/{number}/release · GET /api/v1/tickets/{number}/channels · GET /api/v1/agents · POST /api/v1/agents · GET /api/v1/agents/{id} · PUT /api/v1/agents/{id} · DELETE /api/v1/agents/{id} · GET /api/v1/channels · POST /api/v1/channels · DELETE /api/v1/channels/{id} · POST /widget/v1/{channelId}/sessions · GET /widget/v1/{channelId}/config · POST /widget/v1/{channelId}/messages · GET /widget/v1/{channelId}/messages · POST /widget/v1/{channelId}/human · GET /widget/v1/{channelId}/tickets · GET /api/v1/tickets/counts · GET /api/v1/live · GET /widget/v1/{channelId}/live"""
exp = [tuple(s.strip().split(" ")) for s in expected.split("·")]
print(len(ops), "operations; exact match:", sorted(ops) == sorted(exp))
# every 4xx/5xx response references Problem via application/problem+json
comps = doc["components"]["responses"]
for p, item in doc["paths"].items():
    for meth, o in item.items():
        if meth == "parameters": continue
        for code, r in o["responses"].items():
            if code.startswith("2") or code.startswith("1"): continue  # success and protocol switch
            r = comps[r["$ref"].split("/")[-1]] if "$ref" in r else r
            assert r["content"]["application/problem+json"]["schema"] == {"$ref": "#/components/schemas/Problem"}, (p, meth, code)
print("all error responses -> Problem (application/problem+json)")
