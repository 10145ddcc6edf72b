/**
 * The yardstick for startup (P4): the smallest Ink 8 app, one line of text. Its
 * time to the first painted frame is what loading Node, React and Ink costs on
 * this machine; the app's is compared with it in the same pseudo-terminal.
 */
import { render, Text } from 'ink';
import { createElement } from 'react';

const app = render(createElement(Text, null, 'Hello, world'));
// Let the frame out, then leave as a finished program does.
setTimeout(() => app.unmount(), 100);
