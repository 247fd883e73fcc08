/**
 * The demo behind `npm start` (see demo.sh): Bird sandbox with demo data + the pinned n8n with our package
 * installed as n8n's installer does (node types `n8n-nodes-bird-conversations.*`, as users have them),
 * a credential for the sandbox, the example workflows (the trigger ones active), then the editor URL
 * and login. Ctrl-C (SIGINT) or SIGTERM stops n8n's whole process group and the sandbox.
 *
 * `--queue` (`npm start -- --queue`, `npm run start:queue`): the same demo on n8n's queue mode
 * (startQueueStack: Postgres, Redis, main, 2 workers, a webhook processor), printing which process does
 * what and where each one logs; Ctrl-C stops all of them.
 *
 * Environment: BIRD_DEMO_N8N_PORT (default 5678, 0 = any free port), BIRD_DEMO_SANDBOX_PORT (default 4010).
 */
import { freePort } from './lib/free-port';
import { startN8n, startQueueStack, type N8nInstance, type QueueStack } from './lib/n8n';
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
	const queueMode = process.argv.includes('--queue');
	let sandbox: Sandbox | undefined;
	let n8n: N8nInstance | undefined;
	let stack: QueueStack | undefined;
	// A start under way is waited for, so that Ctrl-C during start-up still stops every process it made.
	let starting: Promise<{ stop(): Promise<void> } | undefined> = Promise.resolve(undefined);
	let stopping = false;
	const stop = async (code: number) => {
		if (stopping) return;
		stopping = true;
		log('\n[demo] stopping n8n and the sandbox ...');
		const started = await starting.catch(() => undefined);
		await started?.stop().catch(() => undefined);
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

		const port = await portOr(process.env.BIRD_DEMO_N8N_PORT, 5678);
		const secrets = [DEMO.accessKey.secret, DEMO.otherAccessKey.secret];
		if (queueMode) {
			log(
				'[demo] starting n8n in queue mode: Postgres, Redis, main, 2 workers, webhook processor (about 1 minute) ...',
			);
			const started = startQueueStack({
				workers: 2,
				mainPort: port,
				secrets,
				stopOnSignals: false,
			});
			starting = started;
			stack = await started;
			n8n = stack.main;
		} else {
			log('[demo] starting n8n (about 10-20 s) ...');
			const started = startN8n({ port, secrets });
			starting = started;
			n8n = await started;
		}
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
		if (stack) {
			log('  Queue mode, which process does what:');
			for (const line of stack.describe()) log(`    ${line}`);
			log('  Logs (a worker logs "Worker started execution <id>" for each run it takes):');
			log(`    main       ${n8n.logFile}`);
			for (const child of [stack.webhook, ...stack.workers])
				log(`    ${child.name.padEnd(10)} ${child.logFile}`);
			log('  Postgres, Redis and every process folder are temporary as well.');
			log();
		}
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
