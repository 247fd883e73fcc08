/**
 * Bird Conversations Trigger against api.bird.com itself (nock): Bird accepts only https:// webhook URLs
 * with a domain name, so activation must stop early and point at n8n's WEBHOOK_URL when n8n's URL cannot
 * work; a good URL is sent exactly as n8n builds it, on the organization-scoped path.
 */
import nock from 'nock';

import { DEMO_IDS, TEST_ACCESS_KEY, TEST_BASE_URL } from '../../harness';
import { TriggerWorld } from '../../harness/trigger-engine';

const PATH = `/organizations/${DEMO_IDS.organizationId}/workspaces/${DEMO_IDS.workspaceId}/webhook-subscriptions`;

function world(publicUrl: string, baseUrl = TEST_BASE_URL) {
	return new TriggerWorld({
		parameters: { events: ['conversation.created'], channelId: '' },
		credentials: {
			accessKey: TEST_ACCESS_KEY,
			workspaceId: DEMO_IDS.workspaceId,
			organizationId: DEMO_IDS.organizationId,
			baseUrl,
		},
		publicUrl,
	});
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
	const pending = nock.pendingMocks();
	nock.cleanAll();
	expect(pending).toEqual([]);
});
afterAll(() => nock.enableNetConnect());

describe('webhook URL rule when the credential points at Bird', () => {
	it.each([
		['plain http', 'http://n8n.example.com'],
		['localhost', 'http://localhost:5678'],
		['an IP address', 'https://10.0.0.5'],
		['a port', 'https://n8n.example.com:5678'],
	])('refuses %s before any call to Bird and names WEBHOOK_URL', async (_label, publicUrl) => {
		// No interceptor: any request would fail the test with a "Disallowed net connect" error instead.
		const error = await world(publicUrl)
			.activate()
			.catch((e: Error) => e);
		expect(error).toBeInstanceOf(Error);
		const text = `${(error as Error).message}\n${(error as { description?: string }).description ?? ''}`;
		expect(text).toContain('WEBHOOK_URL');
		expect(text).toContain(`${publicUrl}/webhook/`);
		expect(text).toMatch(/https:\/\//);
	});

	it('sends a public https URL as n8n builds it, with the AccessKey header, to the organization-scoped path', async () => {
		const w = world('https://n8n.example.com');
		const bodies: Array<Record<string, unknown>> = [];
		nock(TEST_BASE_URL, { reqheaders: { authorization: `AccessKey ${TEST_ACCESS_KEY}` } })
			.get(PATH)
			.query({ limit: 100 })
			.reply(200, { results: [] })
			.post(PATH, (body: Record<string, unknown>) => {
				bodies.push(body);
				return true;
			})
			.reply(201, (_uri, body) => ({
				...(body as object),
				id: '852883af-5f68-4204-b611-7ee8db9600f4',
				status: 'active',
			}));

		expect(await w.activate()).toBe(true);
		expect(bodies).toHaveLength(1);
		expect(bodies[0]).toMatchObject({
			service: 'conversations',
			event: 'conversation.created',
			eventFilters: [],
			url: w.url('production'),
		});
		expect(w.url('production')).toMatch(
			/^https:\/\/n8n\.example\.com\/webhook\/[0-9a-f-]+\/webhook$/,
		);
		expect(String(bodies[0].signingKey)).toMatch(/^[A-Za-z0-9_-]{43,}$/);
	});

	it('sends any URL unchanged when the credential points elsewhere (the sandbox or a proxy)', async () => {
		const w = world('http://127.0.0.1:5678', 'http://bird-sandbox.test:4010');
		nock('http://bird-sandbox.test:4010')
			.get(PATH)
			.query(true)
			.reply(200, { results: [] })
			.post(
				PATH,
				(body: { url?: string }) =>
					body.url === 'http://127.0.0.1:5678/webhook/0d7b6a3e-4c1f-4f8e-9b2a-6e5d4c3b2a10/webhook',
			)
			.reply(201, { id: '852883af-5f68-4204-b611-7ee8db9600f4', status: 'active' });
		expect(await w.activate()).toBe(true);
	});
});
