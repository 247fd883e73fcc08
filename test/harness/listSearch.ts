import './env';

import { LoadOptionsContext } from 'n8n-core';
import type { INode, INodeListSearchResult, INodeType } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { BIRD_CREDENTIAL_TYPE, birdCredentials, type BirdTestCredentials } from './bird';
import { TestCredentialsHelper } from './credentials';
import { BIRD_NODE_TYPE, loadSourceCredentialTypes, sourceNodeTypes } from './nodeTypes';
import { buildAdditionalData } from './run';
import { ExecutionLifecycleHooks } from 'n8n-core';

/**
 * Calls one of the Bird node's `methods.listSearch` functions the way the editor does (a
 * LoadOptionsContext over a one-node workflow), e.g. for the conversation picker.
 */
export async function callListSearch(
	method: string,
	filter?: string,
	paginationToken?: string,
	credentials: Partial<BirdTestCredentials> = {},
): Promise<INodeListSearchResult> {
	const nodeTypes = sourceNodeTypes();
	const nodeType = nodeTypes.getByNameAndVersion(BIRD_NODE_TYPE, 1) as INodeType;
	const search = nodeType.methods?.listSearch?.[method];
	if (!search) throw new Error(`The Bird node has no listSearch method "${method}"`);
	const node: INode = {
		id: 'n-bird',
		name: 'Bird',
		type: BIRD_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { [BIRD_CREDENTIAL_TYPE]: { id: 'cred-1', name: 'Bird test' } },
	};
	const workflow = new Workflow({
		id: 'harness-list-search',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes,
	});
	const helper = new TestCredentialsHelper(loadSourceCredentialTypes(), {
		[BIRD_CREDENTIAL_TYPE]: { ...birdCredentials(credentials) },
	});
	const hooks = new ExecutionLifecycleHooks('manual', 'harness-list-search', {
		id: 'harness-list-search',
		name: 'list search',
		active: false,
		nodes: [node],
		connections: {},
	} as never);
	const context = new LoadOptionsContext(
		workflow,
		node,
		buildAdditionalData(helper, hooks, 'harness-list-search'),
		'parameters',
	);
	return await search.call(context, filter, paginationToken);
}
