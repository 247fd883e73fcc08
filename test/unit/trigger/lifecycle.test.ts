/**
 * Bird Conversations Trigger: the webhook-subscription lifecycle against the Bird sandbox, through
 * n8n-core's HookContext (see test/harness/trigger-engine.ts).
 */
import type { Sandbox } from '../../../sandbox/server';
import { TriggerWorld } from '../../harness/trigger-engine';
import type { SandboxSubscription } from '../../harness/trigger-sandbox';
import {
	birdCall,
	DEMO,
	sandboxCredentials,
	sandboxSubscriptions,
	startTriggerSandbox,
	subscriptionsPath,
} from '../../harness/trigger-sandbox';

const PUBLIC_URL = 'http://127.0.0.1:5678';

let sb: Sandbox;

beforeAll(async () => {
	sb = await startTriggerSandbox();
});

afterAll(async () => {
	await sb.close();
});

beforeEach(async () => {
	await birdCall(sb, 'POST', '/_sandbox/reset', { seed: 'demo' });
});

function world(parameters: Record<string, unknown> = {}) {
	return new TriggerWorld({
		parameters: {
			events: ['conversation.created', 'conversation.updated', 'message.inbound'],
			platform: 'whatsapp',
			channelId: '',
			...parameters,
		} as never,
		credentials: sandboxCredentials(sb),
		publicUrl: PUBLIC_URL,
	});
}

const ours = async (url: string): Promise<SandboxSubscription[]> =>
	(await sandboxSubscriptions(sb)).filter((s) => s.url === url);

interface StoredRegistration {
	url: string;
	subscriptions: Array<{
		id: string;
		event: string;
		service: string;
		signingKey: string;
		eventFilters: unknown[];
	}>;
}

const registrationOf = (w: TriggerWorld, url: string) =>
	((w.nodeStaticData().registrations ?? {}) as Record<string, StoredRegistration>)[url];

describe('create', () => {
	it('makes one Bird subscription per selected event, each with its own random ASCII signing key, and stores them under the webhook URL', async () => {
		const w = world({ channelId: DEMO.channels.whatsapp });
		expect(await w.activate()).toBe(true);

		const url = w.url('production');
		const onBird = await ours(url);
		expect(onBird.map((s) => `${s.service}/${s.event}`).sort()).toEqual([
			'channels/whatsapp.inbound',
			'conversations/conversation.created',
			'conversations/conversation.updated',
		]);
		for (const s of onBird)
			expect(s.eventFilters).toEqual([{ key: 'channelId', value: DEMO.channels.whatsapp }]);

		const stored = registrationOf(w, url);
		expect(stored.url).toBe(url);
		expect(stored.subscriptions.map((s) => s.id).sort()).toEqual(onBird.map((s) => s.id).sort());
		const keys = stored.subscriptions.map((s) => s.signingKey);
		expect(new Set(keys).size).toBe(3);
		for (const key of keys) {
			// ≥ 32 random bytes as base64url: 43 ASCII characters from a 64-letter alphabet.
			expect(key).toMatch(/^[A-Za-z0-9_-]{43,}$/);
			// Bird signs with the key n8n chose.
			expect(onBird.find((s) => s.signingKey === key)).toBeDefined();
		}
	});

	it('sends no eventFilters entry when Channel ID is empty', async () => {
		const w = world({ events: ['conversation.created'] });
		await w.activate();
		const [only] = await ours(w.url('production'));
		expect(only.eventFilters).toEqual([]);
	});
});

