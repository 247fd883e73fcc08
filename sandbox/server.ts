import * as fs from 'fs';

import multipart from '@fastify/multipart';
import Fastify, { type FastifyInstance } from 'fastify';

import type { SandboxContext } from './context';
import { Domain } from './domain';
import { BirdHttpError } from './errors';
import { Faults } from './faults';
import { registerChannelRoutes } from './routes/channels';
import { registerControlRoutes } from './routes/control';
import { registerConversationRoutes } from './routes/conversations';
import { registerMediaRoutes } from './routes/media';
import { registerMessageRoutes } from './routes/messages';
import { registerParticipantRoutes } from './routes/participants';
import { registerWebhookRoutes } from './routes/webhooks';
import { DEMO, demoSeed, emptySeed, type SeedData } from './seed';
import { loadSeedConversations } from './seedLoader';
import { Store } from './store';
import { Webhooks } from './webhooks';

export { DEMO };

export interface SandboxOptions {
	host?: string;
	port?: number;
	/** 'demo' (default), 'empty' (tenancy only), or a path to a seed JSON file. */
	seed?: 'demo' | 'empty' | string;
	/** Bird's per-workspace rate limits; on by default, as on Bird. */
	rateLimits?: boolean;
	/** Also accept http://127.0.0.1 / localhost webhook URLs, so a local n8n can subscribe. */
	allowLocalWebhookUrls?: boolean;
	/** Delays in ms before each webhook retry. Bird retries for 8 hours; tests compress it. */
	retrySchedule?: number[];
	/** Time between message status steps (accepted → processing → sent → delivered); 0 keeps messages accepted. */
	statusProgressionMs?: number;
	/** Persist state to this file and load it on start. */
	dataFile?: string;
	deliveryTimeoutMs?: number;
	/** How long a media download link (the pre-signed URL a media URL redirects to) stays valid; default 900 s. */
	mediaLinkTtlSeconds?: number;
	/**
	 * Base URL that clients reach the sandbox at, used in the `uploadUrl` and `mediaUrl` it hands out
	 * (e.g. `http://sandbox:4010` in a compose network). Defaults to the listen address, with 0.0.0.0 / ::
	 * replaced by 127.0.0.1, since an unspecified address is something to listen on, not to connect to.
	 */
	publicUrl?: string;
}

export interface Sandbox {
	/** Where this process can reach the sandbox (the listen address; 127.0.0.1 for 0.0.0.0 / ::). */
	url: string;
	/** The base of the upload and media URLs: `publicUrl` if given, else `url`. */
	publicUrl: string;
	port: number;
	app: FastifyInstance;
	context: SandboxContext;
	close(): Promise<void>;
}

function loadSeed(seed: SandboxOptions['seed']): SeedData {
	if (!seed || seed === 'demo') return demoSeed();
	if (seed === 'empty') return emptySeed();
	return JSON.parse(fs.readFileSync(seed, 'utf8')) as SeedData;
}

const UNSPECIFIED_HOSTS = new Set(['', '0.0.0.0', '::', '[::]', '0:0:0:0:0:0:0:0']);

/** A URL a client can connect to for this listen host: never 0.0.0.0 / ::, IPv6 literals in brackets. */
function connectableUrl(host: string, port: number): string {
	if (UNSPECIFIED_HOSTS.has(host)) return `http://127.0.0.1:${port}`;
	return host.includes(':') && !host.startsWith('[')
		? `http://[${host}]:${port}`
		: `http://${host}:${port}`;
}

/** `--public-url` must be an absolute http(s) URL; a trailing slash is dropped so paths can be appended. */
function normalisePublicUrl(value: string): string {
	let parsed: URL;
	try {
		parsed = new URL(value);
	} catch {
		throw new Error(`publicUrl '${value}' is not an absolute URL, e.g. http://sandbox:4010`);
	}
	if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
		throw new Error(`publicUrl '${value}' must be http:// or https://`);
	if (parsed.search || parsed.hash)
		throw new Error(`publicUrl '${value}' must not have a query or fragment`);
	return parsed.toString().replace(/\/+$/, '');
}

