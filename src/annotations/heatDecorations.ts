// The heat gutter: a bar in the gutter and a tinted line background whose strength follows the line's
// flat share, in light and dark variants, with marks in the overview ruler for the hotter levels. While a
// compare view is the active profile the strength follows the change, in the colour of its direction: red
// where the target has more and green where it has less (orange and blue in the colour-blind-safe palette).
// The decoration types belong to this owner and are disposed with it.
import * as vscode from 'vscode';
import { getComparePalette, onDidChangeConfig } from '../config';
import { Disposable } from '../disposable';
import { HEAT_LEVELS } from './fileHeat';
import type { HotLinesModel } from './hotLinesModel';
import type { HotLinesSwitch } from './hotLinesSwitch';

/** Per level 0 (cum only) … HEAT_LEVELS: gutter bar opacity and line background alpha. */
const BAR = [0.3, 0.45, 0.6, 0.75, 0.9, 1];
const BACKGROUND = [0, 0.06, 0.11, 0.17, 0.25, 0.35];
/** Per family: the colour in dark and light themes. */
const FAMILIES = {
  heat: { dark: '255, 112, 67', light: '214, 64, 0' },
  red: { dark: '244, 67, 54', light: '198, 40, 40' },
  green: { dark: '76, 175, 80', light: '46, 125, 50' },
  orange: { dark: '255, 152, 0', light: '230, 81, 0' },
  blue: { dark: '66, 165, 245', light: '21, 101, 192' },
} as const;
type Family = keyof typeof FAMILIES;
const DELTA: Record<'redGreen' | 'blueOrange', { more: Family; less: Family }> = {
  redGreen: { more: 'red', less: 'green' },
  blueOrange: { more: 'orange', less: 'blue' },
};

function bar(rgb: string, opacity: number, hollow: boolean): vscode.Uri {
  const fill = hollow ? `fill='none' stroke='rgb(${rgb})' stroke-width='1.5'` : `fill='rgb(${rgb})'`;
  const svg = `<svg xmlns='http://www.w3.org/2000/svg' width='16' height='16' viewBox='0 0 16 16' preserveAspectRatio='none'><rect x='6' y='0' width='5' height='16' ${fill} fill-opacity='${opacity}' stroke-opacity='${opacity}'/></svg>`;
  return vscode.Uri.parse(`data:image/svg+xml;utf8,${encodeURIComponent(svg)}`);
}

function levelStyle(level: number, family: Family): vscode.DecorationRenderOptions {
  const themed = (rgb: string): vscode.ThemableDecorationRenderOptions => ({
    gutterIconPath: bar(rgb, BAR[level], level === 0),
    gutterIconSize: '100% 100%',
    backgroundColor: level > 0 ? `rgba(${rgb}, ${BACKGROUND[level]})` : undefined,
    overviewRulerColor: level >= 2 ? `rgba(${rgb}, ${Math.min(1, BAR[level])})` : undefined,
  });
  return {
    isWholeLine: true,
    overviewRulerLane: vscode.OverviewRulerLane.Right,
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
    light: themed(FAMILIES[family].light),
    dark: themed(FAMILIES[family].dark),
  };
}

function isGoDocument(document: vscode.TextDocument): boolean {
  return document.languageId === 'go' || document.uri.path.endsWith('.go');
}

export class HeatDecorations extends Disposable {
  /** Per family, one type per level. */
  private readonly types = new Map<Family, vscode.TextEditorDecorationType[]>();
  private paintId = 0;

  private isAnnotated(document: vscode.TextDocument): boolean {
    return this.model.annotates(document.uri) && isGoDocument(document);
  }

  constructor(
    private readonly model: HotLinesModel,
    private readonly switch_: HotLinesSwitch,
  ) {
    super();
    for (const family of Object.keys(FAMILIES) as Family[]) {
      const levels: vscode.TextEditorDecorationType[] = [];
      for (let level = 0; level <= HEAT_LEVELS; level++) levels.push(this._register(vscode.window.createTextEditorDecorationType(levelStyle(level, family))));
      this.types.set(family, levels);
    }
    const repaint = () => void this.paintAll();
    this._register(model.onDidChange(repaint));
    this._register(switch_.onDidChange(repaint));
    this._register(onDidChangeConfig(repaint));
    this._register(vscode.window.onDidChangeVisibleTextEditors(repaint));
    repaint();
  }

  private async paintAll(): Promise<void> {
    const id = ++this.paintId;
    for (const editor of vscode.window.visibleTextEditors) {
      const ranges = await this.rangesFor(editor);
      if (id !== this.paintId || this.isDisposed) return;
      for (const [family, levels] of this.types) levels.forEach((type, level) => editor.setDecorations(type, ranges.get(family)?.[level] ?? []));
    }
  }

  /** Per family, per level, the lines to paint. */
  private async rangesFor(editor: vscode.TextEditor): Promise<Map<Family, vscode.Range[][]>> {
    const out = new Map<Family, vscode.Range[][]>();
    const shown = this.model.shown();
    if (!this.switch_.visible || !shown || !this.isAnnotated(editor.document)) return out;
    const entry = await this.model.entry(editor.document);
    if (!entry) return out;
    const delta = shown.profile.summary.comparison ? DELTA[getComparePalette()] : undefined;
    const lineCount = editor.document.lineCount;
    for (const h of entry.heat.heat(shown.sampleIndex)) {
      if (h.line < 1 || h.line > lineCount) continue;
      const family: Family = delta ? (h.sign < 0 ? delta.less : delta.more) : 'heat';
      let byLevel = out.get(family);
      if (!byLevel) out.set(family, (byLevel = Array.from({ length: HEAT_LEVELS + 1 }, () => [])));
      byLevel[h.level].push(new vscode.Range(h.line - 1, 0, h.line - 1, 0));
    }
    return out;
  }
}
