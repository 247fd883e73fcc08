import { randomUUID } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

import type { Conversation, Message, Participant, StateData } from './records';
import type { SeedData } from './seed';

// The stored records live in records.ts; importers keep using './store'.
export * from './records';

export const newId = (): string => randomUUID();

/**
 * Monotonic ISO timestamps: two things created in the same millisecond still sort in creation order,
 * which keeps pagination stable.
 */
let lastTime = 0;
export function now(): string {
	const t = Math.max(Date.now(), lastTime + 1);
	lastTime = t;
	return new Date(t).toISOString();
}

export class Store {
	data: StateData;

	// Indexes by conversation, so listing 50,000 conversations stays linear (benchmarks rely on it).
	private conversationsById = new Map<string, Conversation>();
	private participantsByConversation = new Map<string, Participant[]>();
	private messagesByConversation = new Map<string, Message[]>();
	// Each workspace's listable conversations in list order, rebuilt only after a conversation is added,
	// deleted or the state replaced, so a page of a long listing is a binary search, not a scan.
	private conversationsVersion = 0;
	private listCache = new Map<string, { version: number; items: Conversation[] }>();

	constructor(
		seed: SeedData,
		private readonly dataFile?: string,
	) {
		this.data = Store.fromSeed(seed);
		if (dataFile && fs.existsSync(dataFile)) {
			this.data = JSON.parse(fs.readFileSync(dataFile, 'utf8')) as StateData;
		}
		this.reindex();
	}

	private reindex(): void {
		this.conversationsVersion++;
		this.conversationsById = new Map(this.data.conversations.map((c) => [c.id, c]));
		this.participantsByConversation = new Map();
		for (const p of this.data.participants)
			this.listFor(this.participantsByConversation, p.conversationId).push(p);
		this.messagesByConversation = new Map();
		for (const m of this.data.messages)
			this.listFor(this.messagesByConversation, m.conversationId).push(m);
	}

	private listFor<T>(index: Map<string, T[]>, conversationId: string): T[] {
		let list = index.get(conversationId);
		if (!list) {
			list = [];
			index.set(conversationId, list);
		}
		return list;
	}

	addConversation(conversation: Conversation): void {
		this.conversationsVersion++;
		this.data.conversations.push(conversation);
		this.conversationsById.set(conversation.id, conversation);
	}

	addParticipant(participant: Participant): void {
		this.data.participants.push(participant);
		this.listFor(this.participantsByConversation, participant.conversationId).push(participant);
	}

	removeParticipant(participant: Participant): void {
		this.data.participants = this.data.participants.filter((p) => p !== participant);
		const list = this.listFor(this.participantsByConversation, participant.conversationId);
		list.splice(list.indexOf(participant), 1);
	}

	addMessage(message: Message): void {
		this.data.messages.push(message);
		this.listFor(this.messagesByConversation, message.conversationId).push(message);
	}

	removeMessage(message: Message): void {
		this.data.messages = this.data.messages.filter((m) => m !== message);
		const list = this.listFor(this.messagesByConversation, message.conversationId);
		list.splice(list.indexOf(message), 1);
	}

	static fromSeed(seed: SeedData): StateData {
		const channelConfig: StateData['channelConfig'] = {};
		const t = new Date(Date.now() - 86_400_000).toISOString();
		for (const channel of seed.channels) {
			channelConfig[channel.id] = { status: channel.conversational, createdAt: t, updatedAt: t };
		}
		return {
			seed,
			contacts: seed.contacts.map((c) => ({ ...c })),
			conversations: [],
			participants: [],
			messages: [],
			subscriptions: [],
			deliveries: [],
			media: [],
			channelConfig,
		};
	}

	/** A conversation left or joined the lists (e.g. it was deleted). */
	conversationsChanged(): void {
		this.conversationsVersion++;
	}

	/** The workspace's conversations that lists show (not deleted), ascending by creation time and ID. */
	listableConversations(workspaceId: string): Conversation[] {
		const cached = this.listCache.get(workspaceId);
		if (cached && cached.version === this.conversationsVersion) return cached.items;
		const key = (c: Conversation) => `${c.createdAt}|${c.id}`;
		const items = this.data.conversations.filter(
			(c) => c.workspaceId === workspaceId && c.status !== 'deleted',
		);
		// Usually already in order (timestamps only grow); a loaded data file may not be.
		if (items.some((c, i) => i > 0 && key(items[i - 1]) > key(c)))
			items.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
		this.listCache.set(workspaceId, { version: this.conversationsVersion, items });
		return items;
	}

	reset(seed: SeedData): void {
		this.data = Store.fromSeed(seed);
		this.reindex();
	}

	/**
	 * Writes the state to the --data file, if one was given (debounced by the caller). The JSON goes to a
	 * temporary file in the same folder first and is renamed over the data file: a rename within one file
	 * system replaces it in one step, so a crash, a full disk or Ctrl-C mid-write leaves the previous state
	 * whole instead of a truncated file that the next start cannot parse.
	 */
	save(): void {
		if (!this.dataFile) return;
		const temporary = path.join(
			path.dirname(this.dataFile),
			`.${path.basename(this.dataFile)}.${process.pid}.tmp`,
		);
		try {
			fs.writeFileSync(temporary, JSON.stringify(this.data));
			fs.renameSync(temporary, this.dataFile);
		} catch (error) {
			fs.rmSync(temporary, { force: true });
			throw error;
		}
	}

	workspace(id: string) {
		return this.data.seed.workspaces.find((w) => w.id === id);
	}

	accessKeyBySecret(secret: string) {
		return this.data.seed.accessKeys.find((k) => k.secret === secret);
	}

	channel(workspaceId: string, channelId: string) {
		return this.data.seed.channels.find((c) => c.id === channelId && c.workspaceId === workspaceId);
	}

	conversation(workspaceId: string, id: string) {
		const found = this.conversationsById.get(id);
		return found && found.workspaceId === workspaceId && found.status !== 'deleted'
			? found
			: undefined;
	}

	/** A copy, so callers may filter or sort it freely. */
	participantsOf(conversationId: string): Participant[] {
		return [...(this.participantsByConversation.get(conversationId) ?? [])];
	}

	messagesOf(conversationId: string): Message[] {
		return [...(this.messagesByConversation.get(conversationId) ?? [])];
	}

	message(conversationId: string, id: string) {
		return this.messagesByConversation.get(conversationId)?.find((m) => m.id === id);
	}

	contactById(workspaceId: string, id: string) {
		return this.data.contacts.find((c) => c.workspaceId === workspaceId && c.id === id);
	}

	contactByIdentifier(workspaceId: string, key: string | undefined, value: string) {
		return this.data.contacts.find(
			(c) =>
				c.workspaceId === workspaceId &&
				c.identifierValue === value &&
				(!key || c.identifierKey === key),
		);
	}
}
