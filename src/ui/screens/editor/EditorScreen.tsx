import { Box, Text, useWindowSize } from 'ink';
import { useEffect, useMemo, useRef } from 'react';
import { useFormKeys } from '../../hooks/formKeys.js';
import { useKeyedReducer } from '../../hooks/useKeyedReducer.js';
import type { Persona } from '../../../core/personas/schema.js';
import { cleanForDisplay } from '../../../core/sanitize.js';
import type { Csi, Hexaco } from '../../../core/traits/dimensions.js';
import { footer } from '../../keys.js';
import { useTheme } from '../../theme.js';
import { wrap } from '../../../core/text.js';
import { draftFromPersona } from './draft.js';
import { currentFields, editorReducer, initialEditorState } from './editorState.js';
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
  /** Scores HEXACO + CSI from a free-text description; the action shows only when given. */
  onScore?: (description: string) => Promise<{ hexaco: Hexaco; csi: Csi }>;
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
  useEffect(() => () => void (mounted.current = false), []);
  // A save or score can settle after the user has left the screen.
  const safeDispatch: typeof dispatch = (a) => {
    if (mounted.current) dispatch(a);
  };

  const check = useMemo(() => checkDraft(state.draft, existingIds, persona?.id), [state.draft, existingIds, persona?.id]);
  const fields = currentFields(state);
  const problemCount = Object.keys(check.errors).length + (check.idClash ? 1 : 0);
  const busy = state.status.kind === 'saving' || state.status.kind === 'scoring';

  async function save() {
    // Keys typed in the same burst as Ctrl+S are already in `latest`, not yet in `state`.
    const now = checkDraft(latest.current.draft, existingIds, persona?.id);
    if (!now.persona || now.idClash) return dispatch({ type: 'attemptSave' });
    dispatch({ type: 'status', status: { kind: 'saving' } });
    try {
      const path = await onSave(now.persona);
      safeDispatch({ type: 'status', status: { kind: 'saved', path } });
    } catch (err) {
      safeDispatch({ type: 'status', status: { kind: 'failed', message: `Could not save: ${errorMessage(err)}` } });
    }
  }

  async function score() {
    const description = latest.current.draft.description;
    if (!onScore || !description.trim()) return;
    dispatch({ type: 'status', status: { kind: 'scoring' } });
    try {
      const scores = await onScore(description);
      safeDispatch({ type: 'scored', ...scores });
    } catch (err) {
      safeDispatch({ type: 'status', status: { kind: 'failed', message: `Could not score: ${errorMessage(err)}` } });
    }
  }

  useFormKeys('editor', {
    busy, // one save or score at a time; keys resume when it settles
    shortcuts: { back: onCancel, save: () => void save() },
    buttons: { save: () => void save(), score: () => void score(), cancel: onCancel },
    focus: () => latest.current.focus,
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
  const helpRows = width >= 76 ? 1 : 2;
  const statusRows = state.status.kind === 'saved' ? savedLines(state.status.path, width).length : 1;
  const budget = Math.max(3, rows - 1 - note.length - statusRows - helpRows);
  const focusIndex = Math.max(0, fields.findIndex((f) => f.key === state.focus));
  const { start, end } = fieldWindow(heights, focusIndex, budget);

  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate-end">
        <Text bold color={theme.accent}>{title}</Text>
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
      <EditorStatusLine status={state.status} problemCount={problemCount} attempted={state.showAllErrors} width={width} />
      <Text dimColor wrap={helpRows > 1 ? 'wrap' : 'truncate-end'}>
        {footer('editor')}
      </Text>
    </Box>
  );
}
