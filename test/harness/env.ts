import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * n8n-core reads its settings (user folder, encryption key) from the environment the first time its
 * DI container builds them. Tests must never touch the developer's real ~/.n8n, so every jest worker
 * gets a throw-away folder. Imported by the harness before anything from n8n-core runs.
 */
if (!process.env.N8N_USER_FOLDER || !process.env.N8N_USER_FOLDER.includes('bird-harness-')) {
	process.env.N8N_USER_FOLDER = mkdtempSync(join(tmpdir(), 'bird-harness-'));
}
process.env.N8N_ENCRYPTION_KEY ??= 'bird-harness-test-encryption-key';
process.env.N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS = 'false';
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';

export const HARNESS_USER_FOLDER = process.env.N8N_USER_FOLDER;
