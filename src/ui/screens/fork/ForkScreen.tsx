import { Box, useWindowSize } from 'ink';
import { useRef, useState } from 'react';
import type { ForkSource } from '../../../app/fork.js';
import type { Persona } from '../../../core/personas/schema.js';
import { useScreenKeys } from '../../input/KeyInput.js';
import { initialForkForm } from './forkForm.js';
import { ForkForm } from './ForkForm.js';
import { forkFormKey, type ForkOrder, type OpenForkForm } from './forkFormKeys.js';

export interface ForkScreenProps {
  /** A saved session (from the session browser). */
  source: ForkSource;
  library: readonly Persona[];
  onFork(order: ForkOrder): Promise<string | undefined>;
  /** Esc or Cancel: back where it was opened. */
  onCancel(): void;
}

/** The fork form on its own screen, for a saved session: the turn to fork at is the form's first field. */
export function ForkScreen({ source, library, onFork, onCancel }: ForkScreenProps) {
  const { columns } = useWindowSize();
  const [form, setForm] = useState<OpenForkForm>(() => ({ state: initialForkForm(source), context: { source, library } }));
  const latest = useRef<OpenForkForm | undefined>(form);
  const set = (next: OpenForkForm | undefined) => {
    latest.current = next;
    if (next) setForm(next);
    else onCancel();
  };
  useScreenKeys((press) => {
    const open = latest.current;
    if (open) forkFormKey(press, open, set, () => latest.current, onFork);
  });
  return (
    <Box flexDirection="column">
      <ForkForm state={form.state} context={form.context} width={Math.min(100, Math.max(20, columns - 1))} />
    </Box>
  );
}
