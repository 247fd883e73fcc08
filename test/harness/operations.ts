/**
 * One workflow per resource chaining every operation (./operation-workflows.ts), run by a real n8n (REST
 * API, manual mode: what the editor's "Execute workflow" does) and checked in the sandbox's state as well
 * as in n8n's execution data. Shared by test/e2e/operations.test.ts and queue mode
 * (test/queue/actions.test.ts), which also checks which worker ran each execution.
 */
import { executionErrors, nodeOutput, type N8nExecution } from '../../scripts/lib/n8n';
import type { WorkflowJson } from '../../scripts/lib/workflows';
import type { StateData } from '../../sandbox/store';
import { DEMO, type E2eStack } from './e2e';
import {
	conversationWorkflow,
	CUSTOMER,
	messageWorkflow,
	NEW_PARTICIPANT,
	participantWorkflow,
	THROWAWAY_CUSTOMER,
} from './operation-workflows';

const textOf = (body: unknown) => (body as { text?: { text?: string } } | undefined)?.text?.text;

/** Imports and runs `workflow` from its Start node: it succeeds and every node ran exactly once. */
export async function runChain(
	stack: Pick<E2eStack, 'n8n' | 'importWorkflow'>,
	workflow: WorkflowJson,
	timeoutMs = 90_000,
): Promise<N8nExecution> {
	const id = await stack.importWorkflow(workflow);
	const execution = await stack.n8n.client.runWorkflow(id, 'Start', timeoutMs);
	expect(executionErrors(execution)).toEqual([]);
	expect(execution.status).toBe('success');
	for (const node of workflow.nodes)
		expect({
			node: node.name,
			runs: execution.data!.resultData.runData[node.name]?.length,
		}).toEqual({ node: node.name, runs: 1 });
	return execution;
}

function checkConversations(execution: N8nExecution, data: StateData): void {
	const [created] = nodeOutput(execution, 'Create');
	const id = created.id as string;
	const stored = data.conversations.find((c) => c.id === id)!;
	expect(stored).toMatchObject({
		name: 'Order 777 (shipped)',
		description: 'Tracking sent',
		status: 'active',
		channelId: DEMO.channels.whatsapp,
	});
	expect(stored.attributes).toEqual({ orderId: '777', carrier: 'PostNL' });
	const contact = data.participants.find((p) => p.conversationId === id && p.type === 'contact')!;
	expect(contact.contact?.identifierValue).toBe(CUSTOMER);
	expect(data.messages.filter((m) => m.conversationId === id).map((m) => textOf(m.body))).toEqual([
		'Your order 777 has shipped.',
	]);

	expect(nodeOutput(execution, 'Get')[0]).toMatchObject({
		id,
		name: 'Order 777',
		attributes: { orderId: '777' },
	});
	expect(nodeOutput(execution, 'Update')[0]).toMatchObject({ id, name: 'Order 777 (shipped)' });
	const listed = nodeOutput(execution, 'Get Many');
	const visible = data.conversations.filter(
		(c) =>
			c.workspaceId === DEMO.workspaceId &&
			c.status !== 'deleted' &&
			c.id !== nodeOutput(execution, 'Create Throwaway')[0].id,
	);
	expect(listed.map((c) => c.id).sort()).toEqual(visible.map((c) => c.id).sort());
	expect(listed.find((c) => c.id === id)).toMatchObject({
		name: 'Order 777 (shipped)',
		contactIdentifier: CUSTOMER,
		lastMessagePreview: 'Your order 777 has shipped.',
	});
	expect(nodeOutput(execution, 'Get Many by Participant').map((c) => c.id)).toEqual([id]);

	const throwaway = nodeOutput(execution, 'Create Throwaway')[0].id as string;
	expect(
		data.participants.find((p) => p.conversationId === throwaway && p.type === 'contact')?.contact
			?.identifierValue,
	).toBe(THROWAWAY_CUSTOMER);
	expect(nodeOutput(execution, 'Delete')).toEqual([
		{ deleted: true, resource: 'conversation', id: throwaway },
	]);
	expect(data.conversations.find((c) => c.id === throwaway)?.status).toBe('deleted');
}

