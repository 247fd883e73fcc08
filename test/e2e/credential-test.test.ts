/**
 * The credential test as users meet it: n8n's editor posts the credential to /rest/credentials/test and
 * n8n runs the credential's own test request against Bird (here, the sandbox). A good key passes; a bad
 * key and a bad workspace fail with a message that names the field to fix and never echoes the key.
 */
import { testCredentialWith, WRONG_SECRET } from '../harness/credential-test';
import { DEMO, startE2eStack, type E2eStack } from '../harness/e2e';

jest.setTimeout(120_000);

describe('credential test through n8n', () => {
	let stack: E2eStack;

	beforeAll(async () => {
		stack = await startE2eStack();
	});
	afterAll(async () => {
		await stack?.close();
	});

	const testWith = (name: string, data: Record<string, string>) =>
		testCredentialWith(stack, name, data);

	it('succeeds for the demo access key on its workspace', async () => {
		expect(await testWith('good', {})).toMatchObject({ status: 'OK' });
	});

	it('fails for a wrong access key, naming the Access Key', async () => {
		const result = await testWith('bad key', { accessKey: WRONG_SECRET });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/rejected the Access Key \(401\)/);
	});

	it('fails for a workspace the key may not use, naming the Workspace ID', async () => {
		const result = await testWith('other workspace', { workspaceId: DEMO.otherWorkspaceId });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/\(403\)/);
		expect(result.message).toContain('Workspace ID');
	});

	it('fails for a workspace that does not exist, naming the Workspace ID', async () => {
		const result = await testWith('unknown workspace', {
			workspaceId: '00000000-0000-4000-8000-000000000000',
		});
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/no workspace with this Workspace ID \(404\)/);
	});

	it('fails for a workspace ID that is not a UUID, naming the Workspace ID', async () => {
		const result = await testWith('malformed workspace', { workspaceId: 'my-workspace' });
		expect(result.status).toBe('Error');
		expect(result.message).toContain('Workspace ID');
	});

	it('is also available through the public API for a stored credential', async () => {
		const bad = await stack.n8n.client.createCredential({
			name: 'bad key (public API)',
			type: 'birdConversationsApi',
			data: {
				accessKey: WRONG_SECRET,
				workspaceId: DEMO.workspaceId,
				organizationId: DEMO.organizationId,
				baseUrl: stack.sandbox.url,
			},
		});
		const viaApi = await stack.n8n.client.api<{ status: string; message: string }>(
			'POST',
			`/credentials/${bad.id}/test`,
		);
		expect(viaApi.status).toBe('Error');
		expect(viaApi.message).toMatch(/\(401\)/);
		expect(
			await stack.n8n.client.api('POST', `/credentials/${stack.credential.id}/test`),
		).toMatchObject({ status: 'OK' });
	});
});
