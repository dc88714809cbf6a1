// pprof: Toggle Hot Lines — hides or shows the CodeLens, heat gutter and hovers of the active profile.
// `{ visible: boolean }` sets the state instead of flipping it. Resolves to the new state.
import type { CommandFactory } from './commandFactory';

export const toggleHotLines: CommandFactory = (services) => async (arg?: { visible?: boolean }) => {
  if (typeof arg?.visible === 'boolean') services.hotLines.visible = arg.visible;
  else services.hotLines.toggle();
  return services.hotLines.visible;
};
