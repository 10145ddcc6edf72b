import { Box, Text, useWindowSize } from 'ink';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useFormKeys } from '../../hooks/formKeys.js';
import { useKeyedReducer } from '../../hooks/useKeyedReducer.js';
import type { Persona } from '../../../core/personas/schema.js';
import { cleanForDisplay } from '../../../core/sanitize.js';
import type { Csi, Hexaco } from '../../../core/traits/dimensions.js';
import { HelpOverlay } from '../../components/HelpOverlay.js';
import { footer, keysOf, pressed } from '../../keys.js';
import { useTheme } from '../../theme.js';
import { wrap } from '../../../core/text.js';
import { draftFromPersona } from './draft.js';
import { currentFields, editorReducer, focusedField, initialEditorState, isDirty } from './editorState.js';
import { fieldWindow } from '../../layout/scrollWindow.js';
import { FieldRow, problemLines } from './FieldRow.js';
import { EditorStatusLine, savedLines } from './EditorStatusLine.js';
import { checkDraft } from './validate.js';

export interface EditorScreenProps {
  /** The persona to edit; undefined creates a new one. */
  persona?: Persona;
  /** Where the persona came from: a bundled one is saved as a copy in saveDir. */
  source?: 'bundled' | 'user';
  existingIds: string[];
  saveDir: string;
  /** Writes the persona (never into the bundled folder) and resolves with the file path. */
  onSave(persona: Persona): Promise<string>;
  onCancel(): void;
  /** Scores HEXACO + CSI from a free-text description (the signal stops it); the action shows only when given. */
  onScore?: (description: string, signal: AbortSignal) => Promise<{ hexaco: Hexaco; csi: Csi }>;
}

const errorMessage = (err: unknown) => cleanForDisplay(err instanceof Error ? err.message : String(err));

