import type { Key } from 'ink';

/**
 * Every key the terminal app answers to, in one table: where it works (the
 * context), which keys do it, how they are written, and what it does. The input
 * handlers ask this table which command a key press is (`pressed`), the help
 * overlays and footers are written from it (`helpRows`, `footer`), and so is the
 * README's key list (`keysMarkdown`; a test compares the two).
 */

/** A key as the table names it: a printable character, or one of these. */
type SpecialKey =
  | 'enter'
  | 'escape'
  | 'space'
  | 'tab'
  | 'shift+tab'
  | 'up'
  | 'down'
  | 'left'
  | 'right'
  | 'pageup'
  | 'pagedown'
  | 'home'
  | 'end'
  | 'backspace'
  | 'alt+enter'
  | 'shift+enter'
  | 'ctrl+j';
export type KeyName = SpecialKey | `ctrl+${string}` | string;

export interface Binding {
  /** The keys that do it; none for a mode (typing) that is named in footers only. */
  keys: readonly KeyName[];
  /** How the keys are written in the help overlay (and in footers unless `short` is given). */
  show: string;
  /** How footers write the keys, where shorter than `show`. */
  short?: string;
  /** The footer's word for it; bindings without one are not in footers. */
  hint?: string;
  /** The help overlay's line (and the README's); bindings without one are not listed there. */
  help?: string;
}

const b = (keys: readonly KeyName[], show: string, rest: Omit<Binding, 'keys' | 'show'> = {}): Binding => ({ keys, show, ...rest });

const DIGITS_1_TO_9 = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

