/**
 * What every install-path test checks once n8n runs with our package: the three nodes, the Tool variants
 * n8n derives from `usableAsTool` (and, in 2.x, the HITL Tool it derives from Send and Wait's sendAndWait
 * operation) and the credential are loaded under the package's name (never as
 * `CUSTOM.*`), the credential test passes, and an operation runs against the sandbox.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import { executionErrors, nodeOutput, type N8nInstance, PACKAGE_NAME } from '../../scripts/lib/n8n';
import type { Sandbox } from '../../sandbox/server';
import { DEMO } from '../harness/e2e';
import { chain } from '../harness/operation-workflows';

/** What n8n 2.41 lists (seen 2 December 2026). */
export const OUR_NODE_TYPES = [
	'birdConversations',
	'birdConversationsSendAndWait',
	'birdConversationsSendAndWaitHitlTool',
	'birdConversationsSendAndWaitTool',
	'birdConversationsTool',
	'birdConversationsTrigger',
].map((name) => `${PACKAGE_NAME}.${name}`);
/** n8n 1.123 has no HITL tools (seen 2 December 2026). */
export const OUR_NODE_TYPES_N8N1 = OUR_NODE_TYPES.filter((type) => !type.endsWith('HitlTool'));
export const CREDENTIAL_TYPE = 'birdConversationsApi';

/** Our node types n8n lists, and whether any custom-extension type (CUSTOM.*) is among all it lists. */
export async function loadedTypes(n8n: N8nInstance) {
	const nodes = (await n8n.client.types('nodes')).map((type) => type.name);
	const credentials = (await n8n.client.types('credentials')).map((type) => type.name);
	return {
		ours: [...new Set(nodes.filter((name) => name.startsWith(`${PACKAGE_NAME}.`)))].sort(),
		custom: nodes.filter((name) => name.startsWith('CUSTOM.')),
		credential: credentials.includes(CREDENTIAL_TYPE),
	};
}

/** Every package folder under `<nodes>/node_modules` (scoped ones as @scope/name). */
export function installedPackages(nodesDir: string): string[] {
	const modules = join(nodesDir, 'node_modules');
	if (!existsSync(modules)) return [];
	return readdirSync(modules)
		.filter((name) => !name.startsWith('.'))
		.flatMap((name) =>
			name.startsWith('@')
				? readdirSync(join(modules, name)).map((inner) => `${name}/${inner}`)
				: [name],
		)
		.sort();
}

/** n8n's installer step 1 for a published version: `npm pack <name>@<version>` from the registry. */
export function npmPackFromRegistry(spec: string, dir: string): string {
	const output = execFileSync('npm', ['pack', spec, '--quiet', '--pack-destination', dir], {
		encoding: 'utf8',
	});
	return join(dir, output.trim().split('\n').pop()!.trim());
}

export async function storeSandboxCredential(
	n8n: N8nInstance,
	sandbox: Sandbox,
	name = 'Bird sandbox',
) {
	return n8n.client.createCredential({
		name,
		type: CREDENTIAL_TYPE,
		data: {
			accessKey: DEMO.accessKey.secret,
			workspaceId: DEMO.workspaceId,
			organizationId: DEMO.organizationId,
			baseUrl: sandbox.url,
		},
	});
}

/** Conversation → Get Many (Return All) in a manual workflow; returns the listed conversation IDs. */
export async function runGetMany(
	n8n: N8nInstance,
	credential: { id: string; name: string },
): Promise<string[]> {
	const workflow = chain('Install check: Get Many', [
		['List', { resource: 'conversation', operation: 'getAll', returnAll: true }],
	]);
	for (const node of workflow.nodes) {
		if (node.type.startsWith(`${PACKAGE_NAME}.`))
			node.credentials = { [CREDENTIAL_TYPE]: credential };
	}
	const created = await n8n.client.createWorkflow(workflow);
	const execution = await n8n.client.runWorkflow(created.id, 'Start');
	expect(executionErrors(execution)).toEqual([]);
	return nodeOutput(execution, 'List').map((item) => String(item.id));
}

/** The IDs of the sandbox's conversations in the demo workspace. */
export const demoConversationIds = (sandbox: Sandbox) =>
	sandbox.context.store.data.conversations
		.filter((c) => c.workspaceId === DEMO.workspaceId && c.status !== 'deleted')
		.map((c) => c.id)
		.sort();
