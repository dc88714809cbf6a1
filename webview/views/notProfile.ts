// What a file that is not a profile shows instead of a blank page: why, and a way to the text editor.
import { h } from '../dom';
import { button } from '../ui';

export function notProfileView(fileName: string, message: string, reopenAsText: () => void): HTMLElement {
  return h(
    'section',
    { class: 'not-profile', role: 'alert', id: 'not-profile' },
    h('h1', {}, `${fileName} is not a pprof profile`),
    h('p', { class: 'error-text', id: 'not-profile-message' }, message),
    h('p', { class: 'muted' }, 'pprof Lens opens gzipped or raw protobuf profiles, as written by runtime/pprof, net/http/pprof or go tool pprof -proto.'),
    button('Reopen with Text Editor', { id: 'reopen-as-text', appearance: 'primary', onClick: reopenAsText }),
  );
}
