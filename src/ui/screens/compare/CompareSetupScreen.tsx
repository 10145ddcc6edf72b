import { Box, Text, useWindowSize } from 'ink';
import { useMemo, useState } from 'react';
import type { SideSetup } from '../../../app/compare.js';
import type { Persona } from '../../../core/personas/schema.js';
import { cleanForDisplay } from '../../../core/sanitize.js';
import { wrap } from '../../../core/text.js';
import { FormButton, LabelledValue } from '../../components/FormRow.js';
import { useKeyedReducer } from '../../hooks/useKeyedReducer.js';
import { useScreenKeys } from '../../input/KeyInput.js';
import { footer, pressed } from '../../keys.js';
import { useTheme } from '../../theme.js';
import { compareSetupReducer, initialCompareSetup, sideB, type CompareSetupContext, type CompareSetupField } from './compareSetup.js';

export interface CompareSetupScreenProps {
  seeker: Persona;
  A: CompareSetupContext['A'];
  supporters: readonly Persona[];
  /** Starts the comparison; resolves to why it could not (shown here), or undefined once it has. */
  onStart(B: SideSetup): Promise<string | undefined>;
  onCancel(): void;
}

const LABEL_WIDTH = 14;

/** Home's compare mode: side A is the home choice; pick what side B has of its own. */
export function CompareSetupScreen({ seeker, A, supporters, onStart, onCancel }: CompareSetupScreenProps) {
  const theme = useTheme();
  const { columns } = useWindowSize();
  const width = Math.min(100, Math.max(20, columns - 1));
  const context = useMemo<CompareSetupContext>(() => ({ A, supporters }), [A, supporters]);
  const reducer = useMemo(() => compareSetupReducer(context), [context]);
  const [state, dispatch, latest] = useKeyedReducer(reducer, () => initialCompareSetup(context));
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const checked = sideB(state, context);

  useScreenKeys(({ input, key }) => {
    if (busy) return;
    const move = pressed('forkForm', 'move', input, key);
    if (move) return dispatch({ type: 'move', delta: move === 'up' || move === 'shift+tab' ? -1 : 1 });
    const adjust = pressed('forkForm', 'adjust', input, key);
    if (adjust) return dispatch({ type: 'adjust', delta: adjust === 'left' ? -1 : 1 });
    if (pressed('forkForm', 'cancel', input, key)) return onCancel();
    if (!pressed('forkForm', 'confirm', input, key)) return;
    const now = latest.current;
    if (now.focus === 'cancel') return onCancel();
    if (now.focus !== 'start') return dispatch({ type: 'move', delta: 1 });
    const b = sideB(now, context);
    if (!b.ok) return;
    setBusy(true);
    setFailure(undefined);
    void onStart(b.B).then((why) => {
      if (why === undefined) return;
      setBusy(false);
      setFailure(why);
    });
  });

  const name = (id: string) => cleanForDisplay(supporters.find((p) => p.id === id)?.name ?? id);
  const row = (field: CompareSetupField, label: string, value: string, differs: boolean) => (
    <LabelledValue label={label} labelWidth={LABEL_WIDTH} focused={state.focus === field} value={`‹${value}›`} valueColor={differs ? theme.accent : undefined} invertWhenFocused />
  );
  return (
    <Box flexDirection="column" width={width} borderStyle="round" borderColor={theme.accent}>
      <Text bold color={theme.accent} wrap="truncate-end">
        Compare side by side · seeker {cleanForDisplay(seeker.name)} · same seed and opening
      </Text>
      <Text wrap="truncate-end">
        {'  '}A {cleanForDisplay(A.supporter.name)} · {A.condition} · {A.engine}
        <Text color={theme.muted}> (from home)</Text>
      </Text>
      <Text wrap="truncate-end">{'  '}B, with its own:</Text>
      {row('supporter', 'Supporter', name(state.supporterId), state.supporterId !== A.supporter.id)}
      {row('condition', 'Condition', state.condition, state.condition !== A.condition)}
      {row('engine', 'Engine', state.engine, state.engine !== A.engine)}
      <Box columnGap={1}>
        <FormButton label={busy ? 'Starting…' : 'Start both'} focused={state.focus === 'start'} disabled={!checked.ok || busy} />
        <FormButton label="Cancel" focused={state.focus === 'cancel'} />
      </Box>
      {checked.ok ? null : <Text color={theme.warning}>{wrap(checked.problem, width - 2).join('\n')}</Text>}
      {failure ? <Text color={theme.danger}>{wrap(cleanForDisplay(failure), width - 2).join('\n')}</Text> : null}
      <Text color={theme.muted} wrap="truncate-end">
        {footer('forkForm', undefined, width - 2)}
      </Text>
    </Box>
  );
}
