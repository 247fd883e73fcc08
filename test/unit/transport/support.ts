/**
 * Shared by the transport tests (retries, connection failures, the sandbox): nothing here waits or measures
 * time. The request path waits with n8n-workflow's `sleep`; these tests replace it with a recorder, so they
 * count attempts and see the delay the node chose (Retry-After or backoff) without sleeping.
 *
 * In a test file: `jest.mock('n8n-workflow', () => jest.requireActual('./support').withRecordedSleep());`
 * This module imports nothing that loads n8n (the mock factory requires it); fixtures are in ./fixtures.ts.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Every wait the request path asked for since the last `sleeps.length = 0`, in ms. */
export const sleeps: number[] = [];

/** Run on every recorded wait, e.g. to let a rate limiter's second pass without waiting for it. */
export const onSleep: Array<(ms: number) => void> = [];

export function withRecordedSleep(): Record<string, unknown> {
	const actual = jest.requireActual('n8n-workflow') as Record<string, unknown>;
	return {
		...actual,
		sleep: jest.fn(async (ms: number) => {
			sleeps.push(ms);
			for (const listener of onSleep) listener(ms);
		}),
	};
}

/** Everything an error shows the user: message and description. */
export const shown = (error: unknown): string => {
	const e = error as { message?: string; description?: string };
	return `${e?.message ?? ''}\n${e?.description ?? ''}`;
};

export interface FlakyServer {
	url: string;
	/** `METHOD /path?query` of every request, in arrival order. */
	requests: string[];
	/** The Authorization header of every request. */
	authorizations: Array<string | undefined>;
	close(): Promise<void>;
}

export interface SeenRequest {
	method: string;
	url: string;
	/** How many requests with this method arrived so far, this one included. */
	count: number;
}

/**
 * A real local server that cuts the connection (socket destroyed after the whole request arrived) of every
 * request `cut` picks, and answers the others with `answer`. A real socket, not an HTTP mock, so the error is
 * exactly what n8n's request helper produces in production.
 */
export async function flakyServer(
	cut: (request: SeenRequest) => boolean,
	answer: (request: SeenRequest) => { status: number; body: unknown },
): Promise<FlakyServer> {
	const requests: string[] = [];
	const authorizations: Array<string | undefined> = [];
	const server: Server = createServer((req, res) => {
		requests.push(`${req.method} ${req.url}`);
		authorizations.push(req.headers.authorization);
		const method = req.method ?? 'GET';
		const seen = {
			method,
			url: req.url ?? '',
			count: requests.filter((r) => r.startsWith(`${method} `)).length,
		};
		req.resume();
		req.on('end', () => {
			if (cut(seen)) {
				req.socket.destroy();
				return;
			}
			const { status, body } = answer(seen);
			res.writeHead(status, { 'content-type': 'application/json' });
			res.end(JSON.stringify(body));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		requests,
		authorizations,
		close: async () => await new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

/** A URL where nothing listens (a port that was just freed), for "connection refused". */
export async function refusingUrl(): Promise<string> {
	const server = await flakyServer(
		() => false,
		() => ({ status: 200, body: {} }),
	);
	await server.close();
	return server.url;
}
