import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * n8n-core reads its settings (user folder, encryption key) from the environment the first time its
 * DI container builds them. Tests must never touch the developer's real ~/.n8n, so they use one fixed
 * folder under the OS temp dir (n8n-core only keeps a small settings file there). A fixed folder, not
 * one per jest worker: workers are killed without an exit hook, and per-worker folders piled up.
 * Imported by the harness before anything from n8n-core runs.
 */
const folder = join(tmpdir(), 'bird-conversations-harness-n8n');
mkdirSync(folder, { recursive: true });
process.env.N8N_USER_FOLDER = folder;
process.env.N8N_ENCRYPTION_KEY = 'bird-harness-test-encryption-key';
process.env.N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS = 'false';
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';

export const HARNESS_USER_FOLDER = folder;