describe('checkExists', () => {
	it('returns false when nothing is stored for this URL', async () => {
		expect(await world().hook('checkExists')).toBe(false);
	});

	it('recognises its own subscriptions after a restart (same static data, fresh process) and creates no duplicate', async () => {
		const first = world();
		await first.activate();
		const before = await sandboxSubscriptions(sb);

		const restarted = first.restart();
		expect(await restarted.activate()).toBe(false);
		expect(await sandboxSubscriptions(sb)).toEqual(before);
		expect(restarted.nodeStaticData()).toEqual(first.nodeStaticData());
	});

	it('rebuilds all subscriptions when one was deleted on Bird’s side, leaving no leftovers', async () => {
		const w = world();
		await w.activate();
		const url = w.url('production');
		const old = await ours(url);
		const victim = old.find((s) => s.event === 'conversation.updated') as SandboxSubscription;
		expect((await birdCall(sb, 'DELETE', `${subscriptionsPath()}/${victim.id}`)).status).toBe(204);

		const restarted = w.restart();
		expect(await restarted.activate()).toBe(true);
		const now = await ours(url);
		expect(now).toHaveLength(3);
		expect(now.map((s) => s.event).sort()).toEqual([
			'conversation.created',
			'conversation.updated',
			'whatsapp.inbound',
		]);
		// The two survivors were removed before the rebuild, so nothing is doubled and every key is new.
		for (const s of now) expect(old.map((o) => o.id)).not.toContain(s.id);
		const stored = registrationOf(restarted, url);
		expect(stored.subscriptions.map((s) => s.id).sort()).toEqual(now.map((s) => s.id).sort());
	});

	it('rebuilds when a subscription was changed on Bird’s side (URL, filters) or deactivated', async () => {
		for (const change of [
			{ url: 'https://elsewhere.example.com/hook' },
			{ eventFilters: [{ key: 'channelId', value: DEMO.channels.sms }] },
			{ status: 'inactive' },
		]) {
			await birdCall(sb, 'POST', '/_sandbox/reset', { seed: 'demo' });
			const w = world({ events: ['conversation.created'] });
			await w.activate();
			const [subscription] = await ours(w.url('production'));
			expect(
				(await birdCall(sb, 'PATCH', `${subscriptionsPath()}/${subscription.id}`, change)).status,
			).toBe(200);

			expect(await w.hook('checkExists')).toBe(false);
			// The changed one is gone too: it no longer matched, so it was cleaned up, not left to fire elsewhere.
			expect((await sandboxSubscriptions(sb)).map((s) => s.id)).not.toContain(subscription.id);
		}
	});

	it('rebuilds when the node’s events or channel filter changed since the subscriptions were made', async () => {
		const w = world({ events: ['conversation.created'] });
		await w.activate();
		const edited = w.restart({
			parameters: {
				events: ['conversation.created'],
				channelId: DEMO.channels.email,
				platform: 'whatsapp',
			},
		});
		expect(await edited.activate()).toBe(true);
		const [only, ...rest] = await sandboxSubscriptions(sb);
		expect(rest).toHaveLength(0);
		expect(only.eventFilters).toEqual([{ key: 'channelId', value: DEMO.channels.email }]);
	});

	it('keeps the subscriptions (answers true, creates nothing) while Bird is briefly unreachable', async () => {
		const w = world({ events: ['conversation.created'] });
		await w.activate();
		const before = await sandboxSubscriptions(sb);
		await birdCall(sb, 'POST', '/_sandbox/faults', { failNext: { count: 2, status: 503 } });
		expect(await w.hook('checkExists')).toBe(true);
		expect(await sandboxSubscriptions(sb)).toEqual(before);
	});

	it('fails with a clear error when the access key is rejected (misconfiguration, not an outage)', async () => {
		const w = world({ events: ['conversation.created'] });
		await w.activate();
		const badKey = w.restart({
			credentials: { ...sandboxCredentials(sb), accessKey: 'revoked-key-0000' },
		});
		const error = await badKey.hook('checkExists').catch((e: Error) => e);
		expect(error).toBeInstanceOf(Error);
		expect((error as Error).message).toMatch(/access key \(401\)/);
		expect(JSON.stringify(error)).not.toContain('revoked-key-0000');
	});
});

