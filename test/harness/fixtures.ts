import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IDataObject } from 'n8n-workflow';

/**
 * Bird's own example payloads, copied from the API docs (../shared/bird-api/docs/) into test/fixtures/bird/:
 * conversation.get (get-conversation.md), conversation.create-whatsapp-template and
 * conversation.create-email (create-conversation.md), conversation.list, conversation.update and
 * participant.conversations (migrating-conversations-api-actions.md). A fresh copy per call, so a test
 * can change it freely.
 */
export function birdFixture(name: string): IDataObject {
	return JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'bird', `${name}.json`), 'utf8')) as IDataObject;
}
