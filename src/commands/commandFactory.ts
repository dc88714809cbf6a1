// The shape of a command module: given the long-lived services, it returns the command's handler.
import type { Services } from '../services';

export type CommandFactory = (services: Services) => (...args: any[]) => unknown;
