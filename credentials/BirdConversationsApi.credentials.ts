import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

/**
 * Access-key credential for Bird's Conversations and Notifications APIs (api.bird.com).
 * Named birdConversationsApi, not birdApi: Bird's official package already owns birdApi and
 * credential type names are global inside one n8n instance.
 */
export class BirdConversationsApi implements ICredentialType {
	name = 'birdConversationsApi';

	displayName = 'Bird Conversations API';

	icon: Icon = { light: 'file:../icons/bird.svg', dark: 'file:../icons/bird.dark.svg' };

	documentationUrl = 'https://docs.bird.com/api/api-access/api-authorization';

	properties: INodeProperties[] = [
		{
			displayName: 'Access Key',
			name: 'accessKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'The secret of a Bird access key (shown only once, when the key is created in Bird under Settings → Security → Access keys). Give the key the managed role "Application Developer", or a role that allows the conversation and webhook-subscription paths of this workspace.',
		},
		{
			displayName: 'Workspace ID',
			name: 'workspaceId',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. b4e02c85-c6d2-4b15-8885-e09671799c61',
			description:
				'The UUID of the Bird workspace. In Bird go to Organization settings → Workspaces, open the workspace menu and choose Edit; the ID is also part of the app.bird.com URL while you work in that workspace.',
		},
		{
			displayName: 'Organization ID',
			name: 'organizationId',
			type: 'string',
			default: '',
			placeholder: 'e.g. cb28a94e-8557-4394-80ea-5bbd2170d434',
			description:
				'The UUID of the Bird organization that owns the workspace, shown in the app.bird.com URL on the Access keys page. Needed only by the Bird Conversations Trigger, because Bird keeps webhook subscriptions under the organization.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.bird.com',
			description:
				'Leave as https://api.bird.com for Bird itself. Change it only to reach the local Bird sandbox (e.g. http://127.0.0.1:4010) or a proxy in front of Bird.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=AccessKey {{$credentials.accessKey}}',
			},
		},
	};

	// Lists one conversation of the workspace: proves the key, the workspace ID and the
	// key's access to that workspace in a single cheap call. Bird does not document whether a wrong key is
	// answered 401 or 403 (docs/bird-api.md §1.3), so the 403 text names both causes and never calls the key valid.
	// The expressions are BASE_URL_EXPRESSION and WORKSPACE_SEGMENT_EXPRESSION of nodes/shared/transport.ts,
	// written out because a credential does not import node code (a unit test keeps them equal): an empty
	// Base URL means Bird, and a workspace ID pasted with a trailing space or newline is trimmed, as the
	// nodes do, so the test does not fail on what the nodes accept.
	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{ (String($credentials.baseUrl ?? "").trim() || "https://api.bird.com").replace(/\\/+$/, "") }}',
			url: '=/workspaces/{{ encodeURIComponent(String($credentials.workspaceId ?? "").trim()) }}/conversations',
			qs: { limit: 1 },
			headers: { Accept: 'application/json' },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Bird rejected the Access Key (401). Check that you pasted the whole secret (not the ID) of an active access key.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'Bird refused access with this Access Key (403). Bird does not document whether a wrong key gets 401 or 403, so check both: that Access Key holds the whole secret of an active key (not its ID), and that the key belongs to this Workspace ID and has a role that may read conversations, e.g. "Application Developer".',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'Bird found no workspace with this Workspace ID (404). Copy the workspace UUID again from Organization settings → Workspaces.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 422,
					message:
						'The Workspace ID is not a valid UUID (422). It looks like b4e02c85-c6d2-4b15-8885-e09671799c61.',
				},
			},
		],
	};
}
