import './env';

import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type {
	ExecutionBaseError,
	ICredentialDataDecryptedObject,
	ICredentialType,
	IConnections,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeTypes,
	IRun,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import type { CredentialValues } from './credentials';
import { TestCredentialsHelper } from './credentials';
import { loadSourceCredentialTypes, sourceNodeTypes } from './nodeTypes';

export interface WorkflowJson {
	name?: string;
	nodes: INode[];
	connections: IConnections;
	settings?: IDataObject;
	pinData?: IDataObject;
}

export interface NodeRunResult {
	/** Items of the node's first output (all runs, in order). */
	items: INodeExecutionData[];
	/** Shortcut: the `json` of each item. */
	json: IDataObject[];
	/** Every output of the last run, for nodes with more than one. */
	outputs: INodeExecutionData[][];
	/** The error the node stopped with (not set for per-item errors under continue-on-fail). */
	error?: ExecutionBaseError;
	/** Per-item errors kept under continue-on-fail, in item order. */
	itemErrors: ExecutionBaseError[];
}

export interface RunResult {
	run: IRun;
	/** Per node name; nodes that never ran are absent. */
	nodes: Record<string, NodeRunResult>;
	/** The workflow-level error, if the run failed. */
	error?: ExecutionBaseError;
}

export interface RunOptions {
	/** Credential values by credential type name. */
	credentials?: CredentialValues;
	/** Node types to run with; default: our nodes from TypeScript source plus the harness helpers. */
	nodeTypes?: INodeTypes;
	/** Credential classes by name; default: ours from source. */
	credentialTypes?: Record<string, ICredentialType>;
	/** Default 'manual', like "Execute workflow" in the editor. */
	mode?: WorkflowExecuteMode;
	/** Name of the node to start from; default: the first node without incoming connections. */
	startNode?: string;
}

let executionCounter = 0;

export function buildAdditionalData(
	credentialsHelper: TestCredentialsHelper,
	hooks: ExecutionLifecycleHooks,
	executionId: string,
): IWorkflowExecuteAdditionalData {
	const base = 'http://127.0.0.1:5678';
	return {
		credentialsHelper,
		hooks,
		executionId,
		currentNodeExecutionIndex: 0,
		restApiUrl: `${base}/rest`,
		instanceBaseUrl: base,
		formBaseUrl: `${base}/form`,
		formWaitingBaseUrl: `${base}/form-waiting`,
		formTestBaseUrl: `${base}/form-test`,
		webhookBaseUrl: `${base}/webhook`,
		webhookWaitingBaseUrl: `${base}/webhook-waiting`,
		webhookTestBaseUrl: `${base}/webhook-test`,
		mcpBaseUrl: `${base}/mcp`,
		mcpTestBaseUrl: `${base}/mcp-test`,
		variables: {},
		executeWorkflow: async () => {
			throw new Error('Sub-workflows are not supported by the test harness');
		},
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		logAiEvent: () => {},
		startRunnerTask: async () => {
			throw new Error('Code-node task runners are not supported by the test harness');
		},
	} as unknown as IWorkflowExecuteAdditionalData;
}

function firstStartNode(workflow: WorkflowJson): INode {
	const targets = new Set<string>();
	for (const outputs of Object.values(workflow.connections)) {
		for (const connections of Object.values(outputs)) {
			for (const list of connections ?? [])
				for (const connection of list ?? []) targets.add(connection.node);
		}
	}
	const start = workflow.nodes.find((node) => !targets.has(node.name));
	if (!start) throw new Error('The workflow has no node without incoming connections');
	return start;
}

export function collectNodeResults(run: IRun): Record<string, NodeRunResult> {
	const nodes: Record<string, NodeRunResult> = {};
	for (const [name, tasks] of Object.entries(run.data.resultData.runData)) {
		const items: INodeExecutionData[] = [];
		let outputs: INodeExecutionData[][] = [];
		let error: ExecutionBaseError | undefined;
		for (const task of tasks) {
			outputs = (task.data?.main ?? []).map((output) => output ?? []);
			items.push(...(outputs[0] ?? []));
			if (task.error) error = task.error;
		}
		const itemErrors = items
			.filter((item) => item.error)
			.map((item) => item.error as ExecutionBaseError);
		nodes[name] = { items, json: items.map((item) => item.json), outputs, error, itemErrors };
	}
	return nodes;
}

/**
 * Runs workflow JSON through n8n-core's WorkflowExecute, as "Execute workflow" in the editor would,
 * and returns each node's output items and errors.
 */
export async function runWorkflow(
	workflowJson: WorkflowJson,
	options: RunOptions = {},
): Promise<RunResult> {
	const nodeTypes = options.nodeTypes ?? sourceNodeTypes();
	const credentialTypes = options.credentialTypes ?? loadSourceCredentialTypes();
	const mode = options.mode ?? 'manual';
	const executionId = `harness-${++executionCounter}`;
	const workflowData: IWorkflowBase = {
		id: 'harness-workflow',
		name: workflowJson.name ?? 'Harness workflow',
		active: false,
		isArchived: false,
		nodes: workflowJson.nodes,
		connections: workflowJson.connections,
		settings: { executionOrder: 'v1', ...(workflowJson.settings ?? {}) },
		createdAt: new Date(),
		updatedAt: new Date(),
	} as unknown as IWorkflowBase;
	const workflow = new Workflow({
		id: workflowData.id,
		name: workflowData.name,
		nodes: workflowJson.nodes,
		connections: workflowJson.connections,
		active: false,
		nodeTypes,
		settings: workflowData.settings,
	});
	const hooks = new ExecutionLifecycleHooks(mode, executionId, workflowData);
	const helper = new TestCredentialsHelper(credentialTypes, options.credentials ?? {});
	const additionalData = buildAdditionalData(helper, hooks, executionId);
	const startName = options.startNode ?? firstStartNode(workflowJson).name;
	const startNode = workflow.getNode(startName);
	if (!startNode) throw new Error(`No node named "${startName}"`);

	const run = await new WorkflowExecute(additionalData, mode).run({ workflow, startNode });
	return { run, nodes: collectNodeResults(run), error: run.data.resultData.error };
}

export type { ICredentialDataDecryptedObject };
