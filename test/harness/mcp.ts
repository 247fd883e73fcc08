/**
 * A small MCP client over the Streamable HTTP transport (MCP spec 2025-03-26 and later), enough to talk
 * to n8n's MCP Server Trigger the way an MCP client (Claude Desktop, an IDE, another agent) does:
 * `initialize`, the `notifications/initialized` notification, then `tools/list` and `tools/call`.
 *
 * Every request is one POST of a JSON-RPC message with `Accept: application/json, text/event-stream`.
 * The server answers either with a JSON body or with a short SSE stream whose `message` events carry
 * JSON-RPC messages; both are read here. The session ID comes back in the `mcp-session-id` header of the
 * initialize response and goes with every later request. Written for the tests (node's fetch, no SDK) so
 * that what is on the wire is visible and checked.
 */
export const MCP_PROTOCOL_VERSION = '2025-03-26';

export interface McpTool {
	name: string;
	description?: string;
	inputSchema: {
		type: 'object';
		properties?: Record<string, { type?: string; description?: string; [key: string]: unknown }>;
		required?: string[];
		[key: string]: unknown;
	};
}

export interface McpToolResult {
	content: Array<{ type: string; text?: string; [key: string]: unknown }>;
	isError?: boolean;
	[key: string]: unknown;
}

interface JsonRpcResponse {
	jsonrpc: '2.0';
	id?: number | string | null;
	result?: unknown;
	error?: { code: number; message: string; data?: unknown };
}

/** An MCP error answer (JSON-RPC `error`), as opposed to a tool result with `isError`. */
export class McpRpcError extends Error {
	constructor(
		readonly code: number,
		message: string,
		readonly data?: unknown,
	) {
		super(`MCP error ${code}: ${message}`);
	}
}

/** Parses an SSE body into the JSON payloads of its `message` events (the default event type). */
export function sseMessages(body: string): unknown[] {
	const messages: unknown[] = [];
	for (const block of body.replace(/\r\n/g, '\n').split('\n\n')) {
		let event = 'message';
		const data: string[] = [];
		for (const line of block.split('\n')) {
			if (line.startsWith('event:')) event = line.slice(6).trim();
			else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
		}
		if (event === 'message' && data.length > 0) messages.push(JSON.parse(data.join('\n')));
	}
	return messages;
}

export class McpClient {
	private sessionId: string | undefined;
	private nextId = 1;
	serverInfo: { name: string; version: string } | undefined;
	instructions: string | undefined;

	/** `headers`: sent with every request, e.g. `{ authorization: 'Bearer …' }`. */
	constructor(
		readonly url: string,
		private readonly extraHeaders: Record<string, string> = {},
	) {}

	/** `initialize` + `notifications/initialized`; returns the server's initialize result. */
	async connect(): Promise<Record<string, unknown>> {
		const result = (await this.request('initialize', {
			protocolVersion: MCP_PROTOCOL_VERSION,
			capabilities: {},
			clientInfo: { name: 'bird-conversations-e2e', version: '1.0.0' },
		})) as Record<string, unknown>;
		this.serverInfo = result.serverInfo as { name: string; version: string };
		this.instructions = result.instructions as string | undefined;
		await this.notify('notifications/initialized');
		return result;
	}

	async listTools(): Promise<McpTool[]> {
		const result = (await this.request('tools/list', {})) as { tools: McpTool[] };
		return result.tools;
	}

	async callTool(name: string, args: Record<string, unknown>): Promise<McpToolResult> {
		return (await this.request('tools/call', { name, arguments: args })) as McpToolResult;
	}

	/** Ends the session (DELETE, as the spec asks of clients that are done). */
	async close(): Promise<void> {
		if (!this.sessionId) return;
		await fetch(this.url, { method: 'DELETE', headers: this.headers() }).catch(() => undefined);
		this.sessionId = undefined;
	}

	async request(method: string, params: Record<string, unknown>): Promise<unknown> {
		const id = this.nextId++;
		const response = await this.post({ jsonrpc: '2.0', id, method, params });
		if (!response.ok)
			throw new Error(`MCP ${method} got HTTP ${response.status}: ${await response.text()}`);
		const session = response.headers.get('mcp-session-id');
		if (session) this.sessionId = session;
		const answer = (await this.messagesOf(response)).find(
			(m): m is JsonRpcResponse =>
				typeof m === 'object' && m !== null && (m as JsonRpcResponse).id === id,
		);
		if (!answer) throw new Error(`MCP ${method}: no response with id ${id} in the server's answer`);
		if (answer.error)
			throw new McpRpcError(answer.error.code, answer.error.message, answer.error.data);
		return answer.result;
	}

	private async notify(method: string): Promise<void> {
		const response = await this.post({ jsonrpc: '2.0', method });
		// A notification is accepted with 202 and no body.
		if (response.status !== 202 && !response.ok)
			throw new Error(`MCP ${method} got HTTP ${response.status}: ${await response.text()}`);
		await response.text();
	}

	private post(message: Record<string, unknown>): Promise<Response> {
		return fetch(this.url, {
			method: 'POST',
			headers: { ...this.headers(), 'content-type': 'application/json' },
			body: JSON.stringify(message),
		});
	}

	private headers(): Record<string, string> {
		return {
			...this.extraHeaders,
			accept: 'application/json, text/event-stream',
			'mcp-protocol-version': MCP_PROTOCOL_VERSION,
			...(this.sessionId ? { 'mcp-session-id': this.sessionId } : {}),
		};
	}

	private async messagesOf(response: Response): Promise<unknown[]> {
		const body = await response.text();
		const type = response.headers.get('content-type') ?? '';
		if (type.includes('text/event-stream')) return sseMessages(body);
		const parsed = JSON.parse(body) as unknown;
		return Array.isArray(parsed) ? parsed : [parsed];
	}
}

/** The text of a tool result's content, joined. */
export const resultText = (result: McpToolResult) =>
	result.content.map((part) => part.text ?? '').join('\n');
