import type {
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeTypes,
} from 'n8n-workflow';

import type { NodeRunResult, RunResult, WorkflowJson } from './run';
import { runWorkflow } from './run';
import { DEMO } from '../../sandbox/seed';
import { BIRD_NODE_TYPE, ITEMS_NODE_TYPE, MANUAL_TRIGGER_TYPE } from './nodeTypes';

/** The sandbox's demo IDs, taken from its seed so the two never drift apart. */
export const DEMO_IDS = {
	organizationId: DEMO.organizationId,
	workspaceId: DEMO.workspaceId,
	accessKey: DEMO.accessKey.secret,
	channels: DEMO.channels,
} as const;

export const BIRD_CREDENTIAL_TYPE = 'birdConversationsApi';
/** Base URL the mocked-HTTP tests use; nock intercepts it. */
export const TEST_BASE_URL = 'https://api.bird.com';
/** A fake key for mocked tests; never a real secret. */
export const TEST_ACCESS_KEY = 'test-access-key-not-secret';

export interface BirdTestCredentials {
	accessKey: string;
	workspaceId: string;
	organizationId: string;
	baseUrl: string;
}

export function birdCredentials(overrides: Partial<BirdTestCredentials> = {}): BirdTestCredentials {
	return {
		accessKey: TEST_ACCESS_KEY,
		workspaceId: DEMO_IDS.workspaceId,
		organizationId: DEMO_IDS.organizationId,
		baseUrl: TEST_BASE_URL,
		...overrides,
	};
}

/** Path prefix of the workspace in the test credentials. */
export const WORKSPACE_PATH = `/workspaces/${DEMO_IDS.workspaceId}`;

export interface BirdWorkflowOptions {
	/** Items fed to the Bird node (plain JSON objects or full `{json, binary}` items); default one empty item. */
	items?: Array<IDataObject | INodeExecutionData>;
	continueOnFail?: boolean;
	/** Name of the Bird node; default "Bird". */
	name?: string;
	/** Node type and node ID of the Bird node; default the action node, "n-bird". */
	type?: string;
	id?: string;
	/** Nodes to put after the Bird node, chained in order (for multi-node workflows). */
	after?: INode[];
}

export const BIRD_NODE_NAME = 'Bird';

/** Manual trigger → (Items) → a Bird node (default the action node) with `parameters` → optional further nodes. */
export function birdWorkflow(
	parameters: INodeParameters,
	options: BirdWorkflowOptions = {},
): WorkflowJson {
	const birdName = options.name ?? BIRD_NODE_NAME;
	const nodes: INode[] = [
		{
			id: 'n-trigger',
			name: 'Manual Trigger',
			type: MANUAL_TRIGGER_TYPE,
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
	];
	const chain = ['Manual Trigger'];
	if (options.items) {
		nodes.push({
			id: 'n-items',
			name: 'Items',
			type: ITEMS_NODE_TYPE,
			typeVersion: 1,
			position: [200, 0],
			parameters: { items: JSON.stringify(options.items) },
		});
		chain.push('Items');
	}
	nodes.push({
		id: options.id ?? 'n-bird',
		name: birdName,
		type: options.type ?? BIRD_NODE_TYPE,
		typeVersion: 1,
		position: [400, 0],
		parameters,
		credentials: { [BIRD_CREDENTIAL_TYPE]: { id: 'cred-1', name: 'Bird test' } },
		...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
	});
	chain.push(birdName);
	for (const node of options.after ?? []) {
		nodes.push(node);
		chain.push(node.name);
	}
	const connections: WorkflowJson['connections'] = {};
	for (let i = 0; i < chain.length - 1; i++) {
		connections[chain[i]] = { main: [[{ node: chain[i + 1], type: 'main', index: 0 }]] };
	}
	return { name: 'Bird test workflow', nodes, connections };
}

export interface BirdRunOptions extends BirdWorkflowOptions {
	credentials?: Partial<BirdTestCredentials>;
	nodeTypes?: INodeTypes;
}

export interface BirdRunResult extends NodeRunResult {
	result: RunResult;
}

/**
 * Runs one Bird Conversations node with `parameters` and returns its output (items, json, error,
 * itemErrors) plus the whole run. A node that did not run (e.g. the workflow failed before it) yields
 * empty items and the workflow error.
 */
export async function runBirdNode(
	parameters: INodeParameters,
	options: BirdRunOptions = {},
): Promise<BirdRunResult> {
	const workflow = birdWorkflow(parameters, options);
	const result = await runWorkflow(workflow, {
		credentials: { [BIRD_CREDENTIAL_TYPE]: { ...birdCredentials(options.credentials) } },
		nodeTypes: options.nodeTypes,
	});
	const own = result.nodes[options.name ?? BIRD_NODE_NAME] ?? {
		items: [],
		json: [],
		outputs: [],
		itemErrors: [],
	};
	return { ...own, error: own.error ?? result.error, result };
}