const workspaceInPath = /\/workspaces\/([^/?]+)/;

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	// Checked before listening, so a bad value fails the start instead of handing out broken URLs later.
	const publicUrlOption =
		options.publicUrl === undefined ? undefined : normalisePublicUrl(options.publicUrl);
	const seed = loadSeed(options.seed);
	// Kept untouched for /_sandbox/reset: a reset goes back to the seed this sandbox started with (a custom
	// seed file's organizations, workspaces and keys included), not to the built-in demo data.
	const startSeed = structuredClone(seed);
	const startSeedName = options.seed ?? 'demo';
	const store = new Store(seed, options.dataFile);
	const fresh = !(options.dataFile && fs.existsSync(options.dataFile));
	let baseUrl = '';
	const faults = new Faults(options.rateLimits !== false);
	const webhooks = new Webhooks(store, {
		allowLocalWebhookUrls: options.allowLocalWebhookUrls === true,
		retrySchedule: options.retrySchedule ?? [
			60_000, 300_000, 900_000, 1_800_000, 3_600_000, 7_200_000, 14_400_000,
		],
		deliveryTimeoutMs: options.deliveryTimeoutMs ?? 10_000,
	});
	const domain = new Domain(store, webhooks.onEvent, {
		statusProgressionMs: options.statusProgressionMs ?? 2_000,
	});
	if (fresh) loadSeedConversations(store, seed);
	const context: SandboxContext = {
		store,
		domain,
		webhooks,
		faults,
		baseUrl: () => baseUrl,
		mediaLinkTtlSeconds: options.mediaLinkTtlSeconds ?? 900,
	};

	const app = Fastify({ logger: false, bodyLimit: 110 * 1024 * 1024 });
	// Clients send DELETEs and GETs with a JSON content type and no body; Bird accepts those.
	app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
		const text = String(body);
		if (!text.trim()) return done(null, undefined);
		try {
			done(null, JSON.parse(text));
		} catch {
			done(
				new BirdHttpError(400, 'InvalidRequest', 'The request body is not valid JSON'),
				undefined,
			);
		}
	});
	await app.register(multipart);

	app.addHook('onRequest', async (request, reply) => {
		if (request.url.startsWith('/_sandbox')) return;
		if (faults.settings.latencyMs > 0)
			await new Promise((resolve) => setTimeout(resolve, faults.settings.latencyMs));
		if (faults.takeDrop())
			(request as unknown as { dropConnection: boolean }).dropConnection = true;
		faults.takeFailure();
		faults.checkRateLimit(workspaceInPath.exec(request.url)?.[1], request.method);
		void reply;
	});

	// "A connection dropped mid-response": the request was processed, the answer never arrives whole.
	app.addHook('onSend', async (request, reply, payload) => {
		if ((request as unknown as { dropConnection?: boolean }).dropConnection) {
			const socket = request.raw.socket;
			socket.write(
				`HTTP/1.1 ${reply.statusCode} OK\r\ncontent-type: application/json\r\ncontent-length: 4096\r\n\r\n{"partial":`,
			);
			socket.destroy();
		}
		return payload;
	});

	let saveTimer: NodeJS.Timeout | undefined;
	app.addHook('onResponse', async (request) => {
		if (!options.dataFile || request.method === 'GET' || saveTimer) return;
		saveTimer = setTimeout(() => {
			saveTimer = undefined;
			store.save();
		}, 200);
	});

	app.setErrorHandler((error, _request, reply) => {
		if (error instanceof BirdHttpError) {
			return reply.code(error.statusCode).headers(error.headers).send(error.toBody());
		}
		const status = (error as { statusCode?: number }).statusCode;
		if (status && status >= 400 && status < 500) {
			return reply
				.code(status === 413 ? 413 : 400)
				.send({ code: 'InvalidRequest', message: (error as Error).message });
		}
		return reply
			.code(500)
			.send({ code: 'InternalServerError', message: 'The sandbox failed to handle this request' });
	});
	app.setNotFoundHandler((request, reply) =>
		reply.code(404).send({
			code: 'ResourceNotFound',
			message: `No route ${request.method} ${request.url.split('?')[0]}`,
		}),
	);

	registerConversationRoutes(app, context);
	registerMessageRoutes(app, context);
	registerParticipantRoutes(app, context);
	registerMediaRoutes(app, context);
	registerChannelRoutes(app, context);
	registerWebhookRoutes(app, context);
	registerControlRoutes(app, context, {
		reset(name) {
			domain.close();
			webhooks.cancelRetries();
			const next =
				name === 'empty' ? emptySeed() : name === 'demo' ? demoSeed() : structuredClone(startSeed);
			store.reset(next);
			// The empty seed has no conversations, so this is a no-op for it.
			loadSeedConversations(store, store.data.seed);
			faults.reset();
			return name ?? startSeedName;
		},
	});

	const host = options.host ?? '127.0.0.1';
	const address = await app.listen({ host, port: options.port ?? 4010 });
	const port = Number(new URL(address).port);
	const url = connectableUrl(host, port);
	baseUrl = publicUrlOption ?? url;

	return {
		url,
		publicUrl: baseUrl,
		port,
		app,
		context,
		async close() {
			if (saveTimer) clearTimeout(saveTimer);
			webhooks.close();
			domain.close();
			if (options.dataFile) store.save();
			await app.close();
		},
	};
}
