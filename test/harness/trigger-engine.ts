import './env';

import { EventEmitter } from 'node:events';

import { HookContext, WebhookContext } from 'n8n-core';
import type {
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	IWebhookData,
	IWebhookResponseData,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { BIRD_CREDENTIAL_TYPE } from './bird';
import type { BirdTestCredentials } from './bird';
import { TestCredentialsHelper } from './credentials';
import { BIRD_TRIGGER_TYPE, HarnessNodeTypes, loadSourceCredentialTypes } from './nodeTypes';
import { buildAdditionalData } from './run';

/**
 * The Bird Conversations Trigger inside n8n-core's own contexts, the way n8n 2.41's WebhookService and
 * live/test webhook handlers call it:
 * - `checkExists`/`create`/`delete` get a real `HookContext` (mode `trigger` for production,
 *   `manual` with `isTest` for "Listen for test event"), so `getNodeWebhookUrl` builds the URL from
 *   `webhookBaseUrl`/`webhookTestBaseUrl` and the node's webhookId, and static data is the Workflow's
 *   observable static data;
 * - `webhook()` gets a real `WebhookContext` whose request carries `rawBody`, as n8n's body parser sets it;
 * - every HTTP call goes through n8n-core's request helpers, with our credential's own `authenticate`
 *   applied by the harness credentials helper.
 *
 * `restart()` models an n8n restart: static data goes through JSON (as the database stores it) into a new
 * Workflow, and the trigger module is loaded afresh (its in-memory state is gone, as in a new process).
 */

export const TRIGGER_WEBHOOK_ID = '0d7b6a3e-4c1f-4f8e-9b2a-6e5d4c3b2a10';
export const TRIGGER_NODE_NAME = 'Bird Conversations Trigger';

export type TriggerMode = 'production' | 'test';

export interface TriggerWorldOptions {
	parameters: INodeParameters;
	credentials: BirdTestCredentials;
	/** n8n's public address, e.g. `https://n8n.example.com` (WEBHOOK_URL without the trailing slash). */
	publicUrl: string;
	/** Static data as the database holds it (plain JSON). */
	staticData?: IDataObject;
	/** Loads the trigger class; `restart()` passes a fresh module. */
	loadTrigger?: () => INodeType;
	webhookId?: string;
}

export interface DeliveryInput {
	rawBody: Buffer | string;
	headers: Record<string, string | undefined>;
	/** Default `application/json`. */
	contentType?: string;
	/**
	 * How n8n's answer ends after webhook() returned data: 'ok' (default; n8n started the run and answers
	 * 200, onReceived), a status n8n answers with instead (500: the run could not be started, e.g. n8n's
	 * SQLite write lock timed out), or 'client-gone' (Bird hung up before n8n answered).
	 */
	n8nAnswer?: 'ok' | number | 'client-gone';
	/** n8n answers only once this settles (the run is still being started meanwhile: the delivery is in flight). */
	answerWhen?: Promise<unknown>;
	/** Called as soon as webhook() returned, before n8n answers. */
	onWebhookReturned?: () => void;
}

export interface CapturedResponse {
	status?: number;
	body?: unknown;
	ended: boolean;
}

export interface DeliveryOutcome {
	result: IWebhookResponseData;
	/** What the node wrote to the response itself (when it answered with `noWebhookResponse`). */
	response: CapturedResponse;
	/** The items a run would start with; empty when no run starts. */
	items: IDataObject[];
	/** The binary data of those items (undefined where an item has none). */
	binaries: Array<INodeExecutionData['binary']>;
	/** The HTTP status n8n would send: the node's own, else 200 (onReceived). */
	httpStatus: number;
}

export function loadSourceTrigger(): INodeType {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const {
		BirdConversationsTrigger,
	} = require('../../nodes/BirdConversationsTrigger/BirdConversationsTrigger.node');
	return new BirdConversationsTrigger() as INodeType;
}

/** A fresh copy of the trigger module (and what it imports), like a new n8n process would load. */
export function loadFreshTrigger(): INodeType {
	let trigger: INodeType | undefined;
	jest.isolateModules(() => {
		trigger = loadSourceTrigger();
	});
	return trigger as INodeType;
}

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

export class TriggerWorld {
	readonly workflow: Workflow;

	readonly node: INode;

	private readonly options: TriggerWorldOptions;

	private readonly credentialsHelper: TestCredentialsHelper;

	constructor(options: TriggerWorldOptions) {
		this.options = options;
		this.node = {
			id: 'bird-trigger-node',
			name: TRIGGER_NODE_NAME,
			type: BIRD_TRIGGER_TYPE,
			typeVersion: 1,
			position: [0, 0],
			webhookId: options.webhookId ?? TRIGGER_WEBHOOK_ID,
			parameters: options.parameters,
			credentials: { [BIRD_CREDENTIAL_TYPE]: { id: 'cred-1', name: 'Bird test' } },
		};
		const load = options.loadTrigger ?? loadSourceTrigger;
		this.workflow = new Workflow({
			id: 'trigger-workflow',
			name: 'Trigger workflow',
			nodes: [this.node],
			connections: {},
			active: true,
			nodeTypes: new HarnessNodeTypes({ [BIRD_TRIGGER_TYPE]: load }),
			// Through JSON, like a load from the database: nothing shared with the caller's object.
			staticData: JSON.parse(JSON.stringify(options.staticData ?? {})) as IDataObject,
			settings: { executionOrder: 'v1' },
		});
		this.credentialsHelper = new TestCredentialsHelper(loadSourceCredentialTypes(), {
			[BIRD_CREDENTIAL_TYPE]: { ...options.credentials },
		});
	}

	/** A new n8n process with the same database: static data survives, memory does not. */
	restart(changes: Partial<TriggerWorldOptions> = {}): TriggerWorld {
		return new TriggerWorld({
			...this.options,
			staticData: this.savedStaticData(),
			loadTrigger: loadFreshTrigger,
			...changes,
		});
	}

	/** The node's static data as n8n would save it (plain JSON). */
	savedStaticData(): IDataObject {
		return JSON.parse(JSON.stringify(this.workflow.staticData)) as IDataObject;
	}

	nodeStaticData(): IDataObject {
		return (this.savedStaticData()[`node:${TRIGGER_NODE_NAME}`] ?? {}) as IDataObject;
	}

	url(mode: TriggerMode): string {
		const base = mode === 'test' ? 'webhook-test' : 'webhook';
		return `${this.options.publicUrl}/${base}/${this.node.webhookId}/webhook`;
	}

	private additionalData(
		extra: Partial<IWorkflowExecuteAdditionalData> = {},
	): IWorkflowExecuteAdditionalData {
		const data = buildAdditionalData(this.credentialsHelper, undefined as never, 'trigger-test');
		return {
			...data,
			webhookBaseUrl: `${this.options.publicUrl}/webhook`,
			webhookTestBaseUrl: `${this.options.publicUrl}/webhook-test`,
			...extra,
		} as IWorkflowExecuteAdditionalData;
	}

	private webhookData(
		mode: TriggerMode,
		additionalData: IWorkflowExecuteAdditionalData,
	): IWebhookData {
		// What n8n's WebhookService.getNodeWebhooks builds for our single static-path webhook.
		const description = this.nodeType().description.webhooks?.find((w) => w.name === 'default');
		if (!description) throw new Error('The trigger declares no default webhook');
		return {
			httpMethod: description.httpMethod as IWebhookData['httpMethod'],
			node: this.node.name,
			path: `${this.node.webhookId}/${String(description.path)}`,
			webhookDescription: description,
			workflowId: String(this.workflow.id),
			workflowExecuteAdditionalData: additionalData,
			webhookId: this.node.webhookId,
			isTest: mode === 'test',
		};
	}

	private nodeType(): INodeType {
		return this.workflow.nodeTypes.getByNameAndVersion(this.node.type, this.node.typeVersion);
	}

	/** Calls one of `webhookMethods.default` as WebhookService.runWebhookMethod does. */
	async hook(
		method: 'checkExists' | 'create' | 'delete',
		mode: TriggerMode = 'production',
	): Promise<boolean | undefined> {
		const additionalData = this.additionalData();
		// As n8n 2.41 calls them: test registrations in 'manual' mode (TestWebhooks.needsWebhook), production
		// ones in 'trigger' mode (ActiveWorkflowManager.addWebhooks), and every removal, test or production,
		// in 'internal' mode with activation 'update' (TestWebhooks.deactivateWebhooks, clearWebhooks).
		const executeMode: WorkflowExecuteMode =
			method === 'delete' ? 'internal' : mode === 'test' ? 'manual' : 'trigger';
		const activation = method === 'delete' ? 'update' : mode === 'test' ? 'manual' : 'activate';
		const context = new HookContext(
			this.workflow,
			this.node,
			additionalData,
			executeMode,
			activation,
			this.webhookData(mode, additionalData),
		);
		const fn = this.nodeType().webhookMethods?.default?.[method];
		if (!fn) throw new Error(`The trigger has no webhookMethods.default.${method}`);
		return await fn.call(context);
	}

	/** n8n's activation: checkExists, then create only if that said false. Returns whether create ran. */
	async activate(mode: TriggerMode = 'production'): Promise<boolean> {
		if (await this.hook('checkExists', mode)) return false;
		await this.hook('create', mode);
		return true;
	}

	async deactivate(mode: TriggerMode = 'production'): Promise<boolean | undefined> {
		return await this.hook('delete', mode);
	}

	/** One HTTP request to the trigger's webhook, through n8n-core's WebhookContext. */
	async deliver(input: DeliveryInput, mode: TriggerMode = 'production'): Promise<DeliveryOutcome> {
		const rawBody = Buffer.isBuffer(input.rawBody)
			? input.rawBody
			: Buffer.from(input.rawBody, 'utf8');
		const contentType = input.contentType ?? 'application/json';
		const headers: Record<string, string> = { 'content-type': contentType };
		for (const [name, value] of Object.entries(input.headers))
			if (value !== undefined) headers[name.toLowerCase()] = value;
		const text = rawBody.toString('utf8');
		const request = {
			method: 'POST',
			url: new URL(this.url(mode)).pathname,
			headers,
			contentType,
			rawBody,
			// n8n's body parser: JSON for application/json, the text for text/plain.
			body: contentType === 'application/json' ? (parseJson(text) ?? {}) : text,
			query: {},
			params: {},
		};
		const response: CapturedResponse = { ended: false };
		// Enough of Express's response for the node: status/json/send/end, and the ServerResponse state and
		// 'close' event the node reads to learn whether n8n acknowledged the delivery.
		const finish = (body?: unknown) => {
			if (body !== undefined) response.body = body;
			response.ended = true;
			res.headersSent = true;
			res.writableEnded = true;
			return res;
		};
		const res = Object.assign(new EventEmitter(), {
			headersSent: false,
			statusCode: 200,
			writableEnded: false,
			status(code: number) {
				response.status = code;
				res.statusCode = code;
				return res;
			},
			json: finish,
			send: finish,
			end: finish,
			setHeader() {
				return res;
			},
		});
		const additionalData = this.additionalData({
			httpRequest: request,
			httpResponse: res,
		} as never);
		const executeMode: WorkflowExecuteMode = mode === 'test' ? 'manual' : 'webhook';
		const context = new WebhookContext(
			this.workflow,
			this.node,
			additionalData,
			executeMode,
			this.webhookData(mode, additionalData),
			[],
			null,
		);
		const nodeType = this.nodeType();
		if (!nodeType.webhook) throw new Error('The trigger has no webhook()');
		const result = await nodeType.webhook.call(context);
		const items = (result.workflowData ?? []).flat().map((item) => item.json);
		const binaries = (result.workflowData ?? []).flat().map((item) => item.binary);
		input.onWebhookReturned?.();
		await input.answerWhen;
		// What n8n does next: answer for the node (onReceived) unless the node answered itself, then close.
		const answer = input.n8nAnswer ?? 'ok';
		if (!result.noWebhookResponse && answer !== 'client-gone')
			res.status(answer === 'ok' ? 200 : answer).json({ message: 'Workflow was started' });
		res.emit('close');
		const httpStatus = result.noWebhookResponse
			? (response.status ?? 200)
			: answer === 'ok'
				? 200
				: answer === 'client-gone'
					? 0
					: answer;
		return { result, response, items, binaries, httpStatus };
	}
}
