// Webview entry.
document.body.textContent = 'pprof Lens';
