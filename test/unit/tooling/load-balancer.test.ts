/**
 * The queue stack's load balancer (scripts/lib/n8n/load-balancer.ts) against stand-ins for n8n's webhook
 * processor that behave as n8n 2.41 does while it starts: every request answered `200 n8n is starting up`,
 * `/healthz/readiness` 503, until it is ready. Nothing may reach a processor before it is ready, because
 * Bird would take that 200 as delivered.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import nock from 'nock';

import { startLoadBalancer, type LoadBalancer } from '../../../scripts/lib/n8n/load-balancer';

// nock patches node:http for the whole jest worker, and a file that imported it may have left it on; the
// balancer must speak real HTTP here.
beforeAll(() => nock.restore());

interface FakeProcessor {
	url: string;
	port: number;
	ready: boolean;
	/** Requests other than readiness checks, as received. */
	received: Array<{
		method?: string;
		url?: string;
		headers: Record<string, unknown>;
		body: string;
	}>;
	close(): Promise<void>;
}

async function fakeProcessor(port = 0): Promise<FakeProcessor> {
	const state = { ready: false, received: [] as FakeProcessor['received'] };
	const server: Server = createServer((request, response) => {
		if (request.url === '/healthz/readiness') {
			response.writeHead(state.ready ? 200 : 503).end();
			return;
		}
		let body = '';
		request.on('data', (chunk: Buffer) => (body += chunk.toString()));
		request.on('end', () => {
			if (!state.ready) return void response.end('n8n is starting up. Please wait');
			state.received.push({
				method: request.method,
				url: request.url,
				headers: request.headers,
				body,
			});
			response.writeHead(201, { 'x-from': String(port || 'fake') });
			response.end(JSON.stringify({ message: 'Workflow was started' }));
		});
	});
	await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
	const actual = (server.address() as AddressInfo).port;
	return Object.assign(state, {
		url: `http://127.0.0.1:${actual}/`,
		port: actual,
		close: async () => {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	}) as FakeProcessor;
}

const post = async (lb: LoadBalancer, body = '{"event":"whatsapp.inbound"}') => {
	const response = await fetch(`${lb.url}webhook/abc/webhook?x=1`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'messagebird-signature': 'sig' },
		body,
	});
	return {
		status: response.status,
		text: await response.text(),
		from: response.headers.get('x-from'),
	};
};

/** Waits for the balancer's next readiness checks (it checks every second). */
const untilReady = async (lb: LoadBalancer, count: number) => {
	for (let i = 0; i < 50 && lb.ready().length !== count; i++)
		await new Promise((resolve) => setTimeout(resolve, 100));
	expect(lb.ready()).toHaveLength(count);
};

describe('queue stack load balancer', () => {
	const open: Array<{ close?: () => Promise<void>; stop?: () => Promise<void> }> = [];
	afterEach(async () => {
		for (const thing of open.splice(0)) await (thing.stop ?? thing.close)?.();
	});

	it('answers 503 and forwards nothing while the processor is starting, then forwards the request unchanged', async () => {
		const processor = await fakeProcessor();
		const lb = await startLoadBalancer([processor.url]);
		open.push(lb, processor);

		const early = await post(lb);
		expect(early.status).toBe(503);
		expect(JSON.parse(early.text)).toEqual({ message: 'No webhook processor is ready' });
		expect(processor.received).toEqual([]);

		processor.ready = true;
		await untilReady(lb, 1);
		const later = await post(lb, '{"event":"whatsapp.inbound","payload":{"id":"m1"}}');
		expect(later.status).toBe(201);
		expect(JSON.parse(later.text)).toEqual({ message: 'Workflow was started' });
		expect(processor.received).toHaveLength(1);
		expect(processor.received[0]).toMatchObject({
			method: 'POST',
			url: '/webhook/abc/webhook?x=1',
			body: '{"event":"whatsapp.inbound","payload":{"id":"m1"}}',
			headers: { 'messagebird-signature': 'sig', 'content-type': 'application/json' },
		});
	});

	it('a processor that went away gets nothing until it is back and ready: 502 at once, then 503', async () => {
		const first = await fakeProcessor();
		first.ready = true;
		const lb = await startLoadBalancer([first.url]);
		open.push(lb);
		expect(lb.ready()).toEqual([first.url]);

		await first.close();
		expect((await post(lb)).status).toBe(502);
		expect(lb.ready()).toEqual([]);

		// The same port again, starting: the balancer still sends nothing there.
		const second = await fakeProcessor(first.port);
		open.push(second);
		await new Promise((resolve) => setTimeout(resolve, 1200));
		expect((await post(lb)).status).toBe(503);
		expect(second.received).toEqual([]);

		second.ready = true;
		await untilReady(lb, 1);
		expect((await post(lb)).status).toBe(201);
		expect(second.received).toHaveLength(1);
	});

	it('spreads requests over every ready processor', async () => {
		const a = await fakeProcessor();
		const b = await fakeProcessor();
		a.ready = true;
		b.ready = true;
		const lb = await startLoadBalancer([a.url, b.url]);
		open.push(lb, a, b);
		for (let i = 0; i < 4; i++) expect((await post(lb)).status).toBe(201);
		expect([a.received.length, b.received.length]).toEqual([2, 2]);
	});
});
