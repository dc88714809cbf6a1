// Endpoint credentials in SecretStorage, one entry per target origin. Nothing else sees them.
import * as vscode from 'vscode';
import { Credentials, parseStoredCredentials } from './credentials';

const keyOf = (origin: string) => `pprofLens.credentials/${origin}`;

export class CredentialStore {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  async get(origin: string): Promise<Credentials | undefined> {
    return parseStoredCredentials(await this.secrets.get(keyOf(origin)));
  }

  set(origin: string, credentials: Credentials): Thenable<void> {
    return this.secrets.store(keyOf(origin), JSON.stringify(credentials));
  }

  delete(origin: string): Thenable<void> {
    return this.secrets.delete(keyOf(origin));
  }
}
