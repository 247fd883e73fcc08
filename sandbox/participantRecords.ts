import { invalidPayload } from './errors';
import type { SeedAccessKey } from './seed';
import type { Contact, Participant, Store } from './store';
import { newId, now } from './store';

type Body = Record<string, any>;

/**
 * Participant and contact records as conversations, messages and inbound messages need them: who joins,
 * under which name, and which contacts exist. Stores only; events are the caller's business.
 */
export class ParticipantRecords {
	constructor(private readonly store: Store) {}

	add(
		conversationId: string,
		fields: Omit<Participant, 'conversationId' | 'createdAt' | 'updatedAt' | 'avatarUrl'>,
	): Participant {
		const existing = this.store
			.participantsOf(conversationId)
			.find((p) => p.id === fields.id && p.type === fields.type);
		if (existing) return existing;
		const t = now();
		const participant: Participant = {
			...fields,
			avatarUrl: '',
			conversationId,
			createdAt: t,
			updatedAt: t,
		};
		this.store.addParticipant(participant);
		return participant;
	}

	contactFields(contact: Contact, status: Participant['status'] = 'active') {
		return {
			id: contact.id,
			type: 'contact',
			status,
			displayName: contact.displayName,
			contact: {
				identifierKey: contact.identifierKey,
				identifierValue: contact.identifierValue,
				platformAddress: contact.identifierValue,
			},
		};
	}

	accessKey(conversationId: string, key: SeedAccessKey): Participant {
		return this.add(conversationId, {
			id: key.id,
			type: 'accessKey',
			status: 'active',
			displayName: key.name,
		});
	}

	/** Finds a contact, creating it when it is named by identifier (Bird creates contacts the same way). */
	findOrCreateContact(
		workspaceId: string,
		ref: { id?: string; identifierKey?: string; identifierValue?: string; displayName?: string },
		path: string,
	): Contact {
		if (ref.identifierValue) {
			const found = this.store.contactByIdentifier(
				workspaceId,
				ref.identifierKey,
				ref.identifierValue,
			);
			if (found) return found;
			const contact: Contact = {
				id: ref.id ?? newId(),
				workspaceId,
				displayName: ref.displayName ?? '',
				identifierKey:
					ref.identifierKey ?? (ref.identifierValue.includes('@') ? 'emailaddress' : 'phonenumber'),
				identifierValue: ref.identifierValue,
			};
			this.store.data.contacts.push(contact);
			return contact;
		}
		const contact = ref.id ? this.store.contactById(workspaceId, ref.id) : undefined;
		if (!contact)
			throw invalidPayload({
				[path]: [`Contact '${ref.id ?? ''}' does not exist in this workspace`],
			});
		return contact;
	}

	/**
	 * The access key with this ID in the workspace's organization. A participant of type `accessKey` is named by
	 * the key's ID (docs/bird-api.md §3.3, §4.1); what Bird does with an ID that is no key is not documented.
	 * Inferred: 422 InvalidPayload on the field, like every other unknown reference the sandbox refuses.
	 */
	organizationKey(workspaceId: string, id: string, path: string): SeedAccessKey {
		const organizationId = this.store.workspace(workspaceId)?.organizationId;
		const key = this.store.data.seed.accessKeys.find(
			(k) => k.id === id && k.organizationId === organizationId,
		);
		if (!key)
			throw invalidPayload({ [path]: [`Access key '${id}' does not exist in this organization`] });
		return key;
	}

	displayNameOfUser(workspaceId: string, id: string): string {
		return (
			this.store.data.seed.users.find((u) => u.id === id && u.workspaceId === workspaceId)
				?.displayName ?? ''
		);
	}

	/**
	 * Contacts named only by ID must exist. Checked before anything is stored, so a 422 leaves no
	 * half-created conversation, participant or event behind (Bird rejects the request as a whole).
	 */
	assertContactsExist(
		workspaceId: string,
		refs: Body[] | null | undefined,
		path: string,
		isContact = (_ref: Body) => true,
	): void {
		(refs ?? []).forEach((ref, index) => {
			if (isContact(ref)) this.assertContactExists(workspaceId, ref, `${path}[${index}]`);
		});
	}

	assertContactExists(workspaceId: string, ref: Body, path: string): void {
		if (ref.identifierValue) return;
		if (!ref.id || !this.store.contactById(workspaceId, ref.id)) {
			throw invalidPayload({
				[path]: [`Contact '${ref.id ?? ''}' does not exist in this workspace`],
			});
		}
	}
}
