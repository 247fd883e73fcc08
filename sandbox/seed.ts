/**
 * Fixed demo data for the sandbox. Tests, the demo and the benchmarks all use these IDs, so they are
 * constants rather than random. The secrets are sandbox-only values, never real Bird keys.
 */
export const DEMO = {
	organizationId: 'a3c1f0de-5b7e-4c2a-9d1f-0e6b8a4c2d11',
	workspaceId: '5f0c7d2e-8a41-4b6e-9c3d-2e7f1a9b4c60',
	otherWorkspaceId: '7e2d9c4b-1f3a-4d8e-b5c6-9a0f2e4d6b18',
	accessKey: {
		id: '2d7e4f1a-9c3b-4e8d-a6f5-1b0c9d8e7f36',
		secret: 'sandbox-demo-access-key',
		name: 'Demo access key',
	},
	otherAccessKey: {
		id: '8a6b4c2d-0e1f-4a3b-9c5d-7e6f8a9b0c14',
		secret: 'sandbox-other-workspace-key',
		name: 'Other workspace key',
	},
	channels: {
		whatsapp: '6a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c41',
		sms: '6a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c42',
		email: '6a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c43',
	},
	contacts: {
		john: {
			id: 'c0a1b2c3-d4e5-4f60-8172-8394a5b6c701',
			name: 'John Doe',
			identifierKey: 'phonenumber',
			identifierValue: '+31612345678',
		},
		jane: {
			id: 'c0a1b2c3-d4e5-4f60-8172-8394a5b6c702',
			name: 'Jane Doe',
			identifierKey: 'emailaddress',
			identifierValue: 'jane.doe@example.com',
		},
		maria: {
			id: 'c0a1b2c3-d4e5-4f60-8172-8394a5b6c703',
			name: 'Maria Garcia',
			identifierKey: 'phonenumber',
			identifierValue: '+34600111222',
		},
	},
	/** A second organization with its own workspace and key: nothing of the demo organization is visible to it. */
	partner: {
		organizationId: 'f4e3d2c1-b0a9-4876-9543-210fedcba987',
		workspaceId: '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e',
		accessKey: {
			id: '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f',
			secret: 'sandbox-partner-organization-key',
			name: 'Partner organization key',
		},
	},
	/** A workspace user, usable as an agent participant (type "user"). */
	agentUserId: 'e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a51',
	conversations: {
		johnWhatsapp: 'd1e2f3a4-b5c6-4d7e-8f90-a1b2c3d4e501',
		janeEmail: 'd1e2f3a4-b5c6-4d7e-8f90-a1b2c3d4e502',
		mariaSmsClosed: 'd1e2f3a4-b5c6-4d7e-8f90-a1b2c3d4e503',
	},
} as const;

export interface SeedAccessKey {
	id: string;
	secret: string;
	name: string;
	organizationId: string;
	workspaceIds: string[];
}

export interface SeedChannel {
	id: string;
	workspaceId: string;
	platform: string;
	name: string;
	conversational: 'active' | 'inactive';
	/** The channel's own address (its phone number, e-mail address…), shown on its connector. */
	address?: string;
	/** The connector's ID; derived from the channel ID when absent (sandbox/channelMessages.ts). */
	connectorId?: string;
}

export interface SeedContact {
	id: string;
	workspaceId: string;
	displayName: string;
	identifierKey: string;
	identifierValue: string;
}

export interface SeedMessage {
	from: 'contact' | 'accessKey';
	text: string;
	minutesAgo: number;
}

export interface SeedConversation {
	id: string;
	workspaceId: string;
	channelId: string;
	contactId: string;
	name: string;
	status: 'active' | 'closed';
	messages: SeedMessage[];
}

export interface SeedData {
	organizations: Array<{ id: string; name: string; workspaceIds: string[] }>;
	workspaces: Array<{ id: string; organizationId: string; name: string }>;
	accessKeys: SeedAccessKey[];
	users: Array<{ id: string; workspaceId: string; displayName: string }>;
	channels: SeedChannel[];
	contacts: SeedContact[];
	conversations: SeedConversation[];
}

