/**
 * The example workflows' scenarios (examples/*.json), each run in a real n8n against the Bird sandbox and
 * checked in the sandbox's own state: the reply Bird would have sent, the agent participant and
 * attributes, the closed conversation, the exported CSV compared with the open conversations Bird holds.
 * Shared by the single-process suite (test/e2e/examples.test.ts) and queue mode
 * (test/queue/actions.test.ts), which also checks where each returned execution ran.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { executionErrors, nodeOutput, type N8nExecution } from '../../scripts/lib/n8n';
import { loadExample } from '../../scripts/lib/workflows';
import { DEMO, eventually, type E2eStack } from './e2e';

/** A single n8n (startE2eStack) or a queue-mode stack (startQueueE2eStack). */
export type ExampleStack = Omit<E2eStack, 'close' | 'deliverAsBird'>;

/** Slow machines and queue mode (a job goes through Redis to a worker) need more than a few seconds. */
const WAIT_MS = 90_000;

/** Waits for exactly `count` finished executions of a workflow and returns them with data, newest first. */
export async function finishedExecutions(
	stack: ExampleStack,
	workflowId: string,
	count: number,
): Promise<N8nExecution[]> {
	const executions = await eventually(
		`${count} finished execution(s) of ${workflowId}`,
		async () => {
			const list = await stack.n8n.client.listExecutions(workflowId);
			return list.length >= count && list.every((e) => e.stoppedAt) ? list : undefined;
		},
		WAIT_MS,
	);
	expect(executions).toHaveLength(count);
	return Promise.all(executions.map((e) => stack.n8n.client.getExecution(e.id)));
}

const data = (stack: ExampleStack) => stack.sandbox.context.store.data;

/** auto-reply.json: a customer message gets exactly one reply in the same conversation. */
async function autoReply(stack: ExampleStack): Promise<N8nExecution[]> {
	const id = await stack.importWorkflow(loadExample('auto-reply.json'), {
		accessKeyId: DEMO.accessKey.id,
	});
	await stack.n8n.client.activateWorkflow(id);
	const webhookPrefix = `${stack.webhookBase}webhook/`;
	const subscribed = stack.subscriptions().filter((s) => s.url.startsWith(webhookPrefix));
	expect(subscribed.map((s) => `${s.service}/${s.event}`)).toEqual(['channels/whatsapp.inbound']);

	const sam = {
		identifierKey: 'phonenumber',
		identifierValue: '+31600000042',
		displayName: 'Sam Smith',
	};
	const { conversation, message } = await stack.inbound(
		DEMO.channels.whatsapp,
		'Hello, where is my parcel?',
		sam,
	);

	const [execution] = await finishedExecutions(stack, id, 1);
	expect(executionErrors(execution)).toEqual([]);
	expect(execution.status).toBe('success');
	expect(nodeOutput(execution, 'On WhatsApp Message')[0]).toMatchObject({
		conversationId: conversation.id,
		messageId: message.id,
		direction: 'incoming',
	});

	const replies = data(stack).messages.filter(
		(m) => m.conversationId === conversation.id && m.sender.type === 'accessKey',
	);
	expect(replies).toHaveLength(1);
	// Addressed to the customer by contact ID, as Bird's Conversations quickstart replies.
	const sender = data(stack).messages.find((m) => m.id === message.id)!.sender as { id: string };
	expect(replies[0].recipients.map((r) => r.id)).toEqual([sender.id]);
	expect((replies[0].body as { text: { text: string } }).text.text).toMatch(
		/^Hi Sam Smith, thanks for your message!/,
	);

	// Our own reply is an outbound message: no second run (no reply loop).
	await new Promise((resolve) => setTimeout(resolve, 1000));
	expect(await stack.n8n.client.listExecutions(id)).toHaveLength(1);

	await stack.n8n.client.deactivateWorkflow(id);
	expect(stack.subscriptions().filter((s) => s.url.startsWith(webhookPrefix))).toEqual([]);
	return [execution];
}

/** escalation.json: a keyword adds the agent and sets attributes; "resolved" later closes only escalated ones. */
async function escalation(stack: ExampleStack): Promise<N8nExecution[]> {
	const id = await stack.importWorkflow(loadExample('escalation.json'), {
		accessKeyId: DEMO.accessKey.id,
		agentUserId: DEMO.agentUserId,
	});
	await stack.n8n.client.activateWorkflow(id);
	const conversationById = (conversationId: string) =>
		data(stack).conversations.find((c) => c.id === conversationId)!;

	// "Resolved" on a conversation nobody escalated: nothing is closed.
	const lena = {
		identifierKey: 'phonenumber',
		identifierValue: '+31600000043',
		displayName: 'Lena Berg',
	};
	const calm = await stack.inbound(DEMO.channels.whatsapp, 'All sorted, thanks!', lena);
	await finishedExecutions(stack, id, 1);
	expect(conversationById(calm.conversation.id).status).toBe('active');

	// A keyword: the agent joins, the conversation is marked, the customer is told.
	const omar = {
		identifierKey: 'phonenumber',
		identifierValue: '+31600000044',
		displayName: 'Omar Haddad',
	};
	const angry = await stack.inbound(
		DEMO.channels.whatsapp,
		'This is the third time. I want to talk to a human!',
		omar,
	);
	const [escalated] = await finishedExecutions(stack, id, 2);
	expect(executionErrors(escalated)).toEqual([]);
	const conversationId = angry.conversation.id;
	const agent = data(stack).participants.filter(
		(p) => p.conversationId === conversationId && p.type === 'user',
	);
	expect(agent.map((p) => p.id)).toEqual([DEMO.agentUserId]);
	expect(conversationById(conversationId).attributes).toMatchObject({
		escalated: 'true',
		escalationReason: 'This is the third time. I want to talk to a human!',
	});
	const told = data(stack).messages.filter(
		(m) => m.conversationId === conversationId && m.sender.type === 'accessKey',
	);
	expect(told.map((m) => (m.body as { text: { text: string } }).text.text)).toEqual([
		'An agent has joined this conversation and will answer you shortly.',
	]);
	expect(conversationById(conversationId).status).toBe('active');

	// Later the customer says it is resolved: the escalated conversation is closed.
	await stack.inbound(DEMO.channels.whatsapp, 'Ok, that is resolved now. Thanks!', omar);
	const all = await finishedExecutions(stack, id, 3);
	expect(executionErrors(all[0])).toEqual([]);
	expect(conversationById(conversationId).status).toBe('closed');
	expect(conversationById(conversationId).attributes).toMatchObject({
		escalated: 'true',
		resolvedAt: expect.any(String),
	});

	await stack.n8n.client.deactivateWorkflow(id);
	return all;
}