export const KEY_BINDINGS = {
  app: {
    quit: b(['ctrl+c'], 'Ctrl+C', { hint: 'quit', help: 'stop and leave (finished turns are already saved)' }),
  },
  notice: {
    continue: b(['enter', 'space', 'escape'], 'Enter', { hint: 'continue' }),
  },
  /** Any text field: the keys every field shares. */
  field: {
    clear: b(['ctrl+u'], 'Ctrl+U', { help: 'clear the field' }),
  },
  home: {
    move: b(['tab', 'shift+tab', 'up', 'down'], 'Tab/↑↓', { hint: 'move', help: 'move between the lists and options; ↑↓ pick in a list' }),
    change: b(['left', 'right'], '←→', { hint: 'change', help: 'change an option; in the lists, go to the other list' }),
    start: b(['enter'], 'Enter', { hint: 'start', help: 'start the conversation' }),
    edit: b(['e'], 'e', { hint: 'edit', help: 'edit the persona in the preview' }),
    new: b(['n'], 'n', { hint: 'new', help: 'make a new persona' }),
    settings: b(['S', 's', ','], 'S', { hint: 'settings', help: 'settings: model server, models, key, defaults' }),
    sessions: b(['b'], 'b', { hint: 'sessions', help: 'browse saved sessions' }),
    compare: b(['c'], 'c', { hint: 'compare', help: 'compare side by side: this start beside another supporter, condition or engine' }),
    scroll: b([']', 'pagedown', '[', 'pageup'], '[ ]', { hint: 'scroll', help: 'scroll the preview' }),
    help: b(['?'], '?', { hint: 'help', help: 'the keys of this screen' }),
    quit: b(['q'], 'q', { hint: 'quit', help: 'quit' }),
  },
  conversation: {
    pause: b(['space', 'p'], 'space / p', { short: 'space', hint: 'pause', help: 'pause or resume' }),
    step: b(['n'], 'n', { hint: 'step', help: 'step one turn (while paused)' }),
    steer: b(['s'], 's', { hint: 'steer', help: "steer the supporter's next strategy" }),
    traitView: b(['t'], 't', { hint: 'HEXACO/CSI', help: 'switch HEXACO / CSI' }),
    traitPanel: b(['m'], 'm', { hint: 'traits', help: 'trait panel on/off (! drift ≥ 1, ? unsure)' }),
    traitSpeaker: b(['w'], 'w', { help: 'switch speaker in a narrow trait panel' }),
    notices: b(['!', 'enter'], '! / Enter', { short: '!', hint: 'details', help: 'show notices and errors in full, or one line each' }),
    check: b(['d'], 'd', { hint: 'check model', help: 'check the model (doctor) after it misbehaved' }),
    help: b(['?'], '?', { hint: 'help', help: 'this help' }),
    stop: b(['q', 'escape'], 'q / Esc', { short: 'q', hint: 'stop', help: 'stop (asks first)' }),
    fork: b(['f'], 'f', { hint: 'fork', help: 'fork from a turn with something changed (paused or ended)' }),
  },
  /** The full-screen transcript. */
  transcript: {
    page: b(['pageup', 'pagedown'], 'PgUp PgDn', { hint: 'scroll', help: 'scroll the transcript a page back or on' }),
    line: b(['up', 'down'], '↑↓', { help: 'scroll a line (not while you type)' }),
    ends: b(['home', 'end'], 'Home End', { help: 'the first turn; End follows the newest again (not while you type)' }),
  },
  composer: {
    send: b(['enter'], 'Enter', { hint: 'send', help: 'send your message' }),
    newLine: b(['ctrl+j', 'alt+enter', 'shift+enter'], 'Ctrl+J / Alt+Enter', { short: 'Ctrl+J', hint: 'new line', help: 'new line' }),
    move: b(['left', 'right', 'home', 'end', 'ctrl+a', 'ctrl+e'], '← → Home End', { short: '←→', hint: 'move', help: 'move the cursor' }),
    clear: b(['ctrl+u'], 'Ctrl+U', { help: 'clear the message' }),
    erase: b(['backspace'], 'Backspace'),
    help: b(['?'], '?', { hint: 'help', help: 'the help, while the message is empty' }),
    stop: b(['escape'], 'Esc', { hint: 'stop', help: 'stop the conversation (asks first)' }),
  },
  /** While the help overlay is open. */
  helpOverlay: {
    close: b(['?', 'escape', 'q'], '? or Esc', { hint: 'close' }),
    scroll: b(['up', 'down', 'pageup', 'pagedown'], '↑↓', { hint: 'scroll' }),
  },
  /** "Stop the conversation?" */
  confirmStop: {
    yes: b(['y', 'enter'], 'y', { hint: 'stop' }),
    no: b(['n', 'escape'], 'n', { hint: 'go on' }),
  },
  ended: {
    home: b(['enter', 'q', 'escape'], 'Enter / q', { short: 'Enter/q', hint: 'home', help: 'back home (q again there quits)' }),
    scroll: b(['up', 'down'], '↑↓', { hint: 'summary', help: 'scroll the summary when it does not fit' }),
    fork: b(['f'], 'f', { hint: 'fork', help: 'fork from a turn with something changed, or compare with this one continuing' }),
  },
  replay: {
    pause: b(['space', 'p'], 'space / p', { short: 'space', hint: 'pause', help: 'pause or play' }),
    next: b(['n', 'right'], 'n / →', { short: 'n/→', hint: 'next turn', help: 'next turn (paused: play one; playing: skip the wait)' }),
    speed: b(['1', '2', '4', '0'], '1 2 4 0', { hint: 'speed', help: 'speed ×1, ×2, ×4, instant' }),
    traitView: b(['t'], 't', { help: 'switch HEXACO / CSI' }),
    traitPanel: b(['m'], 'm', { hint: 'traits', help: 'show or hide the trait panel' }),
    traitSpeaker: b(['w'], 'w', { help: 'switch speaker in a narrow trait panel' }),
    notices: b(['!', 'enter'], '! / Enter', { short: '!', hint: 'details', help: 'show notices in full, or one line each' }),
    help: b(['?'], '?', { hint: 'help', help: 'this help' }),
    stop: b(['q', 'escape'], 'q / Esc', { short: 'q', hint: 'stop', help: 'stop the replay' }),
  },
  replayEnded: {
    back: b(['enter', 'q', 'escape'], 'Enter / q', { short: 'Enter/q', hint: 'back' }),
    scroll: b(['up', 'down'], '↑↓', { hint: 'summary' }),
  },
  picker: {
    number: b(DIGITS_1_TO_9, '1–9', { hint: 'pick' }),
    move: b(['up', 'down'], '↑↓', { hint: 'move' }),
    choose: b(['enter'], 'Enter', { hint: 'pick' }),
    cancel: b(['escape'], 'Esc', { hint: 'cancel' }),
  },
  sessions: {
    move: b(['up', 'down', 'pageup', 'pagedown'], '↑↓', { hint: 'move', help: 'move through the list' }),
    open: b(['enter'], 'Enter', { hint: 'open', help: 'read a session' }),
    mark: b(['space'], 'space', { hint: 'mark', help: 'mark a session for statistics' }),
    stats: b(['tab'], 'Tab', { hint: 'stats', help: 'statistics for the marked sessions' }),
    type: b([], 'type', { help: 'filter by name, id, condition…' }),
    erase: b(['backspace'], 'Backspace'),
    clear: b(['ctrl+u'], 'Ctrl+U', { help: 'clear the filter' }),
    help: b(['?'], '?', { hint: 'help', help: 'the keys of this screen (while the filter is empty)' }),
    back: b(['escape'], 'Esc', { hint: 'back', help: 'clear the filter, then back home' }),
  },
  session: {
    replay: b(['r'], 'r', { hint: 'replay', help: 'replay it' }),
    resume: b(['u'], 'u', { hint: 'resume', help: 'resume an unfinished session' }),
    delete: b(['d'], 'd', { hint: 'delete', help: 'delete it (asks first)' }),
    stats: b(['s'], 's', { hint: 'stats', help: 'its statistics' }),
    fork: b(['f'], 'f', { hint: 'fork', help: 'fork it from a turn with something changed, or compare with it continuing' }),
    compare: b(['c'], 'c', { hint: 'side by side', help: 'a side of a comparison: replay both side by side, a turn at a time (n; space plays)' }),
    scroll: b(['up', 'down', 'pageup', 'pagedown'], '↑↓ PgUp PgDn', { short: '↑↓', hint: 'scroll', help: 'scroll' }),
    help: b(['?'], '?', { hint: 'help', help: 'the keys of this screen' }),
    back: b(['escape', 'left', 'backspace'], 'Esc', { hint: 'back', help: 'back to the list' }),
  },
  /** "Replay at:" */
  replaySpeed: {
    x1: b(['1'], '1', { hint: '×1', help: 'replay at the recorded pace' }),
    x2: b(['2'], '2', { hint: '×2', help: 'replay twice as fast' }),
    x4: b(['4'], '4', { hint: '×4', help: 'replay four times as fast' }),
    instant: b(['0'], '0', { hint: 'instant', help: 'replay without waiting' }),
    step: b(['s'], 's', { hint: 'step by step (n plays each turn)', help: 'replay a turn at a time, for talks' }),
    cancel: b(['escape'], 'Esc', { hint: 'cancel' }),
  },
  confirmDelete: {
    yes: b(['y'], 'y', { hint: 'delete' }),
    no: b(['n', 'escape'], 'n', { hint: 'keep' }),
  },
  stats: {
    group: b(['g'], 'g', { hint: 'group by condition/supporter/seeker/engine', help: 'group by condition, supporter, seeker or engine' }),
    scroll: b(['up', 'down', 'pageup', 'pagedown'], '↑↓ PgUp PgDn', { short: '↑↓', hint: 'scroll' }),
    help: b(['?'], '?', { hint: 'help' }),
    back: b(['escape', 'left'], 'Esc', { hint: 'back' }),
  },
  editor: {
    move: b(['up', 'down', 'tab', 'shift+tab'], '↑↓/Tab', { hint: 'move', help: 'move between fields' }),
    adjust: b(['left', 'right'], '←→', { hint: 'adjust or move the cursor', help: 'adjust a value, or move the cursor in text' }),
    setTrait: b(['1', '2', '3', '4', '5'], '1–5', { hint: 'set trait', help: 'set a trait; type 3.8 and Enter for a value between' }),
    type: b([], 'type', { hint: 'to edit' }),
    erase: b(['backspace'], 'Backspace'),
    clear: b(['ctrl+u'], 'Ctrl+U', { help: 'clear the focused field' }),
    confirm: b(['enter'], 'Enter', { help: 'press the focused button, or go to the next field' }),
    save: b(['ctrl+s'], 'Ctrl+S', { hint: 'save', help: 'save the persona' }),
    help: b(['?'], '?', { hint: 'help', help: 'the keys of this screen (on a field that is not text)' }),
    back: b(['escape'], 'Esc', { hint: 'back', help: 'back (asks about unsaved changes); stops scoring' }),
  },
  settings: {
    move: b(['up', 'down', 'tab', 'shift+tab'], '↑↓/Tab', { hint: 'move', help: 'move between fields' }),
    adjust: b(['left', 'right'], '←→', { hint: 'change', help: 'change a value' }),
    type: b([], 'type', { hint: 'to edit' }),
    erase: b(['backspace'], 'Backspace'),
    clear: b(['ctrl+u'], 'Ctrl+U', { help: 'clear the focused field' }),
    confirm: b(['enter'], 'Enter', { help: 'press the focused button, or go to the next field' }),
    test: b(['ctrl+t'], 'Ctrl+T', { hint: 'test', help: 'test the connection (the server and key in effect)' }),
    save: b(['ctrl+s'], 'Ctrl+S', { hint: 'save', help: 'save the settings' }),
    help: b(['?'], '?', { hint: 'help', help: 'the keys of this screen (on a field that is not text)' }),
    back: b(['escape'], 'Esc', { hint: 'back', help: 'back (asks about unsaved changes)' }),
  },
  /** The doctor's report, in settings or in place of the no-server screen. */
  report: {
    scroll: b(['up', 'down', 'pageup', 'pagedown'], '↑↓ PgUp PgDn', { short: '↑↓', hint: 'scroll' }),
    close: b(['escape', 'enter'], 'Esc', { hint: 'close' }),
  },
  /** No model server, or one that misbehaves: a list of what can be done. */
  noServer: {
    local: b(['l'], 'l', { hint: 'local model', help: 'use the model inside the app (installed and downloaded the first time), then start' }),
    move: b(['up', 'down', 'tab', 'shift+tab'], '↑↓', { hint: 'move', help: 'move through the choices' }),
    choose: b(['enter'], 'Enter', { hint: 'choose', help: 'do the highlighted choice' }),
    retry: b(['r'], 'r', { hint: 'retry', help: 'check the server again' }),
    doctor: b(['d'], 'd', { hint: 'check model', help: 'check the model: streaming, JSON, in character (doctor)' }),
    settings: b(['s', 'S', ','], 's', { hint: 'settings', help: 'settings' }),
    browse: b(['p'], 'p', { hint: 'personas', help: 'go home anyway: personas and sessions need no server' }),
    sessions: b(['b'], 'b', { hint: 'sessions', help: 'browse saved sessions (no server needed)' }),
    help: b(['?'], '?', { hint: 'help', help: 'the keys of this screen' }),
    quit: b(['q'], 'q', { hint: 'quit', help: 'quit' }),
  },
  /** While the local model is installed, downloaded and loaded. */
  localSetup: {
    stop: b(['escape'], 'Esc', { hint: 'stop (the download goes on from here next time)', help: 'stop the download; l on the no-server screen goes on from where it stopped' }),
  },
  /** The fork form (what the fork changes, from which turn) and the compare form (what side B has of its own). */
  forkForm: {
    move: b(['up', 'down', 'tab', 'shift+tab'], '↑↓/Tab', { hint: 'move', help: 'move between fields' }),
    adjust: b(['left', 'right'], '←→', { hint: 'change', help: 'change the value (traits by halves)' }),
    confirm: b(['enter'], 'Enter', { hint: 'press', help: 'press the focused button, or go to the next field' }),
    cancel: b(['escape'], 'Esc', { hint: 'cancel', help: 'close the form; nothing is started' }),
  },
  /** Two conversations side by side. */
  compare: {
    pause: b(['space', 'p'], 'space / p', { short: 'space', hint: 'pause', help: 'pause or resume both' }),
    step: b(['n'], 'n', { hint: 'step', help: 'one more turn on each side (while paused)' }),
    switch: b(['tab'], 'Tab', { hint: 'switch', help: 'below 100 columns: both stacked, only A, only B' }),
    stop: b(['q', 'escape'], 'q / Esc', { short: 'q', hint: 'stop', help: 'stop both (finished turns are kept)' }),
  },
  compareEnded: {
    switch: b(['tab'], 'Tab', { hint: 'switch' }),
    home: b(['enter', 'q', 'escape'], 'Enter / q', { short: 'Enter/q', hint: 'home', help: 'back home' }),
  },
} as const satisfies Record<string, Record<string, Binding>>;

