export function backgroundLoad(url: string, opts?: { pauseMs?: number }): () => void;
