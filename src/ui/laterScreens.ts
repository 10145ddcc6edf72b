/**
 * Everything the terminal app shows or runs after its home screen: the other
 * screens and what only they use (replays, scoring traits, checking a model).
 * The app imports this once home has painted (useLaterScreens), so starting the
 * app costs Ink, the settings, the persona library and the home screen, and the
 * rest loads while the user reads it.
 */
export { ConversationScreen } from './screens/ConversationScreen.js';
export { CompareScreen } from './screens/compare/CompareScreen.js';
export { CompareSetupScreen } from './screens/compare/CompareSetupScreen.js';
export { ForkableConversation } from './screens/fork/ForkableConversation.js';
export { ForkScreen } from './screens/fork/ForkScreen.js';
export { LocalSetupScreen } from './screens/noserver/LocalSetupScreen.js';
export { replaySideBySide } from './replaySideBySide.js';
export { EditorScreen } from './screens/editor/EditorScreen.js';
export { NoServerScreen } from './screens/noserver/NoServerScreen.js';
export { SessionsScreen } from './screens/sessions/SessionsScreen.js';
export { SettingsScreen } from './screens/settings/SettingsScreen.js';
export { replayConversation } from '../app/replay.js';
export { scoreFromDescription } from '../app/measurement.js';
export { checkModel, modelsToCheck } from '../app/doctor.js';