function checkMessages(execution: N8nExecution, data: StateData): void {
	const conversationId = DEMO.conversations.johnWhatsapp;
	const messages = () => data.messages.filter((m) => m.conversationId === conversationId);

	const sentId = nodeOutput(execution, 'Send Text')[0].id as string;
	expect(messages().find((m) => m.id === sentId)).toMatchObject({
		reference: 'e2e-ref-1',
		draft: false,
		body: { type: 'text', text: { text: 'We are looking into it.' } },
	});
	expect(messages().find((m) => m.id === sentId)?.sender).toMatchObject({
		type: 'accessKey',
		id: DEMO.accessKey.id,
	});

	const draftId = nodeOutput(execution, 'Save Draft')[0].id as string;
	expect(nodeOutput(execution, 'Save Draft')[0].draft).toBe(true);
	expect(messages().find((m) => m.id === draftId)).toMatchObject({
		draft: false,
		body: { type: 'text', text: { text: 'Your refund was approved.' } },
	});

	expect(nodeOutput(execution, 'Get')[0]).toMatchObject({
		id: sentId,
		text: 'We are looking into it.',
		direction: 'outgoing',
	});
	const listedIds = nodeOutput(execution, 'Get Many').map((m) => m.id);
	expect(listedIds).toEqual(expect.arrayContaining([sentId, draftId]));
	// At listing time the location message did not exist yet; it was sent and deleted afterwards.
	expect(listedIds.sort()).toEqual(
		messages()
			.map((m) => m.id)
			.sort(),
	);

	const locationId = nodeOutput(execution, 'Send Location')[0].id as string;
	expect(nodeOutput(execution, 'Send Location')[0].body).toMatchObject({
		type: 'location',
		location: { coordinates: { latitude: 52.370216, longitude: 4.895168 } },
	});
	expect(nodeOutput(execution, 'Delete')).toEqual([
		{ deleted: true, resource: 'message', id: locationId },
	]);
	expect(messages().find((m) => m.id === locationId)).toBeUndefined();
}

function checkParticipants(execution: N8nExecution, data: StateData): void {
	const conversationId = DEMO.conversations.janeEmail;
	const participants = () => data.participants.filter((p) => p.conversationId === conversationId);

	expect(nodeOutput(execution, 'Add Agent')[0]).toMatchObject({
		id: DEMO.agentUserId,
		type: 'user',
	});
	expect(nodeOutput(execution, 'Add Contact')[0]).toMatchObject({
		type: 'contact',
		status: 'invited',
	});
	expect(nodeOutput(execution, 'Get')[0]).toMatchObject({
		type: 'contact',
		contact: { identifierValue: NEW_PARTICIPANT },
	});
	expect(nodeOutput(execution, 'Update Status')[0]).toMatchObject({ status: 'active' });
	const listed = nodeOutput(execution, 'Get Many');
	expect(listed.map((p) => p.type).sort()).toEqual(
		['accessKey', 'contact', 'contact', 'user'].sort(),
	);

	expect(participants().find((p) => p.id === DEMO.agentUserId)).toBeUndefined();
	expect(participants().find((p) => p.contact?.identifierValue === NEW_PARTICIPANT)?.status).toBe(
		'active',
	);
	expect(nodeOutput(execution, 'Remove')[0]).toMatchObject({ deleted: true });
}

/** Every operation of each resource, with its checks (run once per sandbox: the IDs and texts are fixed). */
export const OPERATION_SCENARIOS: Array<{
	title: string;
	workflow: WorkflowJson;
	check: (execution: N8nExecution, data: StateData) => void;
}> = [
	{
		title: 'conversation: create, get, update, get many, get many by participant, delete',
		workflow: conversationWorkflow,
		check: checkConversations,
	},
	{
		title: 'message: send, save a draft, publish it with new text, get, get many, delete',
		workflow: messageWorkflow,
		check: checkMessages,
	},
	{
		title:
			'participant: add an agent and a contact, get by identifier, update status, get many, remove',
		workflow: participantWorkflow,
		check: checkParticipants,
	},
];
