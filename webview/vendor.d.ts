// The untyped packages the webview uses. Only flameGraph.ts imports them, and it narrows these `unknown`s to
// its own interfaces (d3-flame-graph's published typings have drifted from its code).
declare module 'd3-flame-graph' {
  const flamegraph: () => unknown;
  export default flamegraph;
}
declare module 'd3-selection' {
  export function select(node: Element): unknown;
}
