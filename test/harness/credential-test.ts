/**
 * n8n's credential test as the editor's "Test" button runs it (/rest/credentials/test): stores a Bird
 * credential for the stack's sandbox with `overrides`, tests it, and checks that the answer never echoes an
 * access key. Shared by test/e2e/credential-test.test.ts and queue mode (test/queue/actions.test.ts).
 */
import { DEMO, type E2eStack } from './e2e';

export const WRONG_SECRET = 'wrong-secret-123';

export async function testCredentialWith(
	stack: Pick<E2eStack, 'n8n' | 'sandbox'>,
	name: string,
	overrides: Record<string, string>,
): Promise<{ status: 'OK' | 'Error'; message: string }> {
	const credential = await stack.n8n.client.createCredential({
		name,
		type: 'birdConversationsApi',
		data: {
			accessKey: DEMO.accessKey.secret,
			workspaceId: DEMO.workspaceId,
			organizationId: DEMO.organizationId,
			baseUrl: stack.sandbox.url,
			...overrides,
		},
	});
	const result = await stack.n8n.client.testCredential(credential.id);
	for (const secret of [DEMO.accessKey.secret, DEMO.otherAccessKey.secret, WRONG_SECRET])
		expect(result.message ?? '').not.toContain(secret);
	return result;
}