export type KeyContext = keyof typeof KEY_BINDINGS;
export type Command<C extends KeyContext> = keyof (typeof KEY_BINDINGS)[C] & string;

export function binding<C extends KeyContext>(context: C, command: Command<C>): Binding {
  return (KEY_BINDINGS[context] as Record<string, Binding>)[command]!;
}

/** Whether one key press is the key `name`. */
export function isKey(name: KeyName, input: string, key: Key): boolean {
  switch (name) {
    case 'enter':
      return key.return;
    case 'alt+enter':
      return key.return && key.meta;
    case 'shift+enter':
      return key.return && key.shift;
    // A terminal sends Ctrl+J as a bare line feed.
    case 'ctrl+j':
      return input === '\n';
    case 'escape':
      return key.escape;
    case 'space':
      return input === ' ';
    case 'tab':
      return key.tab && !key.shift;
    case 'shift+tab':
      return key.tab && key.shift;
    case 'up':
      return key.upArrow;
    case 'down':
      return key.downArrow;
    case 'left':
      return key.leftArrow;
    case 'right':
      return key.rightArrow;
    case 'pageup':
      return key.pageUp;
    case 'pagedown':
      return key.pageDown;
    case 'home':
      return key.home;
    case 'end':
      return key.end;
    case 'backspace':
      return key.backspace || key.delete;
    default:
      if (name.startsWith('ctrl+')) return key.ctrl && input === name.slice('ctrl+'.length);
      return input === name && !key.ctrl && !key.meta;
  }
}

