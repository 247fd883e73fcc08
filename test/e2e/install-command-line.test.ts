/**
 * Install path 2 of the README, the command line, and workflows that travel:
 * - an n8n set up exactly as the demo does (scripts/lib/demo-setup.ts: installer path, examples, the
 *   "Bird sandbox (demo)" credential) exports the auto-reply workflow as the editor's Download does;
 * - a second n8n gets the package the README's way, `cd ~/.n8n/nodes && npm install --legacy-peer-deps
 *   --ignore-scripts <package>` (the packed tarball in place of the name), with community-package
 *   installs disabled (N8N_COMMUNITY_PACKAGES_ENABLED=false), so no second n8n-workflow is installed;
 * - the exported file imports there unchanged (n8n binds its credential by name), activates, and answers
 *   a customer through the sandbox.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { DEMO_CREDENTIAL_NAME, setUpDemo } from '../../scripts/lib/demo-setup';
import {
	installFromCommandLine,
	type N8nInstance,
	nodesFolder,
	PACKAGE_NAME,
	packedPackage,
	startN8n,
} from '../../scripts/lib/n8n';
import type { WorkflowJson } from '../../scripts/lib/workflows';
import type { Sandbox } from '../../sandbox/server';
import { DEMO, eventually, startTestSandbox } from '../harness/e2e';
import {
	installedPackages,
	loadedTypes,
	OUR_NODE_TYPES,
	storeSandboxCredential,
} from './install-checks';

jest.setTimeout(300_000);

/** The fields the editor's "Download" writes into a workflow file. */
const DOWNLOADED_FIELDS = [
	'name',
	'nodes',
	'pinData',
	'connections',
	'active',
	'settings',
	'versionId',
	'meta',
	'id',
	'tags',
];

describe('command-line install, and a workflow exported from the demo', () => {
	let sandbox: Sandbox;
	let demo: N8nInstance | undefined;
	let target: N8nInstance;
	let exported: WorkflowJson;
	const secrets = [DEMO.accessKey.secret, DEMO.otherAccessKey.secret];

	beforeAll(async () => {
		sandbox = await startTestSandbox();
		demo = await startN8n({ secrets });
		const { workflows } = await setUpDemo(demo, sandbox.url);
		const autoReply = workflows.find((w) => w.file === 'auto-reply.json')!;
		const stored = await demo.client.rest<Record<string, unknown>>(
			'GET',
			`/workflows/${autoReply.id}`,
		);
		exported = JSON.parse(
			JSON.stringify(
				Object.fromEntries(DOWNLOADED_FIELDS.filter((f) => f in stored).map((f) => [f, stored[f]])),
			),
		);
		await demo.stop();
		demo = undefined;

		const tarball = packedPackage();
		target = await startN8n({
			secrets,
			install: (userFolder, npmEnv) => installFromCommandLine(userFolder, tarball, npmEnv),
			env: { N8N_COMMUNITY_PACKAGES_ENABLED: 'false' },
		});
	});
	afterAll(async () => {
		await demo?.stop();
		await target?.stop();
		await sandbox?.close();
	});
	afterEach(() => {
		const state = expect.getState();
		if (state.assertionCalls !== state.numPassingAsserts) console.log(target?.logTail(40));
	});

	it('npm installs only the package: no n8n-workflow, no other package in the nodes folder', () => {
		const nodesDir = nodesFolder(target.userFolder);
		expect(installedPackages(nodesDir)).toEqual([PACKAGE_NAME]);
		const ledger = JSON.parse(readFileSync(join(nodesDir, 'package.json'), 'utf8'));
		expect(Object.keys(ledger.dependencies)).toEqual([PACKAGE_NAME]);
	});

	it('n8n loads our nodes, their Tool variants and the credential, also with UI installs disabled', async () => {
		const types = await loadedTypes(target);
		expect(types.ours).toEqual(OUR_NODE_TYPES);
		expect(types.custom).toEqual([]);
		expect(types.credential).toBe(true);
	});

	it('the demo’s export carries the package’s node types, imports unchanged, activates and answers a customer', async () => {
		const ours = exported.nodes
			.filter((n) => n.type.startsWith(`${PACKAGE_NAME}.`))
			.map((n) => n.type);
		expect(ours.sort()).toEqual([
			`${PACKAGE_NAME}.birdConversations`,
			`${PACKAGE_NAME}.birdConversationsTrigger`,
		]);
		expect(JSON.stringify(exported)).not.toContain('CUSTOM.');

		// What a user does: a credential of the same name, then Import from File.
		const credential = await storeSandboxCredential(target, sandbox, DEMO_CREDENTIAL_NAME);
		const created = await target.client.rest<{ id: string; nodes: WorkflowJson['nodes'] }>(
			'POST',
			'/workflows',
			exported,
		);
		expect(created.nodes.map((n) => n.type)).toEqual(exported.nodes.map((n) => n.type));
		expect(
			created.nodes
				.filter((n) => n.credentials)
				.map((n) => n.credentials?.birdConversationsApi?.id),
		).toEqual(ours.map(() => credential.id));
		await target.client.activateWorkflow(created.id);

		const response = await fetch(
			`${sandbox.url}/_sandbox/channels/${DEMO.channels.whatsapp}/inbound`,
			{
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({
					contact: {
						identifierKey: 'phonenumber',
						identifierValue: DEMO.contacts.john.identifierValue,
						displayName: DEMO.contacts.john.name,
					},
					text: 'Hello from the other n8n',
				}),
			},
		);
		expect(response.status).toBe(201);
		const reply = await eventually('the imported auto-reply to answer', () =>
			sandbox.context.store.data.messages.find(
				(m) =>
					m.conversationId === DEMO.conversations.johnWhatsapp &&
					m.sender.type === 'accessKey' &&
					String((m.body as { text?: { text?: string } }).text?.text).startsWith('Hi John Doe'),
			),
		);
		expect(reply).toBeDefined();
		const executions = await eventually('the execution to be saved', async () => {
			const list = await target.client.listExecutions(created.id);
			return list.length > 0 && list.every((e) => e.stoppedAt) ? list : undefined;
		});
		expect(executions.map((e) => e.status)).toEqual(['success']);
	});
});
