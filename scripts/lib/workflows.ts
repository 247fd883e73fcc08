import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Example workflows are written for users who install the package from npm, so their node types are
 * `n8n-nodes-bird-conversations.<name>`. The demo and the e2e tests install the package the same way
 * (scripts/lib/n8n/community-package.ts), so workflows go in and come out unchanged; these helpers
 * only attach a credential and fill in the "Settings" node.
 */
export const PACKAGE_NAME = 'n8n-nodes-bird-conversations';
export const CREDENTIAL_TYPE = 'birdConversationsApi';
export const EXAMPLES_DIR = resolve(__dirname, '..', '..', 'examples');

export interface WorkflowNode {
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	webhookId?: string;
	[key: string]: unknown;
}

export interface WorkflowJson {
	name: string;
	nodes: WorkflowNode[];
	connections: Record<string, unknown>;
	settings?: Record<string, unknown>;
	[key: string]: unknown;
}

export interface ExampleFile {
	file: string;
	workflow: WorkflowJson;
}

export function loadExamples(): ExampleFile[] {
	return readdirSync(EXAMPLES_DIR)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => ({ file, workflow: loadExample(file) }));
}

export function loadExample(file: string): WorkflowJson {
	return JSON.parse(readFileSync(join(EXAMPLES_DIR, file), 'utf8')) as WorkflowJson;
}

export const isOurs = (node: WorkflowNode) => node.type.startsWith(`${PACKAGE_NAME}.`);

/** Points every Bird node at one stored n8n credential. */
export function withCredential(
	workflow: WorkflowJson,
	credential: { id: string; name: string },
): WorkflowJson {
	const copy = structuredClone(workflow);
	for (const node of copy.nodes) {
		if (isOurs(node))
			node.credentials = {
				...node.credentials,
				[CREDENTIAL_TYPE]: { id: credential.id, name: credential.name },
			};
	}
	return copy;
}

/** Sets values in the Set node named "Settings" (the place each example keeps what a user must fill in). */
export function withSettings(workflow: WorkflowJson, values: Record<string, string>): WorkflowJson {
	const copy = structuredClone(workflow);
	const settings = copy.nodes.find((node) => node.name === 'Settings');
	const assignments = (
		settings?.parameters.assignments as
			{ assignments?: Array<{ name: string; value: unknown }> } | undefined
	)?.assignments;
	for (const [name, value] of Object.entries(values)) {
		const assignment = assignments?.find((a) => a.name === name);
		if (assignment) assignment.value = value;
	}
	return copy;
}

/** The workflow's trigger node (the first node without inputs we know of). */
export function triggerNode(workflow: WorkflowJson): WorkflowNode {
	const trigger = workflow.nodes.find(
		(node) => /trigger$/i.test(node.type) || node.type.endsWith('Trigger'),
	);
	if (!trigger) throw new Error(`workflow "${workflow.name}" has no trigger node`);
	return trigger;
}