/** Which of the command's keys this press is; undefined when it is none of them. */
export function pressed<C extends KeyContext>(context: C, command: Command<C>, input: string, key: Key): KeyName | undefined {
  return binding(context, command).keys.find((name) => isKey(name, input, key));
}

/** Text typed into a field or filter, rather than a command: printable, without Ctrl or Meta, not a named key. */
export function typedText(input: string, key: Key): string | undefined {
  if (input === '' || key.ctrl || key.meta || key.escape || key.return || key.tab || key.backspace || key.delete) return undefined;
  if (key.upArrow || key.downArrow || key.leftArrow || key.rightArrow || key.pageUp || key.pageDown || key.home || key.end) return undefined;
  return input;
}

export interface FooterItem {
  keys: string;
  hint: string;
}

/** The footer's items for `commands` (default: every command of the context that has a footer word), in that order. */
export function footerItems<C extends KeyContext>(context: C, commands?: readonly Command<C>[]): FooterItem[] {
  const names = commands ?? (Object.keys(KEY_BINDINGS[context]) as Command<C>[]);
  return names.flatMap((name) => {
    const { short, show, hint } = binding(context, name);
    return hint === undefined ? [] : [{ keys: short ?? show, hint }];
  });
}

const FOOTER_SEPARATOR = ' · ';
const itemText = (item: FooterItem) => `${item.keys} ${item.hint}`;
const cells = (text: string) => Array.from(text).length;

