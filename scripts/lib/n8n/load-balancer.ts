/**
 * The load balancer in front of the webhook processors, as in any production queue-mode setup: Bird
 * delivers to it (N8N_WEBHOOK_URL), and it forwards only to a processor that n8n itself reports ready.
 *
 *   const lb = await startLoadBalancer([webhook.url]);   // lb.url: where deliveries go
 *   await lb.stop();
 *
 * Why a health check and not a plain proxy: while an n8n process starts, it answers *every* request,
 * a webhook delivery included, with `200 n8n is starting up. Please wait` until its database is ready
 * (n8n 2.41 abstract-server.js). Bird takes a 2xx as delivered and never retries it, so a delivery that
 * reaches a restarting webhook processor is lost. n8n's own `GET /healthz/readiness` answers 503 until
 * the process is ready; a load balancer that checks it (nginx, HAProxy, a Kubernetes readiness probe)
 * sends nothing there until then. This one checks it every second, takes a backend out at once when a
 * connection to it fails, and answers 503 while no backend is ready, so Bird retries (docs/queue-mode.md).
 */
import {
	createServer,
	request as httpRequest,
	type IncomingMessage,
	type Server,
	type ServerResponse,
} from 'node:http';

import { freePort } from '../free-port';

export interface LoadBalancer {
	/** Base URL, trailing slash. */
	url: string;
	port: number;
	/** The backends n8n reports ready right now. */
	ready(): string[];
	stop(): Promise<void>;
}

const CHECK_EVERY_MS = 1000;

async function isReady(base: string): Promise<boolean> {
	try {
		const response = await fetch(new URL('healthz/readiness', base), {
			signal: AbortSignal.timeout(2000),
		});
		await response.body?.cancel();
		return response.status === 200;
	} catch {
		return false;
	}
}

function refuse(response: ServerResponse, status: number, message: string) {
	if (response.headersSent) return void response.destroy();
	response.writeHead(status, { 'content-type': 'application/json' });
	response.end(JSON.stringify({ message }));
}

export async function startLoadBalancer(backends: string[], port?: number): Promise<LoadBalancer> {
	const healthy = new Set<string>();
	// Bumped when a connection to a processor fails: a readiness answer from a check that started before
	// then is stale, and must not put back a processor that may be restarting by now.
	const failures = new Map<string, number>();
	let checking = false;
	let next = 0;
	const check = async () => {
		if (checking) return;
		checking = true;
		try {
			await Promise.all(
				backends.map(async (base) => {
					const before = failures.get(base) ?? 0;
					const ready = await isReady(base);
					if ((failures.get(base) ?? 0) !== before) return;
					if (ready) healthy.add(base);
					else healthy.delete(base);
				}),
			);
		} finally {
			checking = false;
		}
	};
	await check();
	const timer = setInterval(() => void check(), CHECK_EVERY_MS);
	timer.unref();

	const forward = (incoming: IncomingMessage, response: ServerResponse) => {
		const ready = backends.filter((base) => healthy.has(base));
		if (ready.length === 0) return refuse(response, 503, 'No webhook processor is ready');
		const target = ready[next++ % ready.length];
		const base = new URL(target);
		let birdGone = false;
		const upstream = httpRequest(
			{
				host: base.hostname,
				port: base.port,
				method: incoming.method,
				path: incoming.url,
				headers: incoming.headers,
			},
			(answer) => {
				response.writeHead(answer.statusCode ?? 502, answer.headers);
				// A processor that dies in the middle of its answer: end Bird's connection too, unfinished.
				answer.on('aborted', () => response.destroy());
				answer.pipe(response);
			},
		);
		upstream.on('error', () => {
			// Our own hang-up (Bird gave up first) says nothing about the processor.
			if (birdGone) return;
			// A processor that refuses or drops a connection is out until its readiness check passes again.
			healthy.delete(target);
			failures.set(target, (failures.get(target) ?? 0) + 1);
			refuse(response, 502, 'The webhook processor did not answer');
		});
		// Bird gave up waiting: hang up on the processor too, as nginx does by default
		// (proxy_ignore_client_abort off), so n8n sees the delivery unanswered, as it would without us.
		response.on('close', () => {
			if (response.writableFinished) return;
			birdGone = true;
			upstream.destroy();
		});
		incoming.pipe(upstream);
	};

	const listenOn = port ?? (await freePort());
	const server: Server = createServer(forward);
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(listenOn, '127.0.0.1', () => resolve());
	});
	return {
		url: `http://127.0.0.1:${listenOn}/`,
		port: listenOn,
		ready: () => backends.filter((base) => healthy.has(base)),
		async stop() {
			clearInterval(timer);
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
