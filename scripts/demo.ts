/**
 * The demo behind `npm start` (see demo.sh): Bird sandbox with demo data + the pinned n8n with our package
 * installed as n8n's installer does (node types `n8n-nodes-bird-conversations.*`, as users have them),
 * a credential for the sandbox, the example workflows (the trigger ones active), then the editor URL
 * and login. Ctrl-C (SIGINT) or SIGTERM stops n8n's whole process group and the sandbox.
 *
 * Environment: BIRD_DEMO_N8N_PORT (default 5678, 0 = any free port), BIRD_DEMO_SANDBOX_PORT (default 4010).
 */
import { freePort } from './lib/free-port';
import { startN8n, type N8nInstance } from './lib/n8n';
import { DEMO_CREDENTIAL_NAME, setUpDemo } from './lib/demo-setup';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { DEMO } from '../sandbox/seed';

const log = (line = '') => console.log(line);

async function portOr(preferred: string | undefined, fallback: number): Promise<number> {
	const wanted = preferred === undefined ? fallback : Number(preferred);
	if (wanted === 0) return freePort();
	// Use the well-known port when it is free, any free port otherwise (a second demo, another n8n...).
	const probe = await import('node:net');
	const free = await new Promise<boolean>((resolve) => {
		const server = probe.createServer();
		server.once('error', () => resolve(false));
		server.listen(wanted, '127.0.0.1', () => server.close(() => resolve(true)));
	});
	return free ? wanted : freePort();
}

async function main(): Promise<void> {
	let sandbox: Sandbox | undefined;
	let n8n: N8nInstance | undefined;
	let stopping = false;
	const stop = async (code: number) => {
		if (stopping) return;
		stopping = true;
		log('\n[demo] stopping n8n and the sandbox ...');
		await n8n?.stop().catch(() => undefined);
		await sandbox?.close().catch(() => undefined);
		log('[demo] stopped');
		process.exit(code);
	};
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
		process.on(signal, () => void stop(0));

	try {
		sandbox = await startSandbox({
			host: '127.0.0.1',
			port: await portOr(process.env.BIRD_DEMO_SANDBOX_PORT, 4010),
			seed: 'demo',
			rateLimits: true,
			allowLocalWebhookUrls: true,
			retrySchedule: [5_000, 30_000, 120_000],
		});
		log(`[demo] Bird sandbox listening on ${sandbox.url}`);

		log('[demo] starting n8n (about 10-20 s) ...');
		n8n = await startN8n({
			port: await portOr(process.env.BIRD_DEMO_N8N_PORT, 5678),
			secrets: [DEMO.accessKey.secret, DEMO.otherAccessKey.secret],
		});
		if (stopping) return;

		const { workflows } = await setUpDemo(n8n, sandbox.url);
		const imported = workflows.map(
			({ file, workflow, active }) =>
				`  ${active ? 'active  ' : 'inactive'}  ${workflow.name}  (examples/${file})`,
		);

		const inbound = `${sandbox.url}/_sandbox/channels/${DEMO.channels.whatsapp}/inbound`;
		log();
		log('  Bird Conversations demo is running. Press Ctrl-C to stop everything.');
		log();
		log(`  n8n editor     ${n8n.url}`);
		log(`  login          ${n8n.owner.email}  /  ${n8n.owner.password}`);
		log(
			`  Bird sandbox   ${sandbox.url}   (credential "${DEMO_CREDENTIAL_NAME}": demo workspace ${DEMO.workspaceId})`,
		);
		log(`  exports        ${n8n.filesDir}`);
		log();
		log('  Workflows:');
		for (const line of imported) log(line);
		log();
		log('  Play a customer writing on WhatsApp, then look at Executions in n8n:');
		log(`    curl -s -X POST ${inbound} -H 'content-type: application/json' \\`);
		log(
			`      -d '{"contact":{"identifierKey":"phonenumber","identifierValue":"+31612345678","displayName":"John Doe"},"text":"Can I talk to an agent?"}'`,
		);
		log();
		log(
			`  Everything runs on 127.0.0.1 and is thrown away on exit (n8n data in ${n8n.userFolder}).`,
		);
	} catch (error) {
		console.error(`[demo] failed: ${(error as Error).message}`);
		await stop(1);
	}
}

void main();