/**
 * One footer line no wider than `width`: the items in their order of importance
 * while they fit, and `more` (the help key, which lists the rest) at the end when
 * some had to be left out. An item too wide even alone is cut.
 */
export function fitFooter(items: readonly FooterItem[], width: number, more?: FooterItem): string {
  const all = items.map(itemText).join(FOOTER_SEPARATOR);
  if (cells(all) <= width) return all;
  const rest = more ? items.filter((item) => item.keys !== more.keys) : items;
  const tail = more ? itemText(more) : undefined;
  const room = width - (tail ? cells(tail) + FOOTER_SEPARATOR.length : 0);
  const kept: string[] = [];
  let used = 0;
  for (const item of rest) {
    const add = cells(itemText(item)) + (kept.length > 0 ? FOOTER_SEPARATOR.length : 0);
    if (used + add > room) continue;
    kept.push(itemText(item));
    used += add;
  }
  // Nothing fits whole: the most important item, cut.
  if (kept.length === 0 && rest[0]) kept.push(itemText(rest[0]));
  const line = [...kept, ...(tail ? [tail] : [])].join(FOOTER_SEPARATOR);
  return cells(line) <= width ? line : `${Array.from(line).slice(0, Math.max(0, width - 1)).join('')}…`;
}

/** The help key's footer item in a context, when it has one. */
function helpItem(context: KeyContext): FooterItem | undefined {
  const entry = (KEY_BINDINGS[context] as Record<string, Binding>)['help'];
  return entry?.hint ? { keys: entry.short ?? entry.show, hint: entry.hint } : undefined;
}

