import '../../harness/env';

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PackageDirectoryLoader } from 'n8n-core';

const root = join(__dirname, '..', '..', '..');
const { n8n } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
	n8n: { nodes: string[]; credentials: string[] };
};
const listed = [...n8n.nodes, ...n8n.credentials];
const notBuilt = listed.filter((file) => !existsSync(join(root, file)));
const built = notBuilt.length === 0;
const title = built
	? 'PackageDirectoryLoader on the built package'
	: `PackageDirectoryLoader on the built package — SKIPPED: ${notBuilt.join(', ')} not built; run \`npm run build\` first`;

// Unit tests load our classes from source; this one checks that the *built* package loads the way
// n8n loads a community package (package.json "n8n" block → dist/). It needs `npm run build` first,
// which `npm test` always does, so it is skipped only when a file the package.json lists is not built.
(built ? describe : describe.skip)(title, () => {
	it('loads the three nodes and the credential from dist/', async () => {
		const loader = new PackageDirectoryLoader(root);
		await loader.loadAll();
		expect(loader.packageName).toBe('n8n-nodes-bird-conversations');
		expect(Object.keys(loader.nodeTypes).sort()).toEqual([
			'birdConversations',
			'birdConversationsSendAndWait',
			'birdConversationsTrigger',
		]);
		expect(Object.keys(loader.credentialTypes)).toEqual(['birdConversationsApi']);
		const action = loader.getNode('birdConversations').type as {
			description: { usableAsTool?: boolean; version: number };
		};
		expect(action.description.version).toBe(1);
		expect(action.description.usableAsTool).toBe(true);
		expect(loader.nodesByCredential.birdConversationsApi).toEqual(
			expect.arrayContaining([
				'birdConversations',
				'birdConversationsSendAndWait',
				'birdConversationsTrigger',
			]),
		);
	});
});
