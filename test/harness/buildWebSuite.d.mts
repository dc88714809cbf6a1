export const webSuiteDir: string;
export function buildWebSuite(): Promise<string>;