describe('create failures', () => {
	it('removes what it already made when a later subscription fails, and says which event failed', async () => {
		// A platform Bird does not know: the sandbox refuses its event with 422 (docs/bird-api.md §7.3), after
		// conversation.created was made. (A full combination is refused before anything is made; see
		// event-filters.test.ts.)
		const other = await birdCall(sb, 'POST', subscriptionsPath(), {
			service: 'conversations',
			event: 'conversation.updated',
			eventFilters: [],
			url: 'https://other.example.com/hook',
		});
		expect(other.status).toBe(201);
		const othersBefore = await sandboxSubscriptions(sb);

		const w = world({
			events: ['conversation.created', 'message.inbound'],
			platform: 'no platform',
		});
		const error = await w.activate().catch((e: Error) => e);
		expect(error).toBeInstanceOf(Error);
		expect((error as Error).message).toContain('Could not subscribe to "no platform.inbound"');
		// Bird's own code and field details stay visible, and the user learns what was undone.
		expect((error as { description?: string }).description).toContain('InvalidPayload');
		expect((error as { description?: string }).description).toContain('.event');
		expect((error as { description?: string }).description).toContain(
			'1 subscription(s) already made for other events were removed again',
		);
		// conversation.created had been made first; it is gone again, and the other subscription is untouched.
		expect(await sandboxSubscriptions(sb)).toEqual(othersBefore);
		expect(registrationOf(w, w.url('production'))).toBeUndefined();
	});

	it('refuses to activate without an Organization ID, naming the credential field, before calling Bird', async () => {
		const w = new TriggerWorld({
			parameters: { events: ['conversation.created'] },
			credentials: { ...sandboxCredentials(sb), organizationId: '  ' },
			publicUrl: PUBLIC_URL,
		});
		const error = await w.activate().catch((e: Error) => e);
		expect((error as Error).message).toMatch(/Organization ID/);
		expect((error as { description?: string }).description).toMatch(/credential/);
		expect(await sandboxSubscriptions(sb)).toEqual([]);
	});

	it('refuses an empty event list', async () => {
		const error = await world({ events: [] })
			.activate()
			.catch((e: Error) => e);
		expect((error as Error).message).toMatch(/Events/);
		expect(await sandboxSubscriptions(sb)).toEqual([]);
	});

	it('removes subscriptions Bird still has for this URL that static data forgot (no duplicates, no 401 storms)', async () => {
		const w = world({ events: ['conversation.created'] });
		const url = w.url('production');
		const orphan = await birdCall(sb, 'POST', subscriptionsPath(), {
			service: 'conversations',
			event: 'conversation.created',
			eventFilters: [],
			url,
			signingKey: 'lost-key-lost-key-lost-key-lost-key-0000',
		});
		const unrelated = await birdCall(sb, 'POST', subscriptionsPath(), {
			service: 'conversations',
			event: 'conversation.created',
			eventFilters: [],
			url: 'https://someone-else.example.com/hook',
		});

		expect(await w.activate()).toBe(true);
		const ids = (await sandboxSubscriptions(sb)).map((s) => s.id);
		expect(ids).not.toContain(orphan.data.id);
		expect(ids).toContain(unrelated.data.id);
		expect(await ours(url)).toHaveLength(1);
	});
});

