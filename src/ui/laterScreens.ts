/**
 * Everything the terminal app shows or runs after its home screen: the other
 * screens and what only they use (replays, scoring traits, checking a model).
 * The app imports this once home has painted (useLaterScreens), so starting the
 * app costs Ink, the settings, the persona library and the home screen, and the
 * rest loads while the user reads it.
 */
export { ConversationScreen } from './screens/ConversationScreen.js';
export { EditorScreen } from './screens/editor/EditorScreen.js';
export { NoServerScreen } from './screens/noserver/NoServerScreen.js';
export { SessionsScreen } from './screens/sessions/SessionsScreen.js';
export { SettingsScreen } from './screens/settings/SettingsScreen.js';
export { replayConversation } from '../app/replay.js';
export { scoreFromDescription } from '../app/measurement.js';
export { checkModel, modelsToCheck } from '../app/doctor.js';
