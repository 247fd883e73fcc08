import './env';

import { EventEmitter } from 'node:events';

import { Container } from '@n8n/di';
import {
	ExecutionLifecycleHooks,
	generateUrlSignature,
	InstanceSettings,
	prepareUrlForSigning,
	WebhookContext,
	WorkflowExecute,
} from 'n8n-core';
import type {
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	IRun,
	IRunExecutionData,
	IWebhookData,
	IWebhookResponseData,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import type { BirdTestCredentials } from './bird';
import { BIRD_CREDENTIAL_TYPE, birdCredentials, birdWorkflow } from './bird';
import { TestCredentialsHelper } from './credentials';
import {
	BIRD_SEND_AND_WAIT_TYPE,
	ITEMS_NODE_TYPE,
	loadSourceCredentialTypes,
	sourceNodeTypes,
} from './nodeTypes';
import type { NodeRunResult, WorkflowJson } from './run';
import { buildAdditionalData, collectNodeResults } from './run';

/**
 * Bird Conversations Send and Wait inside n8n-core's engine, through a whole wait: `start()` runs Manual Trigger →
 * (Items) → Send and Wait → After as "Execute workflow" does, and the execution stops waiting (n8n's
 * putExecutionToWait); `open()` sends one HTTP request to the node's waiting webhook through n8n-core's
 * WebhookContext, as n8n's WaitingWebhooks does after it checked the signature; `resume()` continues the
 * execution the way n8n does next: with the webhook's items (WaitingWebhooks + prepareExecutionData) or, without
 * them, as the wait tracker does when Limit Wait Time has passed. `signatureValid()` checks a link with n8n-core's
 * own signing helpers, as WaitingWebhooks.validateSignatureInRequest does.
 */

export const WAIT_NODE_NAME = 'Send and Wait';
export const WAIT_NODE_ID = '5d0c2c7e-9f1a-4b8e-a1d2-3c4b5a697e80';
export const AFTER_NODE_NAME = 'After';
const WEBHOOK_WAITING_BASE = 'http://127.0.0.1:5678/webhook-waiting';

export interface WaitOptions {
	items?: IDataObject[];
	continueOnFail?: boolean;
	credentials?: Partial<BirdTestCredentials>;
}

export interface HttpCall {
	method: 'GET' | 'POST';
	/** The link as the message carries it (absolute), or a path with query. */
	url: string;
	headers?: Record<string, string>;
	/** The body as n8n's body parsers leave it: `{ data: fields }` for multipart, the fields for URL-encoded. */
	body?: IDataObject;
}

export interface PageResponse {
	status: number;
	headers: Record<string, string>;
	body: string;
}

export interface WebhookOutcome {
	result: IWebhookResponseData;
	page: PageResponse;
	/** The items the execution would resume with; undefined when it keeps waiting. */
	items?: INodeExecutionData[];
}

/** Manual trigger → (Items) → Send and Wait → After, which shows what the workflow continues with. */
function waitWorkflow(parameters: INodeParameters, options: WaitOptions): WorkflowJson {
	return birdWorkflow(
		{ resource: 'message', operation: 'sendAndWait', ...parameters },
		{
			items: options.items,
			continueOnFail: options.continueOnFail,
			name: WAIT_NODE_NAME,
			type: BIRD_SEND_AND_WAIT_TYPE,
			id: WAIT_NODE_ID,
			after: [
				// After the wait the node outputs its input items unchanged; this shows what the workflow gets.
				{
					id: 'n-after',
					name: AFTER_NODE_NAME,
					type: ITEMS_NODE_TYPE,
					typeVersion: 1,
					position: [600, 0],
					parameters: { items: '={{ JSON.stringify($input.all().map((item) => item.json)) }}' },
				},
			],
		},
	);
}

let counter = 0;

export class WaitingExecution {
	readonly executionId = `wait-${++counter}`;

	readonly json: WorkflowJson;

	run?: IRun;

	private readonly helper: TestCredentialsHelper;

	constructor(parameters: INodeParameters, options: WaitOptions = {}) {
		this.json = waitWorkflow(parameters, options);
		this.helper = new TestCredentialsHelper(loadSourceCredentialTypes(), {
			[BIRD_CREDENTIAL_TYPE]: { ...birdCredentials(options.credentials) },
		});
	}

	private workflow(): Workflow {
		// Through JSON, as n8n loads the workflow again from its database when a waiting execution resumes.
		const { nodes, connections } = JSON.parse(JSON.stringify(this.json)) as WorkflowJson;
		return new Workflow({
			id: 'wait-workflow',
			name: 'Send and wait workflow',
			nodes,
			connections,
			active: false,
			nodeTypes: sourceNodeTypes(),
			settings: { executionOrder: 'v1' },
		});
	}

	private additionalData(extra: IDataObject = {}): IWorkflowExecuteAdditionalData {
		const workflowData = {
			id: 'wait-workflow',
			name: 'Send and wait workflow',
			nodes: [],
			connections: {},
		};
		const hooks = new ExecutionLifecycleHooks(
			'manual',
			this.executionId,
			workflowData as unknown as IWorkflowBase,
		);
		return { ...buildAdditionalData(this.helper, hooks, this.executionId), ...extra };
	}

	/** Runs the workflow until it waits (or finishes, e.g. after an error). */
	async start(): Promise<Record<string, NodeRunResult>> {
		const workflow = this.workflow();
		const startNode = workflow.getNode('Manual Trigger');
		if (!startNode) throw new Error('No Manual Trigger');
		this.run = await new WorkflowExecute(this.additionalData(), 'manual').run({
			workflow,
			startNode,
		});
		return collectNodeResults(this.run);
	}

	get waitTill(): Date | undefined {
		return this.run?.waitTill ?? undefined;
	}

	/** The execution's data as n8n stores it while it waits (plain JSON). */
	private storedData(): IRunExecutionData {
		if (!this.run) throw new Error('start() first');
		return JSON.parse(JSON.stringify(this.run.data)) as IRunExecutionData;
	}

	/** One request to the waiting webhook, as WaitingWebhooks passes it on once the signature checked out. */
	async open(call: HttpCall): Promise<WebhookOutcome> {
		const workflow = this.workflow();
		const node = workflow.getNode(WAIT_NODE_NAME) as INode;
		const nodeType = workflow.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		const url = new URL(call.url, 'http://127.0.0.1:5678');
		const page: PageResponse = { status: 200, headers: {}, body: '' };
		const res = Object.assign(new EventEmitter(), {
			headersSent: false,
			setHeader(name: string, value: string) {
				page.headers[name.toLowerCase()] = value;
				return res;
			},
			status(code: number) {
				page.status = code;
				return res;
			},
			send(body: string) {
				page.body = String(body);
				res.headersSent = true;
				return res;
			},
			end() {
				res.headersSent = true;
				return res;
			},
		});
		const request = {
			method: call.method,
			url: url.pathname + url.search,
			headers: {
				'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0 Safari/537.36',
				...call.headers,
			},
			query: Object.fromEntries(url.searchParams),
			body: call.body ?? {},
			params: {},
		};
		const additionalData = this.additionalData({ httpRequest: request, httpResponse: res });
		const description = nodeType.description.webhooks?.find((w) => w.httpMethod === call.method);
		if (!description) throw new Error(`No ${call.method} webhook`);
		const webhookData: IWebhookData = {
			httpMethod: call.method,
			node: node.name,
			path: node.id,
			webhookDescription: description,
			workflowId: 'wait-workflow',
			workflowExecuteAdditionalData: additionalData,
		};
		const context = new WebhookContext(
			workflow,
			node,
			additionalData,
			'webhook',
			webhookData,
			[],
			this.storedData(),
		);
		if (!nodeType.webhook) throw new Error('The node has no webhook()');
		const result = await nodeType.webhook.call(context);
		return { result, page, items: result.workflowData?.[0] };
	}

	/**
	 * Continues the execution as n8n does: with the items a webhook returned (the waiting node is disabled and
	 * passes them on), or, without items, as the wait tracker does at the time limit (n8n-core then disables the
	 * node, which passes its input on).
	 */
	async resume(items?: INodeExecutionData[]): Promise<Record<string, NodeRunResult>> {
		const data = this.storedData();
		if (items) {
			const entry = data.executionData!.nodeExecutionStack[0];
			entry.node.disabled = true;
			entry.data.main = [items];
			data.waitTill = undefined;
			data.resultData.runData[data.resultData.lastNodeExecuted as string].pop();
		}
		const workflow = this.workflow();
		this.run = await new WorkflowExecute(
			this.additionalData(),
			'manual',
			data,
		).processRunExecutionData(workflow);
		return collectNodeResults(this.run);
	}
}

/** Whether a link carries n8n's valid signature for its path and query (WaitingWebhooks' check). */
export function signatureValid(link: string): boolean {
	const url = new URL(link);
	const signature = url.searchParams.get('signature');
	url.searchParams.delete('signature');
	const expected = generateUrlSignature(
		prepareUrlForSigning(url),
		Container.get(InstanceSettings).hmacSignatureSecret,
	);
	return signature === expected;
}

export { WEBHOOK_WAITING_BASE };
