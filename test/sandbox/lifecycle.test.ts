/**
 * Starting and stopping the sandbox: state persisted with `dataFile` across restarts, a custom seed file,
 * `/_sandbox/reset` to the empty seed, and the `npm run sandbox` CLI as a child process.
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
	const created = await first.api.post(conversationsPath, { name: 'Survives restarts', channelId: DEMO.channels.sms });
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
		expect((await second.api.get(`${conversationsPath}/${created.data.id}/messages`)).data.results.map((m: { id: string }) => m.id)).toEqual([sent.data.id]);
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
		expect((await s.api.get(conversationsPath)).data.results.map((c: { id: string }) => c.id)).toEqual([DEMO.conversations.johnWhatsapp]);
		expect((await s.api.post('/_sandbox/reset', { seed: 'empty' })).data).toEqual({ ok: true, seed: 'empty' });
		expect((await s.api.get(conversationsPath)).data.results).toEqual([]);
		// Tenancy survives an empty reset: keys and channels still work.
		expect((await s.api.post(conversationsPath, { name: 'fresh', channelId: DEMO.channels.email })).status).toBe(201);
	} finally {
		await s.sandbox.close();
	}
});

it('`npm run sandbox` CLI prints its URL and the demo IDs, serves requests, and stops on SIGTERM', async () => {
	const root = path.resolve(__dirname, '../..');
	const child = spawn(process.execPath, [path.join(root, 'node_modules/ts-node/dist/bin.js'), '--transpile-only', 'sandbox/cli.ts', '--port', '0', '--no-rate-limits', '--allow-local-webhooks'], {
		cwd: root,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let output = '';
	child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
	const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
	try {
		const url = await eventually(() => /listening on (http:\/\/\S+)/.exec(output)?.[1], 'the CLI to listen', 15_000);
		expect(output).toContain(DEMO.workspaceId);
		expect(output).toContain(DEMO.organizationId);
		expect(output).toContain(DEMO.accessKey.id);
		expect(output).not.toContain(DEMO.accessKey.secret);
		const response = await axios.get(`${url}${conversationsPath}`, { headers: { Authorization: `AccessKey ${DEMO.accessKey.secret}` } });
		expect(response.data.results).toHaveLength(3);
		child.kill('SIGTERM');
		expect(await exited).toBe(0);
	} finally {
		if (child.exitCode === null) child.kill('SIGKILL');
	}
}, 20_000);
