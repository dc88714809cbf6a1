// What a file that is not a profile shows instead of a blank page: why, and a way to the text editor; and
// what a comparison that could not be opened shows: both sides, and why (the message names the side).
import type { CompareInit } from '../../src/protocol/messages';
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

export function compareFailedView(compare: CompareInit, message: string): HTMLElement {
  return h(
    'section',
    { class: 'not-profile compare-failed', role: 'alert', id: 'not-profile' },
    h('h1', {}, 'Cannot compare these profiles'),
    h('p', { class: 'muted' }, h('span', {}, 'Base: '), h('code', {}, compare.baseName), h('br'), h('span', {}, 'Target: '), h('code', {}, compare.targetName)),
    h('p', { class: 'error-text', id: 'not-profile-message' }, message),
  );
}
