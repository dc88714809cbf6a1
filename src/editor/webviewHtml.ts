// The profile view's HTML: the one place that makes the nonce and the Content Security Policy.
// The page holds no data; everything arrives by message after the script posts `ready`.
import * as vscode from 'vscode';

/** The folder the webview may load from: the built script and the copied media. */
function webviewRoot(extensionUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
}

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: [webviewRoot(extensionUri)] };
}

function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    // The toolkit adds its own <style> elements; it reads the nonce from the csp-nonce meta tag.
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `font-src ${cspSource}`,
  ].join('; ');
}

/** A page of the webview: its built script in dist/webview, its stylesheets in media/, its title and first words. */
export interface WebviewPage {
  readonly script: string;
  readonly styles: readonly string[];
  readonly title: string;
  readonly loading: string;
}

const PROFILE_PAGE: WebviewPage = { script: 'main.js', styles: ['main.css', 'flame.css', 'tables.css'], title: 'pprof profile', loading: 'Loading profile…' };

/** 18 random bytes in base64, from the Web Crypto API that both the Node and the web extension host have. */
function makeNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  return btoa(String.fromCharCode(...bytes));
}

export function renderWebviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, page: WebviewPage = PROFILE_PAGE): string {
  const nonce = makeNonce();
  const root = webviewRoot(extensionUri);
  const script = webview.asWebviewUri(vscode.Uri.joinPath(root, page.script));
  const styles = page.styles
    .map((f) => `<link rel="stylesheet" href="${webview.asWebviewUri(vscode.Uri.joinPath(root, 'media', f))}">`)
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(webview.cspSource, nonce)}">
<meta property="csp-nonce" content="${nonce}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${styles}
<title>${page.title}</title>
</head>
<body>
<main id="app" class="app loading" aria-busy="true"><p class="app-status">${page.loading}</p></main>
<script nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
}
