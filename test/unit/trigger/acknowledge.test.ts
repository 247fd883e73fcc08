/**
 * The trigger's "Acknowledge Delivery" option: which response mode n8n reads from the webhook description
 * for a delivery. n8n evaluates `responseMode` as an expression on the trigger node (webhook-helpers.js,
 * evaluateResponseOptions → getSimpleParameterValue), so this evaluates it the same way, on a workflow
 * built by n8n-workflow from the node's parameters as a user saves them. What n8n then answers in each mode
 * is tested in a real n8n (test/e2e/acknowledge-delivery.test.ts).
 */
import type { INode, IWebhookDescription } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { BIRD_TRIGGER_TYPE, sourceNodeTypes } from '../../harness/nodeTypes';

const nodeTypes = sourceNodeTypes();
const webhook = (
	nodeTypes.getByNameAndVersion(BIRD_TRIGGER_TYPE, 1).description.webhooks as IWebhookDescription[]
)[0];

/** The response mode n8n would use for a delivery to a trigger saved with these parameters. */
function responseModeFor(parameters: INode['parameters']): unknown {
	const node: INode = {
		id: 'a7e0c2d4-1b3f-4e5a-9c8d-7f6e5d4c3b2a',
		name: 'Bird Trigger',
		type: BIRD_TRIGGER_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters,
	};
	const workflow = new Workflow({
		id: 'acknowledge-test',
		nodes: [node],
		connections: {},
		active: true,
		nodeTypes,
	});
	return workflow.expression.getSimpleParameterValue(
		workflow.getNode('Bird Trigger') as INode,
		webhook.responseMode as string,
		'webhook',
		{},
		undefined,
		'onReceived',
	);
}

describe('Acknowledge Delivery', () => {
	it('answers on receipt by default, also for a node saved without options', () => {
		expect(responseModeFor({ events: ['message.inbound'], options: {} })).toBe('onReceived');
		expect(responseModeFor({ events: ['message.inbound'] })).toBe('onReceived');
		expect(
			responseModeFor({ events: ['message.inbound'], options: { acknowledge: 'onReceipt' } }),
		).toBe('onReceived');
	});

	it('"After the Run Succeeded" makes n8n answer when the run has ended (lastNode)', () => {
		expect(
			responseModeFor({ events: ['message.inbound'], options: { acknowledge: 'afterRun' } }),
		).toBe('lastNode');
	});

	it('answers without a body in either mode (Bird reads only the status)', () => {
		expect(webhook.responseData).toBe('noData');
	});
});
