/**
 * What `npm start` puts into its n8n (scripts/demo.ts): a "Bird sandbox (demo)" credential for the
 * sandbox's demo workspace and the example workflows, unchanged but for that credential and their
 * Settings node, the ones started by our trigger active. The e2e tests export from an n8n set up by this
 * same function (test/e2e/install-command-line.test.ts).
 */
import { DEMO } from '../../sandbox/seed';
import type { N8nInstance } from './n8n';
import {
	isOurs,
	loadExamples,
	triggerNode,
	withCredential,
	withSettings,
	type WorkflowJson,
} from './workflows';

export const DEMO_CREDENTIAL_NAME = 'Bird sandbox (demo)';

export interface DemoWorkflow {
	id: string;
	file: string;
	workflow: WorkflowJson;
	active: boolean;
}

export async function setUpDemo(
	n8n: N8nInstance,
	sandboxUrl: string,
): Promise<{ credential: { id: string; name: string }; workflows: DemoWorkflow[] }> {
	const stored = await n8n.client.createCredential({
		name: DEMO_CREDENTIAL_NAME,
		type: 'birdConversationsApi',
		data: {
			accessKey: DEMO.accessKey.secret,
			workspaceId: DEMO.workspaceId,
			organizationId: DEMO.organizationId,
			baseUrl: sandboxUrl,
		},
	});
	const credential = { id: stored.id, name: stored.name };
	const settings = {
		accessKeyId: DEMO.accessKey.id,
		agentUserId: DEMO.agentUserId,
		exportFolder: n8n.filesDir,
		// The refund approval asks in John's WhatsApp conversation, so its message shows in the sandbox.
		teamLeadConversationId: DEMO.conversations.johnWhatsapp,
	};
	const workflows: DemoWorkflow[] = [];
	for (const { file, workflow } of loadExamples()) {
		const prepared = withSettings(withCredential(workflow, credential), settings);
		const created = await n8n.client.createWorkflow(prepared);
		const active = isOurs(triggerNode(prepared));
		if (active) await n8n.client.activateWorkflow(created.id);
		workflows.push({ id: created.id, file, workflow: prepared, active });
	}
	return { credential, workflows };
}
