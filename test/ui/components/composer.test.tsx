import { render } from 'ink-testing-library';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { Composer } from '../../../src/ui/components/Composer.js';
import { frame, press, typeText, waitForFrame } from '../helpers.js';

function Harness({ onSubmit }: { onSubmit: (text: string) => void }) {
  const [value, setValue] = useState('');
  return (
    <Composer
      value={value}
      onChange={setValue}
      onSubmit={(text) => {
        onSubmit(text);
        setValue('');
      }}
      onTruncated={() => undefined}
      active
      width={60}
      label="You (seeker)"
    />
  );
}

describe('Composer', () => {
  it('fixes a typo in the middle: ← moves the cursor, typing inserts there, Enter sends the whole text', async () => {
    const sent: string[] = [];
    const r = render(<Harness onSubmit={(t) => sent.push(t)} />);
    await typeText(r, 'I cant sleep');
    await waitForFrame(r, 'I cant sleep');
    for (let i = 0; i < 'nt sleep'.length - 1; i++) await press(r, 'left');
    await typeText(r, "'");
    await waitForFrame(r, "I can'▍t sleep"); // the cursor sits after the inserted apostrophe
    await press(r, 'enter');
    expect(sent).toEqual(["I can't sleep"]);
    expect(frame(r)).not.toContain('sleep');
  });
});
