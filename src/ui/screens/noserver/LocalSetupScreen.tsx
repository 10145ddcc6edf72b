import { Box, Text, useWindowSize } from 'ink';
import { useState } from 'react';
import type { Application } from '../../../app/application.js';
import { downloadProgressText, formatBytes } from '../../../app/local.js';
import { cleanForDisplay } from '../../../core/sanitize.js';
import { useScreenKeys } from '../../input/KeyInput.js';
import { footer, keysOf, pressed } from '../../keys.js';
import { useTheme } from '../../theme.js';
import type { LocalSetupState } from './localSetupState.js';
import { useLocalSetup, type LocalSetupHandlers } from './useLocalSetup.js';

export interface LocalSetupScreenProps extends LocalSetupHandlers {
  app: Application;
}

/** Installs the runtime, downloads and checks the model, and loads it, showing each step; Esc stops. */
export function LocalSetupScreen({ app, onReady, onStopped }: LocalSetupScreenProps) {
  const [offer] = useState(() => app.local.offer());
  const [state, stop] = useLocalSetup(app, { onReady, onStopped });
  useScreenKeys(({ input, key }) => {
    if (pressed('localSetup', 'stop', input, key)) stop();
  });
  return <LocalSetupView state={state} modelName={offer.download.name} sizeBytes={offer.download.sizeBytes} licence={offer.download.licence} runtimeReady={offer.runtimeReady} />;
}

export interface LocalSetupViewProps {
  state: LocalSetupState;
  modelName: string;
  sizeBytes: number;
  licence: string;
  /** The runtime is installed already: the first step only checks it. */
  runtimeReady?: boolean;
}

/** The setup's steps as they go; a pure view of the state. */
export function LocalSetupView({ state, modelName, sizeBytes, licence, runtimeReady = false }: LocalSetupViewProps) {
  const theme = useTheme();
  const { columns } = useWindowSize();
  const width = Math.max(40, columns - 1);
  const { phase, progress } = state;
  const heading: Record<typeof phase, string> = {
    installing: runtimeReady ? 'Checking the llama.cpp runtime…' : 'Installing the llama.cpp runtime (once)…',
    downloading: `Downloading ${cleanForDisplay(modelName)} (${formatBytes(sizeBytes)}, ${cleanForDisplay(licence)})${progress?.resumedFrom ? `, going on from ${formatBytes(progress.resumedFrom)}` : ''}`,
    verifying: 'Checking the SHA-256…',
    loading: 'Loading the model…',
    stopping: 'Stopping: what has arrived is kept…',
    failed: 'The local model could not be set up',
  };
  return (
    <Box flexDirection="column" width={width}>
      <Text bold color={theme.accent}>
        Getting the model inside the app ready
      </Text>
      <Text color={phase === 'failed' ? theme.danger : undefined} wrap="truncate-end">
        {heading[phase]}
      </Text>
      {progress ? (
        <Text wrap="truncate-end">{downloadProgressText(progress, width - 2)}</Text>
      ) : null}
      {state.error ? (
        <Text color={theme.danger} wrap="wrap">
          {cleanForDisplay(state.error)}
        </Text>
      ) : null}
      <Box flexDirection="column" marginTop={1}>
        {state.lines.map((line, i) => (
          <Text key={i} dimColor wrap="truncate-end">
            {cleanForDisplay(line)}
          </Text>
        ))}
      </Box>
      <Box marginTop={1}>
        <Text dimColor wrap="truncate-end">
          {phase === 'failed' ? `${keysOf('localSetup', 'stop')} back` : phase === 'loading' || phase === 'stopping' ? ' ' : footer('localSetup')}
        </Text>
      </Box>
    </Box>
  );
}
