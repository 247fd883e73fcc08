/**
 * Starting and stopping the sandbox: state persisted with `dataFile` across restarts (written atomically),
 * a custom seed file, `/_sandbox/reset` to the start seed or a named one, the URLs handed out for uploads
 * (`publicUrl`, 0.0.0.0), and the `npm run sandbox` CLI as a child process.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import axios from 'axios';

import { demoSeed } from '../../sandbox/seed';
import { conversationsPath, DEMO, eventually, start } from './support';

let dir: string;
beforeAll(() => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bird-sandbox-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

it('persists state to the data file and loads it on the next start', async () => {
	const dataFile = path.join(dir, 'state.json');
	const first = await start({ dataFile });
	const created = await first.api.post(conversationsPath, {
		name: 'Survives restarts',
		channelId: DEMO.channels.sms,
	});
	const sent = await first.api.post(`${conversationsPath}/${created.data.id}/messages`, {
		participantType: 'accessKey',
		participantId: DEMO.accessKey.id,
		body: { type: 'text', text: { text: 'still here' } },
	});
	await first.sandbox.close();
	expect(fs.existsSync(dataFile)).toBe(true);

	const second = await start({ dataFile });
	try {
		const read = await second.api.get(`${conversationsPath}/${created.data.id}`);
		expect(read.status).toBe(200);
		expect(read.data.lastMessage.id).toBe(sent.data.id);
		expect(
			(await second.api.get(`${conversationsPath}/${created.data.id}/messages`)).data.results.map(
				(m: { id: string }) => m.id,
			),
		).toEqual([sent.data.id]);
		// The seeded conversations are not duplicated by the second start.
		expect((await second.api.get(conversationsPath)).data.results).toHaveLength(4);
	} finally {
		await second.sandbox.close();
	}
});

it('loads a custom seed file and resets to the empty seed', async () => {
	const seed = demoSeed();
	seed.workspaces[0].name = 'Custom workspace';
	seed.conversations = seed.conversations.slice(0, 1);
	const seedFile = path.join(dir, 'seed.json');
	fs.writeFileSync(seedFile, JSON.stringify(seed));
	const s = await start({ seed: seedFile });
	try {
		expect(
			(await s.api.get(conversationsPath)).data.results.map((c: { id: string }) => c.id),
		).toEqual([DEMO.conversations.johnWhatsapp]);
		expect((await s.api.post('/_sandbox/reset', { seed: 'empty' })).data).toEqual({
			ok: true,
			seed: 'empty',
		});
		expect((await s.api.get(conversationsPath)).data.results).toEqual([]);
		// Tenancy survives an empty reset: keys and channels still work.
		expect(
			(await s.api.post(conversationsPath, { name: 'fresh', channelId: DEMO.channels.email }))
				.status,
		).toBe(201);
	} finally {
		await s.sandbox.close();
	}
});

it('a reset without a seed name goes back to the seed file the sandbox started with, its own tenancy included', async () => {
	const seed = demoSeed();
	const custom = {
		organizationId: '11111111-2222-4333-8444-555555555555',
		workspaceId: '66666666-7777-4888-9999-000000000001',
	};
	seed.organizations.push({
		id: custom.organizationId,
		name: 'Custom org',
		workspaceIds: [custom.workspaceId],
	});
	seed.workspaces.push({
		id: custom.workspaceId,
		organizationId: custom.organizationId,
		name: 'Custom workspace',
	});
	seed.accessKeys.push({
		id: '66666666-7777-4888-9999-0000000000aa',
		secret: 'custom-seed-key',
		name: 'Custom key',
		organizationId: custom.organizationId,
		workspaceIds: [custom.workspaceId],
	});
	seed.conversations = seed.conversations.slice(0, 1);
	const seedFile = path.join(dir, 'custom-tenancy-seed.json');
	fs.writeFileSync(seedFile, JSON.stringify(seed));
	const s = await start({ seed: seedFile });
	const customKey = axios.create({
		baseURL: s.sandbox.url,
		validateStatus: () => true,
		headers: { Authorization: 'AccessKey custom-seed-key' },
	});
	const customSubscriptions = `/organizations/${custom.organizationId}/workspaces/${custom.workspaceId}/webhook-subscriptions`;
	try {
		expect((await customKey.get(`/workspaces/${custom.workspaceId}/conversations`)).status).toBe(
			200,
		);
		expect(
			(
				await s.api.post(conversationsPath, {
					name: 'Made before the reset',
					channelId: DEMO.channels.sms,
				})
			).status,
		).toBe(201);
		// Editing the file afterwards changes nothing: the reset uses the seed as it was read at start.
		fs.writeFileSync(seedFile, JSON.stringify(demoSeed()));

		expect((await s.api.post('/_sandbox/reset', {})).data).toEqual({ ok: true, seed: seedFile });
		expect((await customKey.get(`/workspaces/${custom.workspaceId}/conversations`)).status).toBe(
			200,
		);
		expect(
			(
				await customKey.post(customSubscriptions, {
					service: 'conversations',
					event: 'conversation.created',
					url: 'https://hooks.example.com/custom',
				})
			).status,
		).toBe(201);
		expect(
			(await s.api.get(conversationsPath)).data.results.map((c: { id: string }) => c.id),
		).toEqual([DEMO.conversations.johnWhatsapp]);

		// Naming a built-in seed still switches to it, whatever the start seed was.
		expect((await s.api.post('/_sandbox/reset', { seed: 'demo' })).data).toEqual({
			ok: true,
			seed: 'demo',
		});
		expect((await customKey.get(`/workspaces/${custom.workspaceId}/conversations`)).status).toBe(
			401,
		);
		expect((await s.api.get(conversationsPath)).data.results).toHaveLength(3);
		// …and a later reset without a name returns to the start seed again.
		expect((await s.api.post('/_sandbox/reset', {})).data.seed).toBe(seedFile);
		expect((await customKey.get(`/workspaces/${custom.workspaceId}/conversations`)).status).toBe(
			200,
		);
	} finally {
		await s.sandbox.close();
	}
});

it('writes the data file atomically: a write that fails halfway leaves the previous state whole and no temporary file', async () => {
	const stateDir = fs.mkdtempSync(path.join(dir, 'atomic-'));
	const dataFile = path.join(stateDir, 'state.json');
	const s = await start({ dataFile });
	// The real module object, which the sandbox's `fs.writeFileSync` calls resolve to at call time.
	const realFs = jest.requireActual<typeof import('fs')>('fs');
	const writeFileSync = realFs.writeFileSync;
	try {
		s.sandbox.context.store.save();
		const saved = fs.readFileSync(dataFile, 'utf8');
		expect(
			(
				await s.api.post(conversationsPath, {
					name: 'Lost in the crash',
					channelId: DEMO.channels.sms,
				})
			).status,
		).toBe(201);

		// A full disk (or a kill) in the middle of the write: half the bytes land, then the write fails.
		const spy = jest.spyOn(realFs, 'writeFileSync').mockImplementation((file, data, options) => {
			writeFileSync(file, String(data).slice(0, String(data).length / 2), options);
			throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
		});
		try {
			expect(() => s.sandbox.context.store.save()).toThrow(/ENOSPC/);
			// The write went to a temporary file in the data file's folder (so the rename stays on one file system).
			expect(path.dirname(String(spy.mock.calls[0][0]))).toBe(stateDir);
			expect(String(spy.mock.calls[0][0])).not.toBe(dataFile);
		} finally {
			spy.mockRestore();
		}
		expect(fs.readFileSync(dataFile, 'utf8')).toBe(saved);
		expect(JSON.parse(saved).conversations).toHaveLength(3);
		expect(fs.readdirSync(stateDir)).toEqual(['state.json']);

		// The next successful save replaces it whole.
		s.sandbox.context.store.save();
		expect(JSON.parse(fs.readFileSync(dataFile, 'utf8')).conversations).toHaveLength(4);
		expect(fs.readdirSync(stateDir)).toEqual(['state.json']);
	} finally {
		await s.sandbox.close();
	}
});

describe('upload and media URLs', () => {
	const presign = (s: Awaited<ReturnType<typeof start>>) =>
		s.api.post(`${conversationsPath}/${DEMO.conversations.janeEmail}/presigned-upload`, {
			contentType: 'image/png',
		});

	it('listening on 0.0.0.0 hands out 127.0.0.1 URLs, never the unspecified address', async () => {
		const s = await start({ host: '0.0.0.0' });
		try {
			expect(s.sandbox.url).toBe(`http://127.0.0.1:${s.sandbox.port}`);
			const upload = await presign(s);
			expect(upload.status).toBe(200);
			expect(upload.data.uploadUrl.startsWith(`http://127.0.0.1:${s.sandbox.port}/_s3/`)).toBe(
				true,
			);
			expect(upload.data.mediaUrl.startsWith(`http://127.0.0.1:${s.sandbox.port}/_media/`)).toBe(
				true,
			);
			expect(JSON.stringify(upload.data)).not.toContain('0.0.0.0');
		} finally {
			await s.sandbox.close();
		}
	});

	it('publicUrl (--public-url) is the base of uploadUrl and mediaUrl; a trailing slash is dropped and a non-URL refused', async () => {
		const s = await start({ publicUrl: 'https://sandbox.example.test:8443/' });
		try {
			expect(s.sandbox.publicUrl).toBe('https://sandbox.example.test:8443');
			const upload = await presign(s);
			expect(upload.data.uploadUrl).toBe(
				'https://sandbox.example.test:8443/_s3/channels-message-media-sandbox',
			);
			expect(
				upload.data.mediaUrl.startsWith('https://sandbox.example.test:8443/_media/workspaces/'),
			).toBe(true);
			// The sandbox itself is still reached on its listen address.
			expect(s.sandbox.url).toBe(`http://127.0.0.1:${s.sandbox.port}`);
		} finally {
			await s.sandbox.close();
		}
		await expect(start({ publicUrl: 'sandbox:4010' })).rejects.toThrow(/publicUrl/);
		await expect(start({ publicUrl: 'not a url' })).rejects.toThrow(/publicUrl/);
	});
});

it('`npm run sandbox` CLI prints its URL and the demo IDs, serves requests, and stops on SIGTERM', async () => {
	const root = path.resolve(__dirname, '../..');
	const child = spawn(
		process.execPath,
		[
			path.join(root, 'node_modules/ts-node/dist/bin.js'),
			'--transpile-only',
			'sandbox/cli.ts',
			'--port',
			'0',
			'--no-rate-limits',
			'--allow-local-webhooks',
			'--public-url',
			'http://sandbox.example.test:4010',
		],
		{
			cwd: root,
			stdio: ['ignore', 'pipe', 'pipe'],
		},
	);
	let output = '';
	child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
	const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
	try {
		// Wait for the last line too: stdout may arrive in several chunks.
		const url = await eventually(
			() => output.includes(DEMO.accessKey.id) && /listening on (http:\/\/\S+)/.exec(output)?.[1],
			'the CLI to listen',
			15_000,
		);
		expect(output).toContain(DEMO.workspaceId);
		expect(output).toContain(DEMO.organizationId);
		expect(output).toContain(DEMO.accessKey.id);
		expect(output).not.toContain(DEMO.accessKey.secret);
		const response = await axios.get(`${url}${conversationsPath}`, {
			headers: { Authorization: `AccessKey ${DEMO.accessKey.secret}` },
		});
		expect(response.data.results).toHaveLength(3);
		// --public-url reaches the upload URLs; the sandbox still listens on (and prints) its local address.
		expect(output).toContain('upload and media URLs use http://sandbox.example.test:4010');
		const upload = await axios.post(
			`${url}${conversationsPath}/${DEMO.conversations.janeEmail}/presigned-upload`,
			{ contentType: 'image/png' },
			{ headers: { Authorization: `AccessKey ${DEMO.accessKey.secret}` } },
		);
		expect(upload.data.uploadUrl.startsWith('http://sandbox.example.test:4010/_s3/')).toBe(true);
		child.kill('SIGTERM');
		expect(await exited).toBe(0);
	} finally {
		if (child.exitCode === null) child.kill('SIGKILL');
	}
}, 20_000);
