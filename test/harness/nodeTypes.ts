import { DirectoryLoader } from 'n8n-core';
import type {
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypes,
	IVersionedNodeType,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeHelpers } from 'n8n-workflow';

/** Our package name: in n8n's package loader, node types are `<package>.<name>`. */
export const PACKAGE_NAME = 'n8n-nodes-bird-conversations';
export const BIRD_NODE_TYPE = `${PACKAGE_NAME}.birdConversations`;
export const BIRD_TRIGGER_TYPE = `${PACKAGE_NAME}.birdConversationsTrigger`;
export const BIRD_SEND_AND_WAIT_TYPE = `${PACKAGE_NAME}.birdConversationsSendAndWait`;
export const MANUAL_TRIGGER_TYPE = 'n8n-nodes-base.manualTrigger';
/** A harness-only node that emits the items (JSON and optional binary) given in its `items` parameter. */
export const ITEMS_NODE_TYPE = 'harness.items';

/**
 * Our node and credential classes, read from the TypeScript sources (ts-jest compiles them), so unit
 * tests need no build. Required lazily: a test that only uses the action node does not need the trigger
 * file to exist yet.
 */
const SOURCE_NODES: Record<string, () => INodeType | IVersionedNodeType> = {
	[BIRD_NODE_TYPE]: () => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { BirdConversations } = require('../../nodes/BirdConversations/BirdConversations.node');
		return new BirdConversations();
	},
	[BIRD_TRIGGER_TYPE]: () => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const {
			BirdConversationsTrigger,
		} = require('../../nodes/BirdConversationsTrigger/BirdConversationsTrigger.node');
		return new BirdConversationsTrigger();
	},
	[BIRD_SEND_AND_WAIT_TYPE]: () => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const {
			BirdConversationsSendAndWait,
		} = require('../../nodes/BirdConversationsSendAndWait/BirdConversationsSendAndWait.node');
		return new BirdConversationsSendAndWait();
	},
};

export function loadSourceCredentialTypes(): Record<string, ICredentialType> {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { BirdConversationsApi } = require('../../credentials/BirdConversationsApi.credentials');
	const credential = new BirdConversationsApi() as ICredentialType;
	return { [credential.name]: credential };
}

/** Stand-in for n8n-nodes-base's Manual Trigger (not installed here): emits one empty item, as it does. */
export class ManualTriggerStandIn implements INodeType {
	description = {
		displayName: 'When clicking "Execute workflow"',
		name: 'manualTrigger',
		group: ['trigger'],
		version: 1,
		description: 'Harness stand-in for the manual trigger',
		defaults: { name: 'Manual Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	} as unknown as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [[{ json: {} }]];
	}
}

/** Emits `parameters.items` (an array of `{json, binary?}` or plain JSON objects) as its output. */
export class ItemsNode implements INodeType {
	description = {
		displayName: 'Items',
		name: 'items',
		group: ['transform'],
		version: 1,
		description: 'Harness node that outputs fixed items',
		defaults: { name: 'Items' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Items', name: 'items', type: 'json', default: '[]' }],
	} as unknown as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const raw = this.getNodeParameter('items', 0, []) as unknown;
		const list = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Array<
			IDataObject | INodeExecutionData
		>;
		return [
			list.map((entry) =>
				// Every output item derives from the single input item.
				entry && typeof entry === 'object' && 'json' in entry
					? { ...(entry as INodeExecutionData), pairedItem: { item: 0 } }
					: { json: entry as IDataObject, pairedItem: { item: 0 } },
			),
		];
	}
}

/**
 * INodeTypes over a fixed map of node classes. Declarative nodes get the same "requestOptions" options
 * (batching, proxy, timeout) that n8n's loader adds, so the engine sees what it sees in real n8n.
 */
export class HarnessNodeTypes implements INodeTypes {
	private readonly loaded = new Map<string, INodeType | IVersionedNodeType>();

	constructor(private readonly factories: Record<string, () => INodeType | IVersionedNodeType>) {}

	private load(type: string): INodeType | IVersionedNodeType {
		let nodeType = this.loaded.get(type);
		if (!nodeType) {
			const factory = this.factories[type];
			if (!factory) throw new Error(`Harness knows no node type "${type}"`);
			nodeType = factory();
			if (!('nodeVersions' in nodeType))
				DirectoryLoader.applyDeclarativeNodeOptionParameters(nodeType);
			this.loaded.set(type, nodeType);
		}
		return nodeType;
	}

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		return this.load(nodeType);
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.load(nodeType), version);
	}

	getKnownTypes(): IDataObject {
		return {};
	}
}

/** Node types for unit tests: our nodes from source plus the harness helpers, and any extras a test adds. */
export function sourceNodeTypes(
	extra: Record<string, () => INodeType | IVersionedNodeType> = {},
): HarnessNodeTypes {
	return new HarnessNodeTypes({
		...SOURCE_NODES,
		[MANUAL_TRIGGER_TYPE]: () => new ManualTriggerStandIn(),
		[ITEMS_NODE_TYPE]: () => new ItemsNode(),
		...extra,
	});
}