/** The demo world: two organizations (the demo one has two workspaces), WhatsApp/SMS/e-mail channels, three conversations. */
export function demoSeed(): SeedData {
	const ws = DEMO.workspaceId;
	const c = DEMO.contacts;
	return {
		organizations: [
			{
				id: DEMO.organizationId,
				name: 'Demo organization',
				workspaceIds: [ws, DEMO.otherWorkspaceId],
			},
			{
				id: DEMO.partner.organizationId,
				name: 'Partner organization',
				workspaceIds: [DEMO.partner.workspaceId],
			},
		],
		workspaces: [
			{ id: ws, organizationId: DEMO.organizationId, name: 'Demo workspace' },
			{ id: DEMO.otherWorkspaceId, organizationId: DEMO.organizationId, name: 'Other workspace' },
			{
				id: DEMO.partner.workspaceId,
				organizationId: DEMO.partner.organizationId,
				name: 'Partner workspace',
			},
		],
		accessKeys: [
			{ ...DEMO.accessKey, organizationId: DEMO.organizationId, workspaceIds: [ws] },
			{
				...DEMO.otherAccessKey,
				organizationId: DEMO.organizationId,
				workspaceIds: [DEMO.otherWorkspaceId],
			},
			{
				...DEMO.partner.accessKey,
				organizationId: DEMO.partner.organizationId,
				workspaceIds: [DEMO.partner.workspaceId],
			},
		],
		users: [{ id: DEMO.agentUserId, workspaceId: ws, displayName: 'Alex Agent' }],
		channels: [
			{
				id: DEMO.channels.whatsapp,
				workspaceId: ws,
				platform: 'whatsapp',
				name: 'WhatsApp support',
				conversational: 'active',
				address: '+31970102030',
			},
			{
				id: DEMO.channels.sms,
				workspaceId: ws,
				platform: 'sms',
				name: 'SMS',
				conversational: 'active',
				address: '+31970102031',
			},
			{
				id: DEMO.channels.email,
				workspaceId: ws,
				platform: 'email',
				name: 'Support e-mail',
				conversational: 'active',
				address: 'support@demo.example',
			},
		],
		contacts: Object.values(c).map((contact) => ({
			id: contact.id,
			workspaceId: ws,
			displayName: contact.name,
			identifierKey: contact.identifierKey,
			identifierValue: contact.identifierValue,
		})),
		conversations: [
			{
				id: DEMO.conversations.johnWhatsapp,
				workspaceId: ws,
				channelId: DEMO.channels.whatsapp,
				contactId: c.john.id,
				name: '',
				status: 'active',
				messages: [
					{ from: 'contact', text: 'Hi, my order has not arrived yet.', minutesAgo: 30 },
					{
						from: 'accessKey',
						text: 'Sorry to hear that! Could you share your order number?',
						minutesAgo: 25,
					},
					{ from: 'contact', text: 'It is 12345.', minutesAgo: 20 },
				],
			},
			{
				id: DEMO.conversations.janeEmail,
				workspaceId: ws,
				channelId: DEMO.channels.email,
				contactId: c.jane.id,
				name: 'Invoice question',
				status: 'active',
				messages: [
					{ from: 'contact', text: 'Could you resend my invoice for October?', minutesAgo: 120 },
				],
			},
			{
				id: DEMO.conversations.mariaSmsClosed,
				workspaceId: ws,
				channelId: DEMO.channels.sms,
				contactId: c.maria.id,
				name: '',
				status: 'closed',
				messages: [
					{ from: 'contact', text: 'Thanks, all sorted.', minutesAgo: 600 },
					{ from: 'accessKey', text: 'Glad to help!', minutesAgo: 590 },
				],
			},
		],
	};
}

/** Only the tenancy (organizations, workspaces, keys, users, channels): for tests that want a clean slate. */
export function emptySeed(): SeedData {
	return { ...demoSeed(), contacts: [], conversations: [] };
}