/** export-open-conversations.json: a CSV of the open conversations with their last message, as Bird holds them. */
async function exportOpen(stack: ExampleStack): Promise<N8nExecution[]> {
	const id = await stack.importWorkflow(loadExample('export-open-conversations.json'), {
		exportFolder: stack.n8n.filesDir,
	});
	const execution = await stack.n8n.client.runWorkflow(id, 'Every Evening', WAIT_MS);
	expect(executionErrors(execution)).toEqual([]);
	expect(execution.status).toBe('success');

	const files = readdirSync(stack.n8n.filesDir).filter((f) =>
		/^open-conversations-\d{4}-\d{2}-\d{2}\.csv$/.test(f),
	);
	expect(files).toHaveLength(1);
	const rows = parseCsv(readFileSync(join(stack.n8n.filesDir, files[0]), 'utf8'));

	const open = data(stack).conversations.filter(
		(c) => c.workspaceId === DEMO.workspaceId && c.status === 'active',
	);
	expect(open.length).toBeGreaterThanOrEqual(2);
	expect(rows.map((r) => r.conversationId).sort()).toEqual(open.map((c) => c.id).sort());
	for (const conversation of open) {
		const row = rows.find((r) => r.conversationId === conversation.id)!;
		const last = data(stack).messages.find((m) => m.id === conversation.lastMessageId)!;
		expect(row.lastMessage).toBe((last.body as { text: { text: string } }).text.text);
		expect(row.channelId).toBe(conversation.channelId);
	}
	const john = rows.find((r) => r.conversationId === DEMO.conversations.johnWhatsapp)!;
	expect(john).toMatchObject({
		contact: 'John Doe',
		contactIdentifier: '+31612345678',
		lastMessageFrom: 'customer',
		waitingForUs: 'TRUE',
	});
	expect(rows.find((r) => r.conversationId === DEMO.conversations.mariaSmsClosed)).toBeUndefined();
	expect(nodeOutput(execution, 'Sheet Row')).toHaveLength(open.length);
	return [execution];
}

/**
 * The examples with a scenario here, by file, with the test's title; a scenario checks everything and
 * returns the executions it caused. (ai-agent-tools.json, an MCP server, is test/e2e/ai-tool.test.ts's.)
 */
export const EXAMPLE_SCENARIOS: Array<{
	file: string;
	title: string;
	run: (stack: ExampleStack) => Promise<N8nExecution[]>;
}> = [
	{
		file: 'auto-reply.json',
		title: 'auto-reply: a customer message gets exactly one reply in the same conversation',
		run: autoReply,
	},
	{
		file: 'escalation.json',
		title:
			'escalation: a keyword adds the agent and sets attributes; "resolved" later closes only escalated conversations',
		run: escalation,
	},
	{
		file: 'export-open-conversations.json',
		title:
			'export: writes a CSV of the open conversations with their last message, matching the sandbox',
		run: exportOpen,
	},
];

/** A small RFC 4180 reader (quoted fields, doubled quotes, commas and newlines inside quotes). */
export function parseCsv(text: string): Array<Record<string, string>> {
	if (text.startsWith('\uFEFF')) text = text.slice(1); // n8n writes a byte-order mark for spreadsheet apps
	const records: string[][] = [];
	let field = '';
	let record: string[] = [];
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const ch = text[i];
		if (quoted) {
			if (ch === '"' && text[i + 1] === '"') {
				field += '"';
				i++;
			} else if (ch === '"') quoted = false;
			else field += ch;
		} else if (ch === '"') quoted = true;
		else if (ch === ',') {
			record.push(field);
			field = '';
		} else if (ch === '\n' || ch === '\r') {
			if (ch === '\r' && text[i + 1] === '\n') i++;
			record.push(field);
			records.push(record);
			record = [];
			field = '';
		} else field += ch;
	}
	if (field || record.length) {
		record.push(field);
		records.push(record);
	}
	const [header, ...rows] = records.filter((r) => r.some((cell) => cell !== ''));
	return rows.map((r) => Object.fromEntries(header.map((name, i) => [name, r[i] ?? ''])));
}
