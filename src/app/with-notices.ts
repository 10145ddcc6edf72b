import type { EngineEvent } from '../core/engine/events.js';
import type { Conversation } from '../core/engine/types.js';

/**
 * The conversation with notices of the app's own (what it decided for this run,
 * such as a gentler judge cadence on a CPU) said right after it starts, where
 * both front ends show notices. They are not recorded: the header holds the
 * settings themselves.
 */
export function withNotices(conversation: Conversation, notices: readonly string[]): Conversation {
  if (notices.length === 0) return conversation;
  return {
    async *events(): AsyncGenerator<EngineEvent, void, undefined> {
      let said = false;
      for await (const event of conversation.events()) {
        yield event;
        if (!said && event.type === 'session-started') {
          said = true;
          for (const message of notices) yield { type: 'notice', level: 'info', message, about: 'run' };
        }
      }
    },
    pause: () => conversation.pause(),
    resume: () => conversation.resume(),
    step: () => conversation.step(),
    steer: (strategy) => conversation.steer(strategy),
    stop: () => conversation.stop(),
    submitHuman: (text, strategy) => conversation.submitHuman(text, strategy),
    get sessionPath() {
      return conversation.sessionPath;
    },
  };
}
