import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { INodeProperties, INodePropertyCollection, INodePropertyOptions } from 'n8n-workflow';
import { NodeHelpers, SEND_AND_WAIT_OPERATION } from 'n8n-workflow';

import { BirdConversations } from '../../../nodes/BirdConversations/BirdConversations.node';
import { BirdConversationsSendAndWait } from '../../../nodes/BirdConversationsSendAndWait/BirdConversationsSendAndWait.node';

/**
 * The Send and Wait node's description: what n8n core reads by name (operation sendAndWait, the waiting
 * webhooks, the parameter names of n8n's own send-and-wait nodes) and the defaults saved workflows rely on.
 */

const node = new BirdConversationsSendAndWait();
const { description } = node;
const property = (name: string) =>
	description.properties.find((p) => p.name === name) as INodeProperties;
const values = (name: string) =>
	((property(name).options ?? []) as INodePropertyOptions[]).map((option) => option.value);
const collectionValues = (name: string) =>
	((property(name).options as INodePropertyCollection[])[0].values ?? []).map((p) => p.name);

describe('Bird Conversations Send and Wait description', () => {
	it('is a programmatic node with execute() and webhook(), using the Bird credential', () => {
		expect(description).toMatchObject({
			name: 'birdConversationsSendAndWait',
			version: 1,
			credentials: [{ name: 'birdConversationsApi', required: true }],
		});
		expect(typeof node.execute).toBe('function');
		expect(typeof node.webhook).toBe('function');
		expect(description.requestDefaults).toBeUndefined();
	});

	it("declares n8n's waiting webhooks: GET and POST at the node's ID, restarting the execution", () => {
		expect(description.webhooks).toEqual(
			['GET', 'POST'].map((httpMethod) => ({
				name: 'default',
				httpMethod,
				responseMode: 'onReceived',
				responseData: '',
				path: '={{ $nodeId }}',
				restartWebhook: true,
				isFullPath: true,
			})),
		);
	});

	it('has resource message and operation sendAndWait, as n8n core recognises it', () => {
		expect(values('resource')).toEqual(['message']);
		expect(values('operation')).toEqual([SEND_AND_WAIT_OPERATION]);
		const operation = (property('operation').options as INodePropertyOptions[])[0];
		expect(operation).toMatchObject({
			name: 'Send and Wait for Response',
			action: 'Send a message and wait for response',
		});
	});

	it("uses the parameter names and defaults of n8n's send-and-wait nodes", () => {
		const defaults = NodeHelpers.getNodeParameters(
			description.properties,
			{},
			true,
			false,
			null,
			description,
		);
		expect(defaults).toMatchObject({
			resource: 'message',
			operation: 'sendAndWait',
			conversationId: { mode: 'list', value: '' },
			senderType: 'accessKey',
			senderId: '',
			message: '',
			messageFormat: 'text',
			responseType: 'approval',
			approvalOptions: {},
			options: {},
		});
		expect(values('messageFormat').sort()).toEqual(['html', 'text']);
		expect(values('responseType').sort()).toEqual(['approval', 'customForm', 'freeText']);
		expect(collectionValues('approvalOptions')).toEqual([
			'approvalType',
			'approveLabel',
			'disapproveLabel',
		]);
		expect(values('defineForm')).toEqual(['fields', 'json']);
		expect(property('jsonOutput').type).toBe('json');
		expect(collectionValues('formFields')).toEqual(
			expect.arrayContaining(['fieldLabel', 'fieldType', 'fieldOptions', 'requiredField']),
		);
		const options = (property('options').options as INodeProperties[]).map((o) => o.name);
		expect(options.sort()).toEqual([
			'appendAttribution',
			'limitWaitTime',
			'messageButtonLabel',
			'responseFormButtonLabel',
			'responseFormDescription',
			'responseFormTitle',
		]);
		expect(property('message').required).toBe(true);
	});

	it("is listed under Human in the Loop in n8n's node creator", () => {
		const codex = JSON.parse(
			readFileSync(
				join(
					__dirname,
					'../../../nodes/BirdConversationsSendAndWait/BirdConversationsSendAndWait.node.json',
				),
				'utf8',
			),
		);
		expect(codex.node).toBe('n8n-nodes-bird-conversations.birdConversationsSendAndWait');
		expect(codex.categories).toEqual(['Communication', 'HITL']);
		expect(codex.subcategories).toEqual({ HITL: ['Human in the Loop'] });
	});

	it('the Bird Conversations node itself has no webhook(): it would empty $json in its routed operations', () => {
		// n8n-core 2.41 (WorkflowExecute.prepareConnectionInputData) gives a node type with webhook() and no
		// execute() no input items for declarative operations; that is why Send and Wait is a node of its own.
		expect((new BirdConversations() as { webhook?: unknown }).webhook).toBeUndefined();
		expect(new BirdConversations().description.webhooks).toBeUndefined();
	});
});
