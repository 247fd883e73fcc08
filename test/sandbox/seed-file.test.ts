/**
 * Tenancy loaded from a seed file: `--print-seed` writes the demo seed as JSON, a user adds an organization,
 * a workspace and an access key to it, and a sandbox started with `seed: <file>` authenticates with exactly
 * those keys.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import axios from 'axios';

import { demoSeed, type SeedData } from '../../sandbox/seed';
import { conversationsPath, expectBirdError, start } from './support';

const root = path.resolve(__dirname, '../..');
let dir: string;
beforeAll(() => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bird-sandbox-seed-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const printSeed = (...args: string[]): SeedData =>
	JSON.parse(
		execFileSync(
			process.execPath,
			[
				path.join(root, 'node_modules/ts-node/dist/bin.js'),
				'--transpile-only',
				'sandbox/cli.ts',
				'--print-seed',
				...args,
			],
			{
				cwd: root,
				encoding: 'utf8',
			},
		),
	) as SeedData;

it('--print-seed prints the demo seed as JSON, and `empty` the same tenancy without contacts or conversations', () => {
	expect(printSeed()).toEqual(demoSeed());
	const empty = printSeed('empty');
	expect({ contacts: empty.contacts, conversations: empty.conversations }).toEqual({
		contacts: [],
		conversations: [],
	});
	expect(empty.accessKeys).toEqual(demoSeed().accessKeys);
}, 20_000);

it('access keys, workspaces and organizations added to a seed file are the ones the sandbox accepts', async () => {
	const seed = demoSeed();
	const org = {
		id: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
		name: 'Acme',
		workspaceIds: ['1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9'],
	};
	const workspaceId = org.workspaceIds[0];
	seed.organizations.push(org);
	seed.workspaces.push({ id: workspaceId, organizationId: org.id, name: 'Acme support' });
	seed.accessKeys.push({
		id: '0f1e2d3c-4b5a-4697-8877-665544332211',
		secret: 'acme-test-key',
		name: 'Acme key',
		organizationId: org.id,
		workspaceIds: [workspaceId],
	});
	seed.channels.push({
		id: '2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d',
		workspaceId,
		platform: 'sms',
		name: 'Acme SMS',
		conversational: 'active',
	});
	const file = path.join(dir, 'acme.json');
	fs.writeFileSync(file, JSON.stringify(seed));

	const s = await start({ seed: file });
	try {
		const acme = axios.create({
			baseURL: s.sandbox.url,
			validateStatus: () => true,
			headers: { Authorization: 'AccessKey acme-test-key' },
		});
		const created = await acme.post(`/workspaces/${workspaceId}/conversations`, {
			name: 'Acme ticket',
			channelId: '2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d',
		});
		expect(created.status).toBe(201);
		expect(created.data.initiatingParticipant).toMatchObject({
			id: '0f1e2d3c-4b5a-4697-8877-665544332211',
			type: 'accessKey',
			displayName: 'Acme key',
		});
		const hooks = await acme.post(
			`/organizations/${org.id}/workspaces/${workspaceId}/webhook-subscriptions`,
			{
				service: 'conversations',
				event: 'conversation.created',
				url: 'https://hooks.acme.example.com/bird',
			},
		);
		expect(hooks.data).toMatchObject({ organizationId: org.id, workspaceId });
		// The file's key stays inside its organization, and the demo key stays out of Acme.
		expectBirdError(await acme.get(conversationsPath), 403, 'Forbidden');
		expectBirdError(await s.api.get(`/workspaces/${workspaceId}/conversations`), 403, 'Forbidden');
		// A key that is not in the file is unknown.
		const stranger = await axios.get(`${s.sandbox.url}/workspaces/${workspaceId}/conversations`, {
			validateStatus: () => true,
			headers: { Authorization: 'AccessKey not-in-the-file' },
		});
		expectBirdError(stranger, 401, 'Unauthorized');
	} finally {
		await s.sandbox.close();
	}
});
