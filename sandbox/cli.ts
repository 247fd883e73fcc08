/* Starts the Bird sandbox from the command line: `npm run sandbox -- --port 4010 --data state.json`. */
import { DEMO, demoSeed, emptySeed } from './seed';
import { startSandbox } from './server';

function flag(name: string): boolean {
	return process.argv.includes(`--${name}`);
}

function option(name: string, fallback?: string): string | undefined {
	const index = process.argv.indexOf(`--${name}`);
	return index >= 0 ? process.argv[index + 1] : fallback;
}

async function main(): Promise<void> {
	if (flag('help')) {
		console.log(`Usage: npm run sandbox -- [--host 127.0.0.1] [--port 4010] [--seed demo|empty|<file>] [--data <state.json>]
                   [--public-url http://sandbox:4010] [--no-rate-limits] [--allow-local-webhooks] [--retry-schedule 1000,5000,30000] [--status-step-ms 2000]
       npm run --silent sandbox -- --print-seed [demo|empty] > my-seed.json   (a seed file to edit and pass to --seed)`);
		return;
	}
	if (flag('print-seed')) {
		// Organizations, workspaces, access keys, channels, contacts and conversations as a JSON seed file.
		const which = option('print-seed');
		console.log(JSON.stringify(which === 'empty' ? emptySeed() : demoSeed(), null, 2));
		return;
	}
	const host = option('host', '127.0.0.1')!;
	const sandbox = await startSandbox({
		host,
		port: Number(option('port', '4010')),
		seed: option('seed', 'demo'),
		dataFile: option('data'),
		publicUrl: option('public-url'),
		rateLimits: !flag('no-rate-limits'),
		allowLocalWebhookUrls: flag('allow-local-webhooks'),
		retrySchedule: option('retry-schedule')?.split(',').map(Number),
		statusProgressionMs: option('status-step-ms') ? Number(option('status-step-ms')) : undefined,
	});
	console.log(`Bird sandbox listening on ${sandbox.url}`);
	// Only 0.0.0.0 / :: are rewritten in the URL above (to 127.0.0.1): say that the bind is wider.
	if (!sandbox.url.includes(host)) console.log(`  bound to ${host} (every interface)`);
	if (sandbox.publicUrl !== sandbox.url)
		console.log(`  upload and media URLs use ${sandbox.publicUrl}`);
	console.log(`  organization ${DEMO.organizationId}`);
	console.log(`  workspace    ${DEMO.workspaceId}`);
	console.log(
		`  access key   ${DEMO.accessKey.id} (its secret is in sandbox/seed.ts: sandbox-only, never a real key)`,
	);
	const stop = async () => {
		await sandbox.close();
		process.exit(0);
	};
	process.on('SIGINT', () => void stop());
	process.on('SIGTERM', () => void stop());
}

main().catch((error: Error) => {
	console.error(`Bird sandbox failed to start: ${error.message}`);
	process.exit(1);
});
