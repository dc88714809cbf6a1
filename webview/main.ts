// The profile view's entry point: registers the toolkit, restores the saved state, and says `ready`.
// The host answers with the profile's summary; no profile data is ever in the HTML.
import { App } from './app';
import { HostChannel } from './hostChannel';
import { registerToolkit } from './ui';

registerToolkit();
let app: App | undefined;
const host = new HostChannel((m) => app?.onMessage(m));
app = new App(document.getElementById('app')!, host);
host.post({ type: 'ready', state: host.restoredState() });