describe('delete', () => {
	it('removes every subscription of this URL and forgets them', async () => {
		const w = world();
		await w.activate();
		expect(await w.deactivate()).toBe(true);
		expect(await sandboxSubscriptions(sb)).toEqual([]);
		expect(registrationOf(w, w.url('production'))).toBeUndefined();
	});

	it('tolerates subscriptions Bird already deleted (404)', async () => {
		const w = world();
		await w.activate();
		const [gone] = await ours(w.url('production'));
		await birdCall(sb, 'DELETE', `${subscriptionsPath()}/${gone.id}`);

		expect(await w.deactivate()).toBe(true);
		expect(await sandboxSubscriptions(sb)).toEqual([]);
		expect(registrationOf(w, w.url('production'))).toBeUndefined();
	});

	it('keeps what it could not delete, so n8n’s retry of delete can finish the job', async () => {
		const w = world({ events: ['conversation.created'] });
		await w.activate();
		await birdCall(sb, 'POST', '/_sandbox/faults', { failNext: { count: 10, status: 500 } });
		expect(await w.deactivate()).toBe(false);
		await birdCall(sb, 'POST', '/_sandbox/faults', { failNext: { count: 0, status: 500 } });
		expect(registrationOf(w, w.url('production')).subscriptions).toHaveLength(1);

		expect(await w.deactivate()).toBe(true);
		expect(await sandboxSubscriptions(sb)).toEqual([]);
	});

	it('does nothing for a URL it never registered', async () => {
		expect(await world().deactivate()).toBe(true);
	});
});

describe('a changed WEBHOOK_URL', () => {
	it('removes the production subscriptions of the old URL when the workflow is activated under the new one', async () => {
		const before = world({ events: ['conversation.created'] });
		await before.activate();
		await before.activate('test');
		const oldUrl = before.url('production');

		// n8n restarted with another WEBHOOK_URL; the user re-activates the workflow.
		const after = before.restart({ publicUrl: 'http://127.0.0.1:5679' });
		expect(await after.activate()).toBe(true);
		expect(await ours(oldUrl)).toEqual([]);
		expect(await ours(after.url('production'))).toHaveLength(1);
		// The editor's test registration is not production's business.
		expect(await ours(before.url('test'))).toHaveLength(1);
		const registrations = after.nodeStaticData().registrations as Record<
			string,
			StoredRegistration & { mode: string }
		>;
		expect(Object.keys(registrations).sort()).toEqual(
			[after.url('production'), before.url('test')].sort(),
		);
		expect(registrations[after.url('production')].mode).toBe('production');
		expect(registrations[before.url('test')].mode).toBe('test');
	});

	it('removes them on deactivation too, even when the new URL was never registered', async () => {
		const before = world({ events: ['conversation.created'] });
		await before.activate();
		const after = before.restart({ publicUrl: 'http://127.0.0.1:5679' });
		expect(await after.deactivate()).toBe(true);
		expect(await sandboxSubscriptions(sb)).toEqual([]);
		expect(after.nodeStaticData().registrations).toEqual({});
	});
});

describe('test and production URLs', () => {
	it('coexist: "Listen for test event" registers and removes its own subscriptions without touching production', async () => {
		const w = world({ events: ['conversation.created'] });
		await w.activate('production');
		const production = await ours(w.url('production'));

		expect(await w.activate('test')).toBe(true);
		expect(w.url('test')).toContain('/webhook-test/');
		expect(await ours(w.url('test'))).toHaveLength(1);
		expect(await ours(w.url('production'))).toEqual(production);
		const registrations = w.nodeStaticData().registrations as Record<string, StoredRegistration>;
		expect(Object.keys(registrations).sort()).toEqual([w.url('production'), w.url('test')].sort());

		expect(await w.deactivate('test')).toBe(true);
		expect(await ours(w.url('test'))).toEqual([]);
		expect(await ours(w.url('production'))).toEqual(production);
		expect(await w.hook('checkExists', 'production')).toBe(true);
	});

	it('removing a test URL that never got registered leaves production alone (n8n removes test webhooks in its internal mode)', async () => {
		const w = world({ events: ['conversation.created'] });
		await w.activate('production');
		const production = await ours(w.url('production'));
		expect(production).toHaveLength(1);

		// "Listen for test event" whose create never stored anything (it failed, or the listen was cancelled).
		expect(await w.deactivate('test')).toBe(true);
		expect(await ours(w.url('production'))).toEqual(production);
		expect(Object.keys(w.nodeStaticData().registrations as object)).toEqual([w.url('production')]);
	});
});
