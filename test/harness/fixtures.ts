import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IDataObject } from 'n8n-workflow';

const FIXTURES = join(__dirname, '..', 'fixtures', 'bird');

/**
 * Bird's own example payloads from its API reference on docs.bird.com, stored in test/fixtures/bird/:
 * conversation.get (get conversation), conversation.create-whatsapp-template and conversation.create-email
 * (create conversation), conversation.list, conversation.update and participant.conversations (Bird's
 * Conversations API migration guide). A fresh copy per call, so a test can change it freely.
 */
export function birdFixture(name: string): IDataObject {
	return JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8')) as IDataObject;
}

/**
 * An example from test/fixtures/bird/docs.<name>.json: `{ source, note, example }`, where `source` is the
 * docs.bird.com page it was copied from and `note` says what, if anything, had to be completed. Returns a
 * fresh copy of `example`.
 */
export function birdDocsExample(name: string): IDataObject {
	const fixture = JSON.parse(readFileSync(join(FIXTURES, `docs.${name}.json`), 'utf8')) as {
		source: string;
		example: IDataObject;
	};
	if (!fixture.source.startsWith('https://docs.bird.com/'))
		throw new Error(`docs.${name}.json names no docs.bird.com source`);
	return fixture.example;
}
