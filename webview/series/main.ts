// The series view's entry point: the page says `ready`; the host answers with the manifest.
import { SeriesApp } from './seriesApp';
import { SeriesChannel } from './seriesChannel';

let app: SeriesApp | undefined;
const channel = new SeriesChannel((m) => app?.onMessage(m));
app = new SeriesApp(document.getElementById('app')!, channel);
channel.post({ type: 'ready' });