/** Create or edit a persona: every schema field, trait sliders, validation as you type. */
export function EditorScreen({ persona, source, existingIds, saveDir, onSave, onCancel, onScore }: EditorScreenProps) {
  const theme = useTheme();
  const { columns, rows } = useWindowSize();
  const [state, dispatch, latest] = useKeyedReducer(editorReducer, () =>
    initialEditorState(draftFromPersona(persona), persona === undefined, onScore !== undefined),
  );
  const mounted = useRef(true);
  const scoring = useRef<AbortController | undefined>(undefined);
  useEffect(
    () => () => {
      mounted.current = false;
      scoring.current?.abort();
    },
    [],
  );
  const [help, setHelp] = useState(false);
  // A save or score can settle after the user has left the screen.
  const safeDispatch: typeof dispatch = (a) => {
    if (mounted.current) dispatch(a);
  };

  const check = useMemo(() => checkDraft(state.draft, existingIds, persona?.id), [state.draft, existingIds, persona?.id]);
  const fields = currentFields(state);
  const problemCount = Object.keys(check.errors).length + (check.idClash ? 1 : 0);

  async function save() {
    // Keys typed in the same burst as Ctrl+S are already in `latest`, not yet in `state`.
    const now = checkDraft(latest.current.draft, existingIds, persona?.id);
    if (!now.persona || now.idClash) return dispatch({ type: 'attemptSave' });
    dispatch({ type: 'status', status: { kind: 'saving' } });
    try {
      const path = await onSave(now.persona);
      safeDispatch({ type: 'status', status: { kind: 'saved', path } });
      safeDispatch({ type: 'saved' });
    } catch (err) {
      safeDispatch({ type: 'status', status: { kind: 'failed', message: `Could not save: ${errorMessage(err)}` } });
    }
  }

  async function score() {
    const description = latest.current.draft.description;
    if (!onScore || !description.trim()) return;
    const controller = new AbortController();
    scoring.current = controller;
    dispatch({ type: 'status', status: { kind: 'scoring', startedAt: Date.now() } });
    try {
      const scores = await onScore(description, controller.signal);
      if (!controller.signal.aborted) safeDispatch({ type: 'scored', ...scores });
    } catch (err) {
      if (!controller.signal.aborted) safeDispatch({ type: 'status', status: { kind: 'failed', message: `Could not score: ${errorMessage(err)}` } });
    } finally {
      if (scoring.current === controller) scoring.current = undefined;
    }
  }

  /** Leaving with unsaved changes asks once, the way the settings do: Esc again discards them. */
  function back() {
    const now = latest.current;
    if (isDirty(now) && !now.confirmDiscard) return dispatch({ type: 'askDiscard' });
    onCancel();
  }

  useFormKeys('editor', {
    // One save or score at a time; keys resume when it settles, and Esc stops a scoring.
    busy: () => latest.current.status.kind === 'saving' || latest.current.status.kind === 'scoring',
    whileBusy: ({ input, key }) => {
      if (latest.current.status.kind !== 'scoring' || !pressed('editor', 'back', input, key)) return;
      scoring.current?.abort();
      dispatch({ type: 'status', status: { kind: 'failed', message: 'Scoring stopped: the traits are as they were' } });
    },
    overlay: ({ input, key }) => {
      if (!help) return false;
      if (pressed('helpOverlay', 'close', input, key)) setHelp(false);
      return true;
    },
    shortcuts: { back, save: () => void save(), help: () => setHelp(true) },
    buttons: { save: () => void save(), score: () => void score(), cancel: back },
    focus: () => latest.current.focus,
    typing: () => focusedField(latest.current).kind === 'text',
    dispatch,
  });

  const width = Math.max(40, columns);
  const title = persona ? `Edit persona · ${cleanForDisplay(persona.name)}` : 'New persona';
  const note = wrap(
    source === 'bundled'
      ? `Bundled personas are read-only: saving writes your copy to ${saveDir}`
      : `Saves to ${saveDir}`,
    width,
  );
  const rowFor = (key: string) => {
    const shown = state.showAllErrors || state.touched[key] === true;
    const errorLines = shown ? problemLines(check.errors[key], width) : [];
    const clash = key === 'id' && check.idClash
      ? `id "${state.draft.id.trim()}" is already used by another persona — pick another id to save`
      : undefined;
    return { errorLines, warningLines: problemLines(clash, width) };
  };
  const rowsInfo = fields.map((f) => rowFor(f.key));
  const heights = rowsInfo.map((r) => 1 + r.errorLines.length + r.warningLines.length);
  const helpRows = 1;
  const statusRows = (state.status.kind === 'saved' ? savedLines(state.status.path, width).length : 1) + (state.confirmDiscard ? 1 : 0);
  const budget = Math.max(3, rows - 1 - note.length - statusRows - helpRows);
  const focusIndex = Math.max(0, fields.findIndex((f) => f.key === state.focus));
  const { start, end } = fieldWindow(heights, focusIndex, budget);

  if (help) {
    return <HelpOverlay sections={[{ title: 'Persona editor', context: 'editor' }, { title: 'Any text field', context: 'field' }]} width={width} height={rows} />;
  }

  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate-end">
        <Text bold color={theme.accent}>{title}</Text>
        {isDirty(state) ? <Text color={theme.warning}> · unsaved</Text> : null}
        <Text dimColor>{`  fields ${start + 1}–${end} of ${fields.length}`}</Text>
      </Text>
      {note.map((line, i) => (
        <Text key={i} dimColor wrap="truncate-end">{line}</Text>
      ))}
      {fields.slice(start, end).map((spec, i) => (
        <FieldRow
          key={spec.key}
          spec={spec}
          draft={state.draft}
          focused={spec.key === state.focus}
          width={width}
          cursor={spec.key === state.focus ? state.cursor : undefined}
          {...rowsInfo[start + i]!}
          {...(spec.key === 'save' && problemCount > 0 ? { disabledReason: `fix ${problemCount} ${problemCount === 1 ? 'problem' : 'problems'} first` } : {})}
        />
      ))}
      <EditorStatusLine status={state.status} problemCount={problemCount} attempted={state.showAllErrors} width={width} unscored={state.draft.unscored && !state.draft.baseline} />
      {state.confirmDiscard ? (
        <Text color={theme.warning} wrap="truncate-end">
          Unsaved changes: {keysOf('editor', 'back')} again to discard, {keysOf('editor', 'save')} to save
        </Text>
      ) : null}
      <Text dimColor wrap="truncate-end">
        {footer('editor', ['move', 'adjust', 'save', 'back', 'setTrait', 'type', 'help'], width)}
      </Text>
    </Box>
  );
}
