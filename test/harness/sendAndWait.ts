/**
 * Message → Send and Wait for Response in a real n8n: a workflow around the operation, the links in
 * the message the sandbox stored (what Bird would have delivered), the waiting execution as n8n holds
 * it, and a form submitted the way a browser submits n8n's forms (multipart/form-data).
 * Used by test/e2e/send-and-wait.test.ts, send-and-wait-browser.test.ts and examples.test.ts.
 */
import type { N8nClient, N8nExecution } from '../../scripts/lib/n8n';
import type { WorkflowJson } from '../../scripts/lib/workflows';
import type { Sandbox } from '../../sandbox/server';
import { DEMO, eventually } from './e2e';

// Its own node type: n8n resumes a wait through the node's webhook(), which the declarative main node cannot have.
export const SEND_AND_WAIT_NODE = 'n8n-nodes-bird-conversations.birdConversationsSendAndWait';
export const byId = (value: string) => ({ __rl: true, mode: 'id', value });

/**
 * Start (Manual Trigger) → "Ask" (Message → Send and Wait for Response with `parameters` over a text
 * approval into John's WhatsApp conversation) → "After" (No Operation), so a resumed run shows the
 * step after the wait.
 */
export function sendAndWaitWorkflow(
	name: string,
	parameters: Record<string, unknown>,
	node: Record<string, unknown> = {},
): WorkflowJson {
	const stamp = `${Date.now().toString(16)}${Math.floor(Math.random() * 1e6).toString(16)}`;
	return {
		name,
		nodes: [
			{
				id: `${stamp}-start`,
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: `${stamp}-ask`,
				name: 'Ask',
				type: SEND_AND_WAIT_NODE,
				typeVersion: 1,
				position: [220, 0],
				// As the editor gives every node with webhooks (the resume path itself is the node ID).
				webhookId: `5e7d0a1b-2c3d-4e5f-8a9b-${stamp.padStart(12, '0').slice(-12)}`,
				parameters: {
					resource: 'message',
					operation: 'sendAndWait',
					conversationId: byId(DEMO.conversations.johnWhatsapp),
					senderType: 'accessKey',
					senderId: DEMO.accessKey.id,
					message: 'Refund of 150 EUR for order 1001?',
					...parameters,
				},
				credentials: { birdConversationsApi: { id: '', name: 'Bird Conversations API' } },
				...node,
			},
			{
				id: `${stamp}-after`,
				name: 'After',
				type: 'n8n-nodes-base.noOp',
				typeVersion: 1,
				position: [440, 0],
				parameters: {},
			},
		],
		connections: {
			Start: { main: [[{ node: 'Ask', type: 'main', index: 0 }]] },
			Ask: { main: [[{ node: 'After', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

export interface StoredMessage {
	id: string;
	conversationId: string;
	body: { type: string; text?: { text: string }; html?: { html: string; text?: string } };
	sender: { type: string; id: string };
}

/** The messages the sandbox stored in a conversation from access keys (what Bird would deliver). */
export function sentByAccessKey(sandbox: Sandbox, conversationId: string): StoredMessage[] {
	return (sandbox.context.store.data.messages as unknown as StoredMessage[]).filter(
		(m) => m.conversationId === conversationId && m.sender.type === 'accessKey',
	);
}

/** The text a person reads: the text body, or the HTML body (its links are in the markup). */
export function readable(message: StoredMessage): string {
	return message.body.text?.text ?? message.body.html?.html ?? '';
}

/** n8n's resume links (`…/webhook-waiting/<execution>/<node>?…&signature=…`) in a message, in order. */
export function resumeLinks(message: StoredMessage): URL[] {
	const text = readable(message).replace(/&amp;/g, '&');
	return [...text.matchAll(/https?:\/\/[^\s"'<>]+\/webhook-waiting\/[^\s"'<>]+/g)].map(
		(match) => new URL(match[0]),
	);
}

/**
 * The resume link whose `approved` query value is `approved`. n8n's free-text and form links carry
 * `approved=true` as well (one signed URL serves every response type), so there is one link either way.
 */
export function linkWith(links: URL[], approved: 'true' | 'false'): URL {
	const found = links.filter((link) => link.searchParams.get('approved') === approved);
	if (found.length !== 1)
		throw new Error(
			`expected one link with approved=${approved}, found ${found.length} in ${links.join(' ')}`,
		);
	return found[0];
}

/** Waits until the execution reaches `status` ('waiting', 'success', 'error', ...) and has its data. */
export async function executionIn(
	client: N8nClient,
	executionId: string,
	status: string,
	timeoutMs = 60_000,
): Promise<N8nExecution> {
	let last = '';
	try {
		return await eventually(
			`execution ${executionId} ${status}`,
			async () => {
				const execution = await client.getExecution(executionId).catch(() => undefined);
				last = execution?.status ?? 'not saved yet';
				if (execution?.status !== status) return undefined;
				return status === 'waiting' || execution.stoppedAt ? execution : undefined;
			},
			timeoutMs,
		);
	} catch (error) {
		throw new Error(`${(error as Error).message} (last status: ${last})`);
	}
}

/**
 * Submits n8n's form the way its page does in a browser: a multipart/form-data POST of the form's
 * fields to the page's own URL. Answers the status and the page n8n sent back.
 */
export async function submitForm(
	url: URL | string,
	fields: Record<string, string>,
): Promise<{ status: number; body: string }> {
	const form = new FormData();
	for (const [name, value] of Object.entries(fields)) form.append(name, value);
	const response = await fetch(url, { method: 'POST', body: form, headers: BROWSER_HEADERS });
	return { status: response.status, body: await response.text() };
}

/** Opens a link as a person's browser does (a browser's user agent: n8n ignores link-preview robots). */
export async function openLink(url: URL | string): Promise<{ status: number; body: string }> {
	const response = await fetch(url, { headers: BROWSER_HEADERS });
	return { status: response.status, body: await response.text() };
}

export const BROWSER_HEADERS = {
	'user-agent':
		'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
	accept: 'text/html,application/xhtml+xml',
};
