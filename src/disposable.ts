// Base for owners of VS Code resources: whatever they _register is disposed with them, once.
import type * as vscode from 'vscode';

export abstract class Disposable implements vscode.Disposable {
  private readonly owned: vscode.Disposable[] = [];
  private disposed = false;

  protected _register<T extends vscode.Disposable>(d: T): T {
    if (this.disposed) d.dispose();
    else this.owned.push(d);
    return d;
  }

  protected get isDisposed(): boolean {
    return this.disposed;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const d of this.owned.splice(0).reverse()) d.dispose();
  }
}

/**
 * `make`'s one object per owner (the extension's services), created on first use and disposed with the
 * extension: the runtimes that commands, views and status-bar items of one window share.
 */
export function onePerOwner<O extends { readonly context: { readonly subscriptions: { dispose(): unknown }[] } }, T extends { dispose(): unknown }>(
  make: (owner: O) => T,
): (owner: O) => T {
  const made = new WeakMap<O, T>();
  return (owner) => {
    let t = made.get(owner);
    if (!t) {
      t = make(owner);
      owner.context.subscriptions.push(t);
      made.set(owner, t);
    }
    return t;
  };
}
