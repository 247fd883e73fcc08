/**
 * The node's tool variant (birdConversationsTool, which n8n derives because the node is usableAsTool)
 * called by an MCP client through n8n's own MCP Server Trigger, with no language model anywhere: the
 * client plays the model. It runs examples/ai-agent-tools.json as a user imports it (only the Bearer
 * token credential and the Sender ID filled in), lists the tools over Streamable HTTP, calls them with
 * the arguments a model would fill into their $fromAI() fields, and checks the effect in the sandbox.
 */
import { loadExample, type WorkflowJson } from '../../scripts/lib/workflows';
import { DEMO, startE2eStack, type E2eStack } from '../harness/e2e';
import { McpClient, resultText, type McpTool } from '../harness/mcp';

jest.setTimeout(120_000);

const TOKEN = 'mcp-e2e-bearer-token-7f3a';
const TOOLS = ['List_Conversations', 'Get_Messages', 'Send_Message'];

describe('Bird tools over n8n’s MCP Server Trigger (no LLM)', () => {
	let stack: E2eStack;
	let url: string;
	let client: McpClient;
	let tools: McpTool[];
	const data = () => stack.sandbox.context.store.data;
	const tool = (name: string) => tools.find((t) => t.name === name)!;

	beforeAll(async () => {
		stack = await startE2eStack();
		const bearer = await stack.n8n.client.createCredential({
			name: 'MCP client token',
			type: 'httpBearerAuth',
			data: { token: TOKEN },
		});
		const workflow: WorkflowJson = loadExample('ai-agent-tools.json');
		for (const node of workflow.nodes) {
			if (node.type === '@n8n/n8n-nodes-langchain.mcpTrigger')
				node.credentials = { httpBearerAuth: { id: bearer.id, name: bearer.name } };
			if (node.name === 'Send Message') node.parameters.senderId = DEMO.accessKey.id;
		}
		const id = await stack.importWorkflow(workflow);
		await stack.n8n.client.activateWorkflow(id);
		url = `${stack.n8n.url}mcp/bird-conversations`;
		client = new McpClient(url, { authorization: `Bearer ${TOKEN}` });
		await client.connect();
		tools = await client.listTools();
	});
	afterAll(async () => {
		await client?.close();
		await stack?.close();
	});
	afterEach(() => {
		const state = expect.getState();
		if (state.assertionCalls !== state.numPassingAsserts) console.log(stack.n8n.logTail(60));
	});

	it('refuses a client without the bearer token', async () => {
		const anonymous = new McpClient(url);
		await expect(anonymous.connect()).rejects.toThrow(/HTTP 403|HTTP 401/);
	});

	it('tools/list: each Bird tool described by its action sentence, with a schema from its $fromAI() fields', () => {
		expect(client.serverInfo?.name).toBe('Bird_MCP_Server');
		expect(client.instructions).toContain('List_Conversations');
		expect(tools.map((t) => t.name).sort()).toEqual([...TOOLS].sort());

		// Tool Description "Set Automatically": the operation's action sentence, then " in <node name>".
		expect(Object.fromEntries(tools.map((t) => [t.name, t.description]))).toEqual({
			List_Conversations: 'Get many conversations of the workspace in Bird Conversations',
			Get_Messages: 'Get many messages of a conversation in Bird Conversations',
			Send_Message: 'Send a message to a conversation in Bird Conversations',
		});

		// The model sees exactly the fields the workflow left to it, each with its description.
		const send = tool('Send_Message').inputSchema;
		expect(Object.keys(send.properties ?? {}).sort()).toEqual(['conversationId', 'text']);
		expect(send.required?.sort()).toEqual(['conversationId', 'text']);
		expect(send.properties?.conversationId).toMatchObject({
			type: 'string',
			description: expect.stringContaining('ID of the Bird conversation'),
		});
		expect(send.properties?.text).toMatchObject({ type: 'string' });
		const list = tool('List_Conversations').inputSchema;
		expect(Object.keys(list.properties ?? {})).toEqual(['limit']);
		expect(list.properties?.limit).toMatchObject({ type: 'number', default: 20 });
	});

	it('tools/call List_Conversations returns the sandbox’s conversations, simplified', async () => {
		const result = await client.callTool('List_Conversations', { limit: 10 });
		expect(result.isError).toBeFalsy();
		const listed = JSON.parse(resultText(result)) as Array<Record<string, unknown>>;
		const expected = stack.sandbox.context.store
			.listableConversations(DEMO.workspaceId)
			.map((c) => c.id);
		expect(listed.map((c) => c.id).sort()).toEqual(expected.slice(0, 10).sort());
		expect(listed.find((c) => c.id === DEMO.conversations.johnWhatsapp)).toMatchObject({
			channelId: DEMO.channels.whatsapp,
			contactName: DEMO.contacts.john.name,
		});
	});

	// n8n 2.41 runs a tool by calling the node type's execute(), which for a declarative node is n8n's RoutingNode
	// (n8n/dist/node-types.js); RoutingNode ignores customOperations, so Send's tool path is its routing
	// (descriptions/message/index.ts), not the coded Send workflows run. Before it had one, this failed with
	// Bird's "No route GET /".
	it('tools/call Send_Message puts exactly one message into the conversation, from the access key', async () => {
		const conversationId = DEMO.conversations.johnWhatsapp;
		const text = 'Your parcel left our warehouse this morning (sent by an MCP client).';
		const before = data().messages.filter((m) => m.conversationId === conversationId).length;

		const result = await client.callTool('Send_Message', { conversationId, text });
		expect(result.isError).toBeFalsy();
		const [sent] = JSON.parse(resultText(result)) as Array<Record<string, unknown>>;

		const inConversation = data().messages.filter((m) => m.conversationId === conversationId);
		expect(inConversation).toHaveLength(before + 1);
		const stored = inConversation.find((m) => m.id === sent.id);
		expect(stored).toMatchObject({ body: { type: 'text', text: { text } } });
		expect(stored?.sender).toMatchObject({ type: 'accessKey', id: DEMO.accessKey.id });

		// What the model sees next: List_Conversations shows its message as the conversation's last one.
		const listed = JSON.parse(
			resultText(await client.callTool('List_Conversations', { limit: 100 })),
		) as Array<Record<string, unknown>>;
		expect(listed.find((c) => c.id === conversationId)).toMatchObject({
			lastMessageId: sent.id,
			lastMessagePreview: text,
			lastMessageDirection: 'outgoing',
		});
	});

	it('tools/call Send_Message with a conversation ID that is not a UUID gets an error naming Conversation, and sends nothing', async () => {
		const count = data().messages.length;
		const result = await client.callTool('Send_Message', {
			conversationId: 'the conversation with John',
			text: 'Hello',
		});
		expect(result.isError).toBe(true);
		expect(resultText(result)).toMatch(/Conversation/);
		expect(resultText(result)).toMatch(/not a valid ID/);
		expect(data().messages).toHaveLength(count);
	});

	it('tools/call Get_Messages reads a conversation’s messages as the sandbox holds them', async () => {
		const conversationId = DEMO.conversations.johnWhatsapp;
		const result = await client.callTool('Get_Messages', { conversationId, limit: 5 });
		expect(result.isError).toBeFalsy();
		const read = JSON.parse(resultText(result)) as Array<Record<string, unknown>>;
		const held = data().messages.filter((m) => m.conversationId === conversationId);
		expect(read.length).toBeGreaterThan(0);
		expect(read.map((m) => m.id).sort()).toEqual(
			held
				.map((m) => m.id)
				.filter((id) => read.some((r) => r.id === id))
				.sort(),
		);
		expect(read.every((m) => m.conversationId === conversationId)).toBe(true);
		expect(read.map((m) => m.text)).toContain('Hi, my order has not arrived yet.');
	});

	it('a call without a required argument gets an error result naming it, and sends nothing', async () => {
		const count = data().messages.length;
		const result = await client.callTool('Send_Message', {
			conversationId: DEMO.conversations.johnWhatsapp,
		});
		expect(result.isError).toBe(true);
		expect(resultText(result)).toMatch(/text/);
		expect(data().messages).toHaveLength(count);
	});

	it('a call with an unknown conversation gets Bird’s error as the result, and the server lives on', async () => {
		const result = await client.callTool('Get_Messages', {
			conversationId: '00000000-0000-4000-8000-000000000099',
			limit: 5,
		});
		expect(result.isError).toBe(true);
		expect(resultText(result)).toMatch(/conversation/i);
		const again = await client.callTool('List_Conversations', { limit: 1 });
		expect(again.isError).toBeFalsy();
		expect(JSON.parse(resultText(again))).toHaveLength(1);
	});

	it('the example imports unchanged, as the demo imports it (no credential picked yet)', async () => {
		const created = await stack.n8n.client.createWorkflow(loadExample('ai-agent-tools.json'));
		expect(created.id).toEqual(expect.any(String));
	});
});