/**
 * "space pause · n step · ? help · q stop": the footer of `commands` (default:
 * every command of the context with a footer word). Given a width, it is fitted
 * to it, the help key standing in for what is left out.
 */
export function footer<C extends KeyContext>(context: C, commands?: readonly Command<C>[], width?: number): string {
  const items = footerItems(context, commands);
  if (width === undefined) return items.map(itemText).join(FOOTER_SEPARATOR);
  return fitFooter(items, width, helpItem(context));
}

/** How the keys of one command are written: "q / Esc". */
export function keysOf<C extends KeyContext>(context: C, command: Command<C>, form: 'show' | 'short' = 'short'): string {
  const { show, short } = binding(context, command);
  return form === 'short' ? (short ?? show) : show;
}

export interface HelpRow {
  keys: string;
  action: string;
}

/** The help overlay's rows for a context: every command with a help line, in table order. */
export function helpRows(context: KeyContext, omit: readonly string[] = []): HelpRow[] {
  return Object.entries(KEY_BINDINGS[context] as Record<string, Binding>).flatMap(([name, entry]) =>
    entry.help === undefined || omit.includes(name) ? [] : [{ keys: entry.show, action: entry.help }],
  );
}

/** Where each context's keys work, as the README's key list names it. */
const README_SECTIONS: ReadonlyArray<readonly [KeyContext, string]> = [
  ['home', 'Home'],
  ['conversation', 'Conversation'],
  ['transcript', 'Transcript (full screen)'],
  ['composer', 'Your turn (joining)'],
  ['ended', 'The end summary'],
  ['replay', 'Replay'],
  ['sessions', 'Session browser'],
  ['session', 'A session'],
  ['replaySpeed', 'Replay at'],
  ['stats', 'Statistics'],
  ['editor', 'Persona editor'],
  ['settings', 'Settings'],
  ['noServer', 'No server'],
  ['localSetup', 'Local model setup'],
  ['forkForm', 'Fork and compare forms'],
  ['compare', 'Side by side'],
  ['compareEnded', 'Side by side, ended'],
  ['field', 'Any text field'],
  ['app', 'Anywhere'],
];

/** The README's key list, written from the table. */
export function keysMarkdown(): string {
  const lines = ['| where | keys | what they do |', '|---|---|---|'];
  for (const [context, title] of README_SECTIONS) {
    for (const row of helpRows(context)) lines.push(`| ${title} | \`${row.keys.replace(/\|/g, '\\|')}\` | ${row.action} |`);
  }
  return lines.join('\n');
}
