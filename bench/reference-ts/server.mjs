// A reference MCP server built with the official TypeScript SDK, for side-by-side load runs against
// `aegis serve` (see bench/side-by-side). It serves the same tool list over Streamable HTTP at
// /mcp/v1, answers SSE like aegis does, and does the same per-request edge work a fair comparison
// needs: the bearer JWT is verified against the same JWKS (issuer and audience checked, a verified
// token cached until it expires, as aegis caches its decisions), and each session is bound to the
// subject that opened it. `aegis.tools.list` is computed from the tool list, as aegis computes it.
//
//   REF_PORT=18180 REF_JWKS_URL=http://127.0.0.1:18080/dev-idp/jwks.json REF_ISSUER=... REF_AUDIENCE=... \
//   REF_TOOLS=/tmp/tools.json node server.mjs
//
// REF_TOOLS is the JSON of aegis's own tools/list result ({"tools": [...]}) for the same kind of user.
import { createServer } from "node:http";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRemoteJWKSet, jwtVerify } from "jose";
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { CallToolRequestSchema, ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";

const port = Number(process.env.REF_PORT ?? 18180);
const jwks = createRemoteJWKSet(new URL(required("REF_JWKS_URL")));
const issuer = required("REF_ISSUER");
const audience = required("REF_AUDIENCE");
const tools = JSON.parse(readFileSync(required("REF_TOOLS"), "utf8")).tools;

function required(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`reference server: set ${name}`);
    process.exit(2);
  }
  return value;
}

const verified = new Map(); // token -> { subject, expiresAtMs }

async function subjectOf(authorization) {
  if (!authorization || !authorization.startsWith("Bearer ")) {
    return null;
  }
  const token = authorization.slice(7);
  const cached = verified.get(token);
  if (cached && cached.expiresAtMs > Date.now()) {
    return cached.subject;
  }
  try {
    const { payload } = await jwtVerify(token, jwks, { issuer, audience });
    verified.set(token, { subject: payload.sub, expiresAtMs: payload.exp * 1000 });
    return payload.sub;
  } catch {
    return null;
  }
}

function familyOf(name) {
  const parts = name.split(".");
  return parts[0] === "aegis" ? parts[1] : parts[0];
}

function toolsListResult(args) {
  const family = args?.family;
  const listed = tools
    .filter((tool) => !family || familyOf(tool.name) === family)
    .map((tool) => ({
      name: tool.name,
      family: familyOf(tool.name),
      description: tool.description,
      read_only: tool.annotations?.readOnlyHint === true,
      destructive: tool.annotations?.destructiveHint === true,
    }));
  const structured = { tools: listed, security_context: "zaru-pro" };
  return { content: [{ type: "text", text: JSON.stringify(structured) }], isError: false, structuredContent: structured };
}

function newSession(subject) {
  const server = new Server({ name: "reference", version: "1.0.0" }, { capabilities: { tools: {} } });
  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools }));
  server.setRequestHandler(CallToolRequestSchema, async (request) => {
    if (request.params.name === "aegis.tools.list") {
      return toolsListResult(request.params.arguments);
    }
    return { isError: true, content: [{ type: "text", text: `${request.params.name} is not served here` }] };
  });
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: () => randomUUID(),
    onsessioninitialized: (id) => sessions.set(id, { transport, subject }),
  });
  transport.onclose = () => {
    if (transport.sessionId) {
      sessions.delete(transport.sessionId);
    }
  };
  return { server, transport };
}

const sessions = new Map(); // session id -> { transport, subject }

function refuse(res, status, message) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify({ jsonrpc: "2.0", error: { code: -32001, message }, id: null }));
}

const http = createServer({ noDelay: true }, async (req, res) => {
  if (!req.url.startsWith("/mcp/v1")) {
    return refuse(res, 404, "not found");
  }
  const subject = await subjectOf(req.headers.authorization);
  if (!subject) {
    res.setHeader("www-authenticate", "Bearer");
    return refuse(res, 401, "a valid bearer token is required");
  }
  const sessionId = req.headers["mcp-session-id"];
  if (sessionId) {
    const session = sessions.get(sessionId);
    if (!session) {
      return refuse(res, 404, "unknown session");
    }
    if (session.subject !== subject) {
      return refuse(res, 403, "this session belongs to another identity");
    }
    return session.transport.handleRequest(req, res);
  }
  const { server, transport } = newSession(subject);
  await server.connect(transport);
  return transport.handleRequest(req, res);
});
http.keepAliveTimeout = 60_000;
http.listen(port, "127.0.0.1", () => console.log(`reference MCP server (TypeScript SDK) on http://127.0.0.1:${port}/mcp/v1`));
