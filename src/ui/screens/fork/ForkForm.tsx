import { Box, Text } from 'ink';
import { checkFork, describeChanges } from '../../../app/fork.js';
import { cleanForDisplay } from '../../../core/sanitize.js';
import { traitBar, wrap } from '../../../core/text.js';
import { FormButton, LabelledValue } from '../../components/FormRow.js';
import { footer } from '../../keys.js';
import { useTheme } from '../../theme.js';
import { checkForkForm, personaFor, traitShown, type ForkField, type ForkFormContext, type ForkFormState } from './forkForm.js';

export interface ForkFormProps {
  state: ForkFormState;
  context: ForkFormContext;
  width: number;
}

const LABEL_WIDTH = 14;

/**
 * "Fork from turn k with …": the parent's values, pre-filled, each changed with
 * ←→; what the fork would change and every problem with it, as you go.
 */
export function ForkForm({ state, context, width }: ForkFormProps) {
  const theme = useTheme();
  const { source } = context;
  const { checked, request } = checkForkForm(state, context);
  const changes = request.changes.length;
  const shown = (text: string) => cleanForDisplay(text);
  const row = (field: ForkField, label: string, value: string, changed = false) => (
    <LabelledValue key={field} label={label} labelWidth={LABEL_WIDTH} focused={state.focus === field} value={`‹${value}›`} valueColor={changed ? theme.accent : undefined} invertWhenFocused />
  );
  const supporter = personaFor('supporter', state, context);
  const seeker = personaFor('seeker', state, context);
  const trait = traitShown(state, context);
  const { header } = source;
  const inner = Math.max(20, width - 2);
  // Below 80 columns the trait's --set path and the long button label make way.
  const wide = width >= 80;
  // With nothing changed yet, the form says so quietly; anything else wrong is shown as it is.
  const onlyUnchanged = changes === 0 && checkFork(source, { ...request, allowUnchanged: true }).ok;
  const problems = checked.ok ? [] : checked.problems.flatMap((p) => wrap(`✖ ${p}`, inner));
  const disabled = !checked.ok || state.busy;
  return (
    <Box flexDirection="column" width={width} borderStyle="round" borderColor={theme.accent} paddingX={0}>
      <Text bold color={theme.accent} wrap="truncate-end">
        Fork: keep turns 1..{state.at} of {source.turns.length}, then go on with
      </Text>
      <Text color={theme.muted} wrap="truncate-end">
        {shown(header.id)}
      </Text>
      {row('at', 'Fork at turn', String(state.at), state.at !== source.turns.length)}
      {row('supporter', 'Supporter', shown(supporter.name), supporter.id !== header.personas.supporter.id)}
      {row('seeker', 'Seeker', shown(seeker.name), seeker.id !== header.personas.seeker.id)}
      {row('condition', 'Condition', state.condition, state.condition !== header.condition)}
      {row('temperature', 'Temperature', state.temperature === undefined ? 'default' : state.temperature.toFixed(1), state.temperature !== header.temperature)}
      {row('trait', 'Trait', wide ? `${trait.label} (${trait.path})` : trait.label)}
      {row('traitValue', '  value', trait.value === undefined ? 'no trait scores' : `${traitBar(trait.value, 8)} ${trait.value.toFixed(1)}`, trait.changed)}
      <Box columnGap={1} flexWrap="wrap">
        <FormButton label={state.busy ? 'Starting…' : 'Fork'} focused={state.focus === 'fork'} disabled={disabled} />
        <FormButton label={wide ? 'Compare with the parent continuing' : 'Compare with the parent'} focused={state.focus === 'compare'} disabled={disabled} />
        <FormButton label="Cancel" focused={state.focus === 'cancel'} />
      </Box>
      {checked.ok || onlyUnchanged ? (
        <Text color={theme.muted}>
          {checked.ok ? `changes: ${shown(describeChanges(checked.plan.changes))}` : 'Nothing changed yet: change a value with ←→ (the changed ones are highlighted).'}
        </Text>
      ) : (
        <Text color={theme.danger}>{problems.join('\n')}</Text>
      )}
      {state.failure ? <Text color={theme.danger}>{wrap(shown(state.failure), inner).join('\n')}</Text> : null}
      <Text color={theme.muted} wrap="truncate-end">
        {footer('forkForm', undefined, inner)}
      </Text>
    </Box>
  );
}
